"""Scheduled jobs (end-of-day prompts, digests) on APScheduler 3, guarded by a database lock.

APScheduler keeps its state in memory: each replica runs its own scheduler, and every tick first takes
a database lock (``bot.locks``) so only one replica does the work; what the work writes (a ``Prompt`` row
per person and date, a ``Digest`` row per period) is unique, so even a lost lock cannot double a send.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timezone

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from slack_sdk import WebClient

from bot.locks import try_exclusive
from bot.logs import safe_traceback
from bot.services import Services

log = logging.getLogger(__name__)

JobFunc = Callable[[Services, WebClient], object]


@dataclass(frozen=True)
class Job:
    id: str
    func: JobFunc
    trigger: BaseTrigger
    misfire_grace_time: int = 300


def run_guarded(job: Job, services: Services, client: WebClient) -> None:
    """Run one tick of ``job`` if no other replica is running it; never let an error kill the scheduler."""
    try:
        with try_exclusive(services.db, f"job:{job.id}") as got:
            if not got:
                log.info("job %s is running elsewhere; skipping this tick", job.id)
                return
            job.func(services, client)
    except Exception as exc:  # noqa: BLE001 - logged without payload; the next tick tries again
        log.error("job %s failed\n%s", job.id, safe_traceback(exc))


def build_scheduler(services: Services, client: WebClient, jobs: list[Job]) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone=timezone.utc)
    for job in jobs:
        scheduler.add_job(run_guarded, job.trigger, args=(job, services, client), id=job.id, name=job.id,
                          replace_existing=True, coalesce=True, max_instances=1,
                          misfire_grace_time=job.misfire_grace_time)
    return scheduler


def default_jobs() -> list[Job]:
    """Every scheduled job of the app. Features add theirs here."""
    from bot.services import digest_jobs, prompts

    return digest_jobs.jobs() + prompts.jobs()

"""The prompts job is scheduled with the others and runs under the scheduler's database lock."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.scheduler import Job, run_guarded
from bot.services import prompts
from tests.prompts.support import Env


def test_prompts_job_is_scheduled_every_minute() -> None:
    [job] = prompts.jobs()  # bot.scheduler.default_jobs() adds these to the digest jobs
    assert job.id == "prompts" and job.misfire_grace_time > 0
    assert job.trigger.interval.total_seconds() == 60  # type: ignore[attr-defined]


def test_a_guarded_tick_sends_and_a_failure_does_not_escape(env: Env) -> None:
    env.staff("U0001", prompt_time="00:00", prompt_days=0b1111111, tz="UTC")
    runner = env.runner()
    now = datetime.now(timezone.utc).replace(hour=0, minute=5)
    job = Job("prompts", lambda services, client: runner.tick(services, client, now=now), runner.job().trigger)

    run_guarded(job, env.services, env.client)
    env.services.db.dispose()  # a broken tick (the database gone) is logged, not raised
    run_guarded(Job("prompts", lambda s, c: 1 / 0, job.trigger), env.services, env.client)

    assert env.posts_per_channel() == {"D0001": 1}

"""The weekly digest on its schedule: each workspace's own weekday, time and time zone.

Every tick looks for the latest period whose digest is due and not yet posted; one missed while the app
was down is posted when it comes back (once), marked late.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from bot.scheduler import Job
from bot.services import Services
from bot.services.digest_compose import deliver_weekly
from bot.services.digests import workspaces_with_digests
from models import Workspace

log = logging.getLogger(__name__)
LATE_AFTER = timedelta(hours=1)


def jobs() -> list[Job]:
    return [Job("weekly-digests", tick, IntervalTrigger(minutes=5), misfire_grace_time=600)]


def tick(services: Services, client: WebClient, now: datetime | None = None) -> list[int]:
    """Post every digest that is due; returns the ids of the digests posted."""
    now = now or datetime.now(timezone.utc)
    with services.db.session() as session:
        workspaces = list(workspaces_with_digests(session))
    posted = []
    for workspace in workspaces:
        start, end, due = latest_due_week(workspace, now)
        digest_id = deliver_weekly(services, client, workspace, start, end, now=now, late=now - due > LATE_AFTER)
        if digest_id is not None:
            posted.append(digest_id)
    return posted


def latest_due_week(workspace: Workspace, now: datetime) -> tuple[datetime, datetime, datetime]:
    """The most recent full week (Monday 00:00 to Monday 00:00, local) whose digest time has passed, and
    that time: with the default Monday 08:00, on Monday 09:00 it is last week; on Monday 07:00 the week
    before."""
    tz = ZoneInfo(workspace.timezone or "UTC")
    local = now.astimezone(tz)
    hour, minute = (int(x) for x in (workspace.digest_time or "08:00").split(":"))
    week_start = local.date() - timedelta(days=local.weekday())
    due = _at(week_start + timedelta(days=workspace.digest_weekday or 0), time(hour, minute), tz)
    if local < due:
        week_start -= timedelta(weeks=1)
        due = _at(week_start + timedelta(days=workspace.digest_weekday or 0), time(hour, minute), tz)
    start = _at(week_start - timedelta(weeks=1), time(0, 0), tz)
    end = _at(week_start, time(0, 0), tz)
    return start, end, due


def _at(day: date, at: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz)

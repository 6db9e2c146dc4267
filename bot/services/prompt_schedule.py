"""Who is due an end-of-day prompt at a given moment: pure functions, no database, no Slack.

A person's prompt is due at their end-of-shift time on the local date in their own time zone, on their work
days, unless prompts are off, they paused them until a date, or it is a public holiday where the workspace
is. A tick that runs late still sends a prompt whose time passed within ``GRACE``; older ones are too late
to be useful and are skipped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

GRACE = timedelta(hours=2)
# How far back a tick looks for prompts that were due but never sent (to mark them skipped, not send them).
LATE_HORIZON = timedelta(hours=12)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS = 0b0011111
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Rules:
    """Everything that decides one person's prompt, with the workspace defaults already applied."""

    tz: str
    prompt_time: str = "17:30"
    days: int = WEEKDAYS
    enabled: bool = True
    paused_until: date | None = None
    holiday_country: str | None = None
    holiday_subdivision: str | None = None


@dataclass(frozen=True)
class Slot:
    """A prompt that is due (``late`` False) or was due too long ago to send (``late`` True)."""

    local_date: date
    at: datetime  # UTC
    late: bool


def parse_time(value: str | None) -> time | None:
    """``"17:30"`` as a time; None for anything else."""
    match = _HHMM.match((value or "").strip())
    return time(int(match.group(1)), int(match.group(2))) if match else None


def zone(name: str | None, fallback: str = "UTC") -> ZoneInfo:
    """The IANA zone ``name``, or ``fallback`` when it is missing or unknown."""
    for candidate in (name, fallback, "UTC"):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def scheduled_at(local_date: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC moment of ``at`` on ``local_date`` in ``tz``. A time skipped by a DST change (02:30 on the
    night clocks go forward) falls an hour later, as the wall clock reads; a repeated one takes the first
    (zoneinfo's ``fold=0`` reads a skipped time with the offset before the change, which is exactly that)."""
    return datetime.combine(local_date, at, tzinfo=tz).astimezone(timezone.utc)


def works_on(days: int, day: date) -> bool:
    return bool(days & (1 << day.weekday()))


def days_mask(weekdays: list[int]) -> int:
    mask = 0
    for day in weekdays:
        if 0 <= day <= 6:
            mask |= 1 << day
    return mask


def days_list(mask: int) -> list[int]:
    return [d for d in range(7) if mask & (1 << d)]


@lru_cache(maxsize=256)
def _holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    import holidays

    try:
        return frozenset(holidays.country_holidays(country, subdiv=subdivision or None, years=year).keys())
    except NotImplementedError:
        log.warning("unknown holiday country/subdivision %s/%s: no holidays skipped", country, subdivision)
        return frozenset()


def is_holiday(country: str | None, subdivision: str | None, day: date) -> bool:
    """True on a public holiday of ``country`` (and ``subdivision``), per the ``holidays`` package."""
    if not country:
        return False
    return day in _holidays(country.upper(), (subdivision or "").upper() or None, day.year)


def prompts_on(rules: Rules, day: date) -> bool:
    """Whether ``day`` (a local date) gets a prompt at all: on, a work day, not paused, not a holiday."""
    if not rules.enabled or not works_on(rules.days, day):
        return False
    if rules.paused_until is not None and day <= rules.paused_until:
        return False
    return not is_holiday(rules.holiday_country, rules.holiday_subdivision, day)


def slot(rules: Rules, now: datetime, *, grace: timedelta = GRACE, horizon: timedelta = LATE_HORIZON
         ) -> Slot | None:
    """The prompt due at ``now`` for these rules (within ``grace`` of its time), or the one that was due and
    is now too late (up to ``horizon`` ago), or None. Today's and yesterday's local dates are both looked at,
    so a prompt at 23:30 is still caught by a tick at 00:10."""
    at = parse_time(rules.prompt_time) or time(17, 30)
    tz = zone(rules.tz)
    today = now.astimezone(tz).date()
    for day in (today, today - timedelta(days=1)):
        moment = scheduled_at(day, at, tz)
        if moment > now:
            continue
        if now - moment > horizon:
            return None
        if not prompts_on(rules, day):
            return None
        return Slot(day, moment, late=now - moment > grace)
    return None


def upcoming(rules: Rules, now: datetime, within: timedelta) -> datetime | None:
    """When the next prompt falls, if it falls within ``within`` from ``now`` (for refreshing time zones
    ahead of it)."""
    at = parse_time(rules.prompt_time) or time(17, 30)
    tz = zone(rules.tz)
    today = now.astimezone(tz).date()
    for day in (today, today + timedelta(days=1)):
        moment = scheduled_at(day, at, tz)
        if now < moment <= now + within and prompts_on(rules, day):
            return moment
    return None


def local_midnight(local_date: date, tz_name: str | None) -> datetime:
    """The UTC moment ``local_date`` starts in ``tz_name`` (for "you logged N notes today")."""
    return scheduled_at(local_date, time(0, 0), zone(tz_name))

"""Which notes a digest covers: a half-open span of time, read from what a manager typed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import InvalidInput

MAX_DAYS = 92
USAGE = "Use `last week`, `this week` or a range of dates like `2026-11-01..2026-11-14`."
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|to|–|—)\s*(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class Period:
    """``[start, end)``, time-zone aware. The label is written in the zone the period was made in."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("a period needs time-zone-aware datetimes")
        if self.end <= self.start:
            raise ValueError("a period must end after it starts")

    @property
    def label(self) -> str:
        first, last = self.start, self.end - timedelta(microseconds=1)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}-{last.day} {last:%b %Y}" if first.day != last.day else f"{last.day} {last:%b %Y}"
        if first.year == last.year:
            return f"{first.day} {first:%b} - {last.day} {last:%b %Y}"
        return f"{first.day} {first:%b %Y} - {last.day} {last:%b %Y}"

    @property
    def days(self) -> float:
        return (self.end - self.start) / timedelta(days=1)

    def previous(self) -> Period:
        """The span of the same length just before this one (same local clock times across DST)."""
        tz = self.start.tzinfo
        length = self.end.replace(tzinfo=None) - self.start.replace(tzinfo=None)
        start = (self.start.replace(tzinfo=None) - length).replace(tzinfo=tz)
        return Period(_normalise(start), self.start)

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def parse_period(text: str, *, now: datetime, tz: str = "UTC", week_start: int = 0) -> Period:
    """``""``/``"last week"``: the last full week; ``"this week"``: from its first day to now;
    ``"YYYY-MM-DD..YYYY-MM-DD"``: those days inclusive, in ``tz``. Anything else raises InvalidInput."""
    zone = _zone(tz)
    local_now = now.astimezone(zone)
    words = " ".join(text.lower().split())
    this_week = local_now.date() - timedelta(days=(local_now.weekday() - week_start) % 7)
    if words in ("", "last week", "last", "previous week"):
        return Period(_at(this_week - timedelta(days=7), zone), _at(this_week, zone))
    if words in ("this week", "this", "current week"):
        start = _at(this_week, zone)
        return Period(start, max(local_now, start + timedelta(minutes=1)))
    match = _RANGE.match(words)
    if match is None:
        raise InvalidInput(f"That period is not one I know. {USAGE}")
    try:
        first, last = date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
    except ValueError:
        raise InvalidInput(f"One of those dates does not exist. {USAGE}") from None
    if last < first:
        raise InvalidInput("The range ends before it starts: put the earlier date first.")
    if (last - first).days + 1 > MAX_DAYS:
        raise InvalidInput(f"A digest covers at most {MAX_DAYS} days; pick a shorter range.")
    if first > local_now.date():
        raise InvalidInput("That range starts in the future, so there is nothing to read yet.")
    return Period(_at(first, zone), _at(last + timedelta(days=1), zone))


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _at(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def _normalise(moment: datetime) -> datetime:
    # A wall-clock time that falls in a DST gap is pushed through UTC and back, as zoneinfo resolves it.
    return moment.astimezone(timezone.utc).astimezone(moment.tzinfo)

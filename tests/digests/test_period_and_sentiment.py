"""Periods read from what a manager types, and the mood score on complaint-style notes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.errors import InvalidInput
from digests import parse_period
from digests.sentiment import score, vader

UTC = timezone.utc
SUNDAY_NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "tz", "start", "end"), [
    ("", "UTC", "2026-11-09 00:00", "2026-11-16 00:00"),
    ("last week", "Europe/London", "2026-11-09 00:00", "2026-11-16 00:00"),
    ("This Week", "UTC", "2026-11-16 00:00", "2026-11-22 12:00"),
    ("2026-11-01..2026-11-14", "UTC", "2026-11-01 00:00", "2026-11-15 00:00"),
    # Auckland is already Monday 01:00 on Sunday noon UTC: its last week is the one just ended.
    ("last week", "Pacific/Auckland", "2026-11-16 00:00", "2026-11-23 00:00"),
    # Los Angeles is still Sunday 04:00: "this week" began last Monday there, "last week" the one before.
    ("this week", "America/Los_Angeles", "2026-11-16 00:00", "2026-11-22 04:00"),
    ("  LAST   week ", "America/Los_Angeles", "2026-11-09 00:00", "2026-11-16 00:00"),
])
def test_parse_period(text: str, tz: str, start: str, end: str) -> None:
    period = parse_period(text, now=SUNDAY_NOON, tz=tz)

    assert period.start.strftime("%Y-%m-%d %H:%M") == start
    assert period.end.strftime("%Y-%m-%d %H:%M") == end


def test_last_week_across_the_clock_change_is_seven_local_days() -> None:
    # New York leaves summer time on Sunday 1 November 2026: that week has 169 hours.
    period = parse_period("last week", now=datetime(2026, 11, 4, 15, 0, tzinfo=UTC), tz="America/New_York")

    assert (period.start.strftime("%Y-%m-%d %H:%M"), period.end.strftime("%Y-%m-%d %H:%M")) == \
        ("2026-10-26 00:00", "2026-11-02 00:00")
    assert period.end.astimezone(UTC) - period.start.astimezone(UTC) == timedelta(days=7, hours=1)
    assert period.start.astimezone(UTC).hour == 4 and period.end.astimezone(UTC).hour == 5
    assert period.label == "26 Oct - 1 Nov 2026"


def test_a_week_can_start_on_sunday() -> None:
    period = parse_period("last week", now=SUNDAY_NOON, week_start=6)

    assert (period.start.day, period.end.day, period.start.weekday()) == (15, 22, 6)


def test_a_range_across_the_clock_change_covers_whole_local_days() -> None:
    period = parse_period("2026-10-19..2026-10-25", now=SUNDAY_NOON, tz="Europe/London")

    # The autumn night has 25 hours (aware datetimes in one zone subtract as wall clocks: compare in UTC).
    assert period.end.astimezone(UTC) - period.start.astimezone(UTC) == timedelta(days=7, hours=1)
    previous = period.previous()
    assert previous.end == period.start and previous.start.strftime("%m-%d %H:%M") == "10-12 00:00"


@pytest.mark.parametrize(("text", "message"), [
    ("next tuesday", "not one I know"), ("2026-02-30..2026-03-02", "does not exist"),
    ("2026-11-10..2026-11-01", "ends before it starts"), ("2026-01-01..2026-06-30", "at most 92 days"),
    ("2027-01-01..2027-01-07", "future"), ("", None), ("last month", "not one I know"),
    ("2026-11-01 .. 2026-11-07; drop table", "not one I know"),
])
def test_bad_periods_are_refused_with_the_reason(text: str, message: str | None) -> None:
    if message is None:  # empty means last week, not an error
        assert parse_period(text, now=SUNDAY_NOON).label == "9-15 Nov 2026"
        return
    with pytest.raises(InvalidInput) as caught:
        parse_period(text, now=SUNDAY_NOON)

    assert message in caught.value.message
    if "not one I know" in message:
        assert "last week" in caught.value.message and "YYYY" not in caught.value.message  # shows the usage


def test_period_labels() -> None:
    assert parse_period("2026-11-16..2026-11-22", now=SUNDAY_NOON).label == "16-22 Nov 2026"
    assert parse_period("2026-10-26..2026-11-08", now=SUNDAY_NOON).label == "26 Oct - 8 Nov 2026"


@pytest.mark.parametrize("complaint", [
    "queue was 20 mins", "oat milk out of stock again", "self checkout wouldn't take coins",
    "had to ask three times for help", "checkout took 25 minutes", "app keeps crashing at payment",
    "stood at the counter for 10 minutes", "card machine was down all morning", "eggs were cracked",
])
def test_complaints_vader_misses_read_negative(complaint: str) -> None:
    assert vader(complaint) > -0.05  # VADER: neutral, or even positive ("help")
    assert score(complaint) < -0.05


@pytest.mark.parametrize(("text", "sign"), [
    ("customer thanked the team, really helpful", 1), ("she was not happy with the wait", -1),
    ("staff were not rude at all, very patient", 1), ("asked where the post office is", 0),
    ("customer asked if we sell gift wrap", 0),  # VADER alone reads "gift" as praise
    ("not long to wait today, she was pleased", 1), ("the queue was never this long before", -1),
])
def test_sentiment_signs(text: str, sign: int) -> None:
    value = score(text)
    assert -1 <= value <= 1
    assert (0 if abs(value) < 0.05 else (1 if value > 0 else -1)) == sign

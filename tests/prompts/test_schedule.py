"""Who is due when: own time zone across DST changes, work days, pause-until, holidays, the grace window."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from bot.services.prompt_schedule import Rules, scheduled_at, slot, upcoming, zone

UTC = timezone.utc


@pytest.mark.parametrize(("tz", "day", "at", "expected_utc"), [
    # Los Angeles: PDT (UTC-7) until 1 November 2026, PST (UTC-8) after.
    ("America/Los_Angeles", date(2026, 10, 30), time(17, 30), datetime(2026, 10, 31, 0, 30, tzinfo=UTC)),
    ("America/Los_Angeles", date(2026, 11, 2), time(17, 30), datetime(2026, 11, 3, 1, 30, tzinfo=UTC)),
    # Auckland: NZST (UTC+12) until 27 September 2026, NZDT (UTC+13) after.
    ("Pacific/Auckland", date(2026, 9, 25), time(17, 30), datetime(2026, 9, 25, 5, 30, tzinfo=UTC)),
    ("Pacific/Auckland", date(2026, 9, 28), time(17, 30), datetime(2026, 9, 28, 4, 30, tzinfo=UTC)),
    # A time the clocks skip (02:30 on 8 March 2026 in LA) reads as the wall clock after the jump: 03:30 PDT.
    ("America/Los_Angeles", date(2026, 3, 8), time(2, 30), datetime(2026, 3, 8, 10, 30, tzinfo=UTC)),
])
def test_scheduled_time_follows_each_zone_across_dst(tz: str, day: date, at: time, expected_utc: datetime) -> None:
    assert scheduled_at(day, at, zone(tz)) == expected_utc


def test_auckland_and_los_angeles_on_the_same_tick_get_their_own_local_dates() -> None:
    la = Rules(tz="America/Los_Angeles", prompt_time="17:30")
    akl = Rules(tz="Pacific/Auckland", prompt_time="13:30")
    tick = datetime(2026, 10, 27, 0, 35, tzinfo=UTC)  # Mon 26 Oct 17:35 in LA, Tue 27 Oct 13:35 in Auckland

    la_slot, akl_slot = slot(la, tick), slot(akl, tick)

    assert la_slot is not None and akl_slot is not None
    assert (la_slot.local_date, akl_slot.local_date) == (date(2026, 10, 26), date(2026, 10, 27))
    assert not la_slot.late and not akl_slot.late


def test_after_the_us_clock_change_the_same_utc_tick_is_an_hour_early_in_los_angeles() -> None:
    la = Rules(tz="America/Los_Angeles", prompt_time="17:30")
    # 00:35 UTC was 17:35 in LA a week earlier; after 1 November it is 16:35: not due yet.
    assert slot(la, datetime(2026, 11, 3, 0, 35, tzinfo=UTC)) is None
    found = slot(la, datetime(2026, 11, 3, 1, 35, tzinfo=UTC))
    assert found is not None and found.at == datetime(2026, 11, 3, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(("day", "days", "expected"), [
    (date(2026, 11, 27), 0b0011111, True),   # Friday, Monday to Friday
    (date(2026, 11, 28), 0b0011111, False),  # Saturday
    (date(2026, 11, 28), 0b1100000, True),   # Saturday, weekend worker
    (date(2026, 11, 25), 0b1100000, False),  # Wednesday, weekend worker
])
def test_work_days(day: date, days: int, expected: bool) -> None:
    rules = Rules(tz="UTC", prompt_time="17:30", days=days)
    tick = datetime.combine(day, time(17, 40), tzinfo=UTC)
    assert (slot(rules, tick) is not None) is expected


def test_pause_until_skips_every_day_up_to_and_including_the_date() -> None:
    rules = Rules(tz="UTC", prompt_time="17:30", paused_until=date(2026, 11, 26))
    assert slot(rules, datetime(2026, 11, 26, 17, 40, tzinfo=UTC)) is None
    assert slot(rules, datetime(2026, 11, 27, 17, 40, tzinfo=UTC)) is not None


@pytest.mark.parametrize(("country", "subdivision", "day", "expected"), [
    ("GB", "ENG", date(2026, 12, 25), False),  # Christmas Day
    ("GB", "SCT", date(2026, 11, 30), False),  # St Andrew's Day: a holiday in Scotland
    ("GB", "ENG", date(2026, 11, 30), True),   # ... but not in England
    ("US", None, date(2026, 11, 26), False),   # Thanksgiving
    (None, None, date(2026, 12, 25), True),    # no country set: no holiday skipped
    ("XX", None, date(2026, 12, 25), True),    # unknown country: logged, nothing skipped
])
def test_public_holidays_of_the_workspace_country(country: str | None, subdivision: str | None, day: date,
                                                  expected: bool) -> None:
    rules = Rules(tz="UTC", prompt_time="17:30", holiday_country=country, holiday_subdivision=subdivision)
    assert (slot(rules, datetime.combine(day, time(17, 40), tzinfo=UTC)) is not None) is expected


def test_grace_window_catches_up_then_gives_up() -> None:
    rules = Rules(tz="UTC", prompt_time="17:30")
    day = date(2026, 11, 24)
    at = datetime.combine(day, time(17, 30), tzinfo=UTC)
    assert slot(rules, at - timedelta(minutes=1)) is None
    assert slot(rules, at + timedelta(minutes=90)) == slot(rules, at)
    late = slot(rules, at + timedelta(hours=3))
    assert late is not None and late.late
    assert slot(rules, at + timedelta(hours=13)) is None


def test_a_late_evening_prompt_is_caught_after_midnight_on_its_own_date() -> None:
    rules = Rules(tz="Europe/London", prompt_time="23:30")
    found = slot(rules, datetime(2026, 11, 25, 0, 10, tzinfo=UTC))
    assert found is not None and found.local_date == date(2026, 11, 24) and not found.late


def test_upcoming_finds_the_next_prompt_within_the_window_only() -> None:
    rules = Rules(tz="UTC", prompt_time="17:30")
    assert upcoming(rules, datetime(2026, 11, 24, 15, 0, tzinfo=UTC), timedelta(hours=3)) is not None
    assert upcoming(rules, datetime(2026, 11, 24, 12, 0, tzinfo=UTC), timedelta(hours=3)) is None

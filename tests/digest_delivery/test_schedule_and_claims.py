"""When a weekly digest is due in each workspace's own time zone, and how a period is claimed once."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest

from bot.db import Database
from bot.services.digest_jobs import latest_due_week
from bot.services.digests import STALE_CLAIM, claim, mark
from models import Workspace

UTC = timezone.utc


@pytest.mark.parametrize(("tz", "now_utc", "week_start_local", "due_local"), [
    # Monday 08:00 London in winter (UTC+0): at 09:00 last week is due; at 07:00 the week before.
    ("Europe/London", datetime(2026, 11, 23, 9, 0, tzinfo=UTC), "2026-11-16 00:00", "2026-11-23 08:00"),
    ("Europe/London", datetime(2026, 11, 23, 7, 0, tzinfo=UTC), "2026-11-09 00:00", "2026-11-16 08:00"),
    # Auckland is already Monday 09:00 (UTC+13) on Sunday 20:00 UTC.
    ("Pacific/Auckland", datetime(2026, 11, 22, 20, 0, tzinfo=UTC), "2026-11-16 00:00", "2026-11-23 08:00"),
    # Los Angeles on Monday 15:00 UTC is still 07:00 local: not yet due.
    ("America/Los_Angeles", datetime(2026, 11, 23, 15, 0, tzinfo=UTC), "2026-11-09 00:00", "2026-11-16 08:00"),
])
def test_latest_due_week_follows_the_workspace_time_zone(tz: str, now_utc: datetime, week_start_local: str,
                                                         due_local: str) -> None:
    ws = Workspace(team_id="T1", timezone=tz, digest_channel="C1")

    start, end, due = latest_due_week(ws, now_utc)

    assert start.strftime("%Y-%m-%d %H:%M") == week_start_local
    assert end - start == timedelta(days=7)
    assert due.strftime("%Y-%m-%d %H:%M") == due_local


def test_a_week_across_the_dst_change_is_168_local_hours_not_utc_ones() -> None:
    ws = Workspace(team_id="T1", timezone="Europe/London", digest_channel="C1")

    start, end, _ = latest_due_week(ws, datetime(2026, 11, 2, 12, 0, tzinfo=UTC))  # after 25 Oct change

    assert start.isoformat() == "2026-10-26T00:00:00+00:00"
    assert (end.astimezone(UTC) - start.astimezone(UTC)) == timedelta(days=7)
    start, end, _ = latest_due_week(ws, datetime(2026, 10, 27, 12, 0, tzinfo=UTC))
    assert start.astimezone(UTC).isoformat() == "2026-10-18T23:00:00+00:00"  # BST midnight
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(days=7, hours=1)


@pytest.fixture
def db_with_workspace(database_url: str):
    db = Database.from_url(database_url)
    with db.session() as session:
        ws = Workspace(team_id="T1", digest_channel="C1")
        session.add(ws)
        session.flush()
        ws_id = ws.id
    yield db, ws_id
    db.dispose()


def test_a_period_is_claimed_by_exactly_one_of_many_racing_claimers(db_with_workspace) -> None:
    db, ws_id = db_with_workspace
    start = datetime(2026, 11, 16, tzinfo=UTC)
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    won: list[int] = []
    barrier = threading.Barrier(6)

    def racer() -> None:
        barrier.wait()
        row = claim(db, ws_id, "weekly", start, start + timedelta(days=7), now=now)
        if row is not None:
            won.append(row.id)

    threads = [threading.Thread(target=racer) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert len(won) == 1


def test_a_posted_period_is_never_claimed_again_and_a_dead_claim_is_taken_over(db_with_workspace) -> None:
    db, ws_id = db_with_workspace
    start = datetime(2026, 11, 16, tzinfo=UTC)
    end = start + timedelta(days=7)
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    first = claim(db, ws_id, "weekly", start, end, now=now)
    assert first is not None and first.id is not None

    assert claim(db, ws_id, "weekly", start, end, now=now + timedelta(minutes=1)) is None  # fresh claim
    retaken = claim(db, ws_id, "weekly", start, end, now=now + STALE_CLAIM + timedelta(minutes=1), late=True)
    assert retaken is not None and retaken.id == first.id and retaken.late

    mark(db, first.id, "posted", channel="C1", ts="1.0")
    assert claim(db, ws_id, "weekly", start, end, now=now + timedelta(days=1)) is None

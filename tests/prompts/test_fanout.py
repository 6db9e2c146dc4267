"""The prompts job against the fake Slack and a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlmodel import Session, select

from bot.services.prompt_schedule import slot
from bot.services.prompts import claim, load_people
from models import Note, Prompt
from tests.prompts.support import Env

UTC = timezone.utc
TUESDAY = datetime(2026, 11, 24, 17, 35, tzinfo=UTC)  # 17:35 in London (UTC in winter)


def test_each_due_person_gets_one_dm_and_a_second_tick_sends_nothing(env: Env) -> None:
    ids = [env.staff(f"U000{i}") for i in range(1, 4)]
    env.staff("U0009", prompt_time="19:00")  # not yet
    runner = env.runner()

    runner.tick(env.services, env.client, now=TUESDAY)
    runner.tick(env.services, env.client, now=TUESDAY + timedelta(minutes=1))

    assert env.posts_per_channel() == {"D0001": 1, "D0002": 1, "D0003": 1}
    rows = env.prompts()
    assert sorted(p.staff_id for p in rows) == sorted(ids)
    assert {(p.status, p.local_date, p.attempts) for p in rows} == {("sent", date(2026, 11, 24), 1)}
    assert all(p.channel and p.message_ts for p in rows)
    assert env.staff_row(ids[0]).dm_channel == "D0001"  # cached: the next day needs no conversations.open
    [message] = [m for m in env.posts() if m["channel"] == "D0001"]
    assert message["text"] == "Anything customers said today worth keeping?"
    actions = [e["action_id"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert actions == ["prompt_add", "prompt_nothing", "prompt_snooze"]


def test_auckland_and_los_angeles_on_one_tick(env: Env) -> None:
    la = env.staff("U0001", "America/Los_Angeles", prompt_time="17:30")
    akl = env.staff("U0002", "Pacific/Auckland", prompt_time="13:30")
    london = env.staff("U0003", "Europe/London")  # 00:35 in London: its 17:30 is long past

    env.runner().tick(env.services, env.client, now=datetime(2026, 10, 27, 0, 35, tzinfo=UTC))

    sent = {p.staff_id: p.local_date for p in env.prompts() if p.status == "sent"}
    assert sent == {la: date(2026, 10, 26), akl: date(2026, 10, 27)}
    assert env.prompt_for(london).status == "skipped"
    assert sorted(env.posts_per_channel()) == ["D0001", "D0002"]


def test_the_prompt_counts_the_notes_already_logged_that_local_day(env: Env) -> None:
    staff_id = env.staff("U0001", "America/Los_Angeles")
    env.staff("U0002", "America/Los_Angeles")
    workspace_id = env.workspace()
    local_day = [datetime(2026, 11, 24, 18, 0, tzinfo=UTC), datetime(2026, 11, 25, 1, 0, tzinfo=UTC)]
    day_before = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)  # 23:00 on the 23rd in LA
    with Session(env.services.db.engine) as session:
        for i, at in enumerate([*local_day, day_before]):
            session.add(Note(workspace_id=workspace_id, author_id=staff_id, text="asked about parking",
                             source="command", idempotency_key=f"seed:{i}", created_at=at))
        session.commit()

    env.runner().tick(env.services, env.client, now=datetime(2026, 11, 25, 1, 35, tzinfo=UTC))

    texts = {m["channel"]: m["text"] for m in env.posts()}
    assert texts == {"D0001": "You logged 2 notes today, anything else?",
                     "D0002": "Anything customers said today worth keeping?"}


def test_new_person_gets_their_time_zone_from_slack_before_being_prompted(env: Env) -> None:
    staff_id = env.staff("U0001", tz=None, add_user=False)
    env.fake.add_user("U0001", tz="Pacific/Auckland")
    # 17:35 in Auckland (NZDT): the workspace's London default would say 04:35, not due.
    env.runner().tick(env.services, env.client, now=datetime(2026, 11, 24, 4, 35, tzinfo=UTC))

    row = env.staff_row(staff_id)
    assert row.tz == "Pacific/Auckland" and row.tz_checked_at is not None
    assert env.prompt_for(staff_id).local_date == date(2026, 11, 24)
    assert env.posts_per_channel() == {"D0001": 1}


@pytest.mark.parametrize(("deleted", "is_bot", "reason"), [(True, False, "deactivated"), (False, True, "bot")])
def test_deactivated_or_bot_user_is_skipped_and_marked(env: Env, deleted: bool, is_bot: bool, reason: str) -> None:
    gone = env.staff("U0001", tz=None, add_user=False)
    env.fake.add_user("U0001", deleted=deleted, is_bot=is_bot)
    env.staff("U0002")

    env.runner().tick(env.services, env.client, now=TUESDAY)
    env.runner().tick(env.services, env.client, now=TUESDAY + timedelta(days=1))

    assert env.staff_row(gone).inactive_reason == reason
    assert "D0001" not in env.posts_per_channel()
    assert env.posts_per_channel()["D0002"] == 2
    assert [c.status for c in env.fake.calls_to("users.info")] == [200]  # asked once, then left alone


def test_a_deactivated_user_found_when_opening_the_dm_is_skipped_and_marked(env: Env) -> None:
    staff_id = env.staff("U0001")
    env.fake.add_user("U0001", deleted=True)  # Slack still had a fresh time zone for them

    report = env.runner().tick(env.services, env.client, now=TUESDAY)

    assert env.prompt_for(staff_id).status == "skipped"
    assert env.staff_row(staff_id).inactive_reason == "deactivated"
    assert env.posts() == [] and report["errors"] == 0


def test_dms_closed_is_skipped_and_marked(env: Env) -> None:
    staff_id = env.staff("U0001", dm_channel="D0001")
    env.staff("U0002")
    env.fake.closed_dms.add("D0001")

    env.runner().tick(env.services, env.client, now=TUESDAY)

    assert env.prompt_for(staff_id).status == "skipped"
    assert env.staff_row(staff_id).inactive_reason == "dms_closed"
    assert env.posts_per_channel() == {"D0002": 1}


def test_server_errors_are_retried_with_backoff(env: Env) -> None:
    staff_id = env.staff("U0001")
    env.fake.fail("chat.postMessage", status=503, times=2)

    env.runner().tick(env.services, env.client, now=TUESDAY)

    row = env.prompt_for(staff_id)
    assert (row.status, row.attempts) == ("sent", 3)
    assert [c.status for c in env.fake.calls_to("chat.postMessage")] == [503, 503, 200]


def test_after_the_last_try_the_prompt_is_failed_and_logged(env: Env, caplog: pytest.LogCaptureFixture) -> None:
    staff_id = env.staff("U0001")
    env.fake.fail("chat.postMessage", status=500, times=3)

    with caplog.at_level(logging.WARNING, logger="bot.services.prompts"):
        env.runner().tick(env.services, env.client, now=TUESDAY)
        env.runner().tick(env.services, env.client, now=TUESDAY + timedelta(minutes=1))

    assert env.prompt_for(staff_id).status == "failed"
    assert len(env.fake.calls_to("chat.postMessage")) == 3  # failed stays failed: no fourth try
    assert any("failed after 3 tries (http_500)" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("threads", [1, 3])
def test_429_retry_after_is_honoured(env: Env, threads: int) -> None:
    for i in range(1, 5):
        env.staff(f"U000{i}", dm_channel=f"D000{i}")  # DMs known: every send goes through the send pool
    env.fake.fail("chat.postMessage", status=429, retry_after=1)

    report = env.runner(send_threads=threads).tick(env.services, env.client, now=TUESDAY)

    calls = env.fake.calls_to("chat.postMessage")  # timestamps are the fake server's clock
    [limited] = [c for c in calls if c.status == 429]
    after = [c for c in calls if c.at > limited.at]
    assert all(c.status == 200 for c in after)
    [retry] = [c for c in after if c.params["channel"] == limited.params["channel"]]
    assert retry.at - limited.at >= 1.0
    # Only calls already on the wire when the 429 came back may arrive inside the Retry-After window.
    assert len([c for c in after if c.at - limited.at < 1.0]) <= threads - 1
    assert report["rate_limited"] == 1
    assert env.posts_per_channel() == {f"D000{i}": 1 for i in range(1, 5)}


def test_a_tick_that_runs_late_catches_up_within_grace_and_skips_older(env: Env) -> None:
    recent = env.staff("U0001", prompt_time="16:00")
    old = env.staff("U0002", prompt_time="13:00")

    report = env.runner().tick(env.services, env.client, now=datetime(2026, 11, 24, 17, 0, tzinfo=UTC))

    assert env.prompt_for(recent).status == "sent"
    assert env.prompt_for(old).status == "skipped"
    assert report["late"] == 1
    assert env.posts_per_channel() == {"D0001": 1}


def test_prompts_off_pause_and_holidays_send_nothing(env: Env) -> None:
    env.workspace(holiday_country="GB", holiday_subdivision="ENG")
    env.staff("U0001", prompt_enabled=False)
    env.staff("U0002", snoozed_until=date(2026, 12, 24))  # "pause until"
    env.staff("U0003")
    christmas = datetime(2026, 12, 25, 17, 35, tzinfo=UTC)

    env.runner().tick(env.services, env.client, now=TUESDAY)
    env.runner().tick(env.services, env.client, now=christmas)
    env.runner().tick(env.services, env.client, now=christmas - timedelta(days=1))

    assert env.posts_per_channel() == {"D0003": 2}  # Tuesday and Christmas Eve, not Christmas Day


def test_a_crash_after_claiming_sends_the_rest_on_restart_without_duplicates(env: Env) -> None:
    ids = [env.staff(f"U000{i}") for i in range(1, 7)]
    people = load_people(env.services.db)
    due = [(p, s) for p in people if (s := slot(p.rules, TUESDAY)) is not None]
    from bot.services.prompts import TickReport

    claimed = claim(env.services.db, due, TUESDAY, TickReport())
    assert len(claimed) == 6  # rows written, then the process "dies" before sending anything

    env.runner().tick(env.services, env.client, now=TUESDAY + timedelta(minutes=1))
    env.runner().tick(env.services, env.client, now=TUESDAY + timedelta(minutes=2))

    assert env.posts_per_channel() == {f"D000{i}": 1 for i in range(1, 7)}
    assert sorted(p.staff_id for p in env.prompts()) == sorted(ids)
    assert {p.status for p in env.prompts()} == {"sent"}


def test_a_send_cut_off_by_a_crash_is_found_in_the_dm_not_sent_again(env: Env) -> None:
    sent_before_crash = env.staff("U0001")
    never_sent = env.staff("U0002")
    env.runner().tick(env.services, env.client, now=TUESDAY)
    # Simulate: both were being sent (attempts=1) when the process died; only U0001's message left.
    env.fake.messages[:] = [m for m in env.fake.messages if m["channel"] == "D0001"]
    with Session(env.services.db.engine) as session:
        for row in session.exec(select(Prompt)).all():
            row.status, row.message_ts, row.channel = "pending", None, None
            row.updated_at = TUESDAY - timedelta(minutes=10)
            session.add(row)
        session.commit()

    report = env.runner().tick(env.services, env.client, now=TUESDAY + timedelta(minutes=1))

    assert report["found_sent"] == 1
    assert env.posts_per_channel() == {"D0001": 1, "D0002": 1}
    assert env.prompt_for(sent_before_crash).status == env.prompt_for(never_sent).status == "sent"


def test_snoozed_prompt_is_sent_again_after_the_hour_on_the_same_row(env: Env) -> None:
    from bot.services.prompts_answers import snooze

    staff_id = env.staff("U0001")
    runner = env.runner()
    runner.tick(env.services, env.client, now=TUESDAY)
    prompt = env.prompt_for(staff_id)
    assert prompt.id is not None
    until = snooze(db=env.services.db, team_id="T0001", user_id="U0001", prompt_id=prompt.id,
                   now=TUESDAY + timedelta(minutes=2))
    assert until == TUESDAY + timedelta(minutes=62)

    runner.tick(env.services, env.client, now=TUESDAY + timedelta(minutes=30))
    assert env.prompt_for(staff_id).status == "snoozed" and len(env.posts()) == 1
    runner.tick(env.services, env.client, now=TUESDAY + timedelta(minutes=63))
    runner.tick(env.services, env.client, now=TUESDAY + timedelta(minutes=64))

    row = env.prompt_for(staff_id)
    assert (row.id, row.status) == (prompt.id, "sent")
    assert row.message_ts != prompt.message_ts
    assert env.posts_per_channel() == {"D0001": 2}

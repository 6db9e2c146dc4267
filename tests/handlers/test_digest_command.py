"""``/digest`` through signed requests: managers get the digest in a DM, everyone else a refusal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlmodel import Session, select

from bot.emulator import FakeSlack
from bot.emulator.slack_api import blocks_within_limits
from models import Digest, Workspace
from tests.digest_delivery.seed import SENSITIVE, set_workspace, week_of_notes
from tests.harness import Harness, start_harness


@pytest.fixture
def managed(database_url: str, fake_slack: FakeSlack) -> Iterator[Harness]:
    h = start_harness(database_url, fake_slack, manager_user_ids="UMGR")
    yield h
    h.stop()


def _answer(h: Harness, text: str, user: str) -> str:
    """``/digest text`` as ``user``: the answer, which arrives through the response_url once the manager
    check (which may ask Slack for the user group) has run after the ack."""
    reply = h.send.command("/digest", text, user_id=user)
    assert reply.status == 200 and not reply.body  # a bare ack: nothing waits on Slack before it
    return str(h.fake.wait_for("response_url")[0].params["text"])


def _range() -> tuple[str, datetime]:
    start = date.today() - timedelta(days=8)
    return f"{start.isoformat()}..{(start + timedelta(days=6)).isoformat()}", datetime.combine(
        start, time(0), tzinfo=timezone.utc)


def test_a_manager_gets_the_digest_of_a_range_in_a_direct_message(managed: Harness) -> None:
    text, start = _range()
    week_of_notes(managed.db, "T0001", start)

    answer = _answer(managed, text, "UMGR")

    assert "Building the digest" in answer
    [opened] = managed.fake.wait_for("conversations.open")
    assert opened.params["users"] == "UMGR"
    managed.fake.wait_for("files.completeUploadExternal", count=2, timeout=15)
    [post] = [m for m in managed.fake.messages if m.get("channel") == "DMGR" and not m.get("thread_ts")]
    assert blocks_within_limits(post["blocks"])
    shown = json.dumps(post["blocks"]).lower()
    assert "queue" in shown and "debt" not in shown
    names = sorted(f["filename"] for f in managed.fake.files.values())
    assert names == [f"digest-{start:%Y-%m-%d}.md", f"digest-{start:%Y-%m-%d}.png"]
    with Session(managed.db.engine) as session:
        assert session.exec(select(Digest)).all() == []  # on-demand digests do not take a weekly period
    assert SENSITIVE not in str(managed.fake.files)


def test_someone_who_is_not_a_manager_is_refused_and_nothing_is_built(managed: Harness) -> None:
    answer = _answer(managed, "last week", "U0001")

    assert "managers only" in answer
    assert managed.fake.calls_to("conversations.open") == []
    assert managed.fake.calls_to("chat.postMessage") == []


def test_a_member_of_the_manager_user_group_is_a_manager(managed: Harness) -> None:
    set_workspace(managed.db, "T0001", manager_group="S0MGRS")
    managed.fake.usergroups["S0MGRS"] = ["UGRP"]

    answer = _answer(managed, "this week", "UGRP")

    assert "Building the digest" in answer
    managed.fake.wait_for("chat.postMessage")


@pytest.mark.parametrize("text", ["next tuesday", "2026-13-01..2026-13-09", "2026-11-20..2026-11-01",
                                  "schedule someday 08:00", "schedule monday 25:00", "schedule monday"])
def test_bad_arguments_get_the_usage_and_change_nothing(managed: Harness, text: str) -> None:
    reply = managed.send.command("/digest", text, user_id="UMGR")

    body = reply.json()["text"]
    assert ":warning:" in body and "/digest" in body
    assert managed.fake.calls_to("chat.postMessage") == []
    with Session(managed.db.engine) as session:
        workspace = session.exec(select(Workspace)).first()
        assert workspace is None or (workspace.digest_weekday, workspace.digest_time) == (0, "08:00")


def test_a_manager_sets_the_weekly_schedule_and_channel(managed: Harness) -> None:
    answer = _answer(managed, "schedule fri 16:30 <#C0MGRS|managers>", "UMGR")

    assert "Fridays at 16:30" in answer and "<#C0MGRS>" in answer
    with Session(managed.db.engine) as session:
        workspace = session.exec(select(Workspace)).one()
    assert (workspace.digest_weekday, workspace.digest_time, workspace.digest_channel) == (4, "16:30", "C0MGRS")


def test_help_lists_the_forms(managed: Harness) -> None:
    reply = managed.send.command("/digest", "help", user_id="U0001")

    assert "last week" in reply.json()["text"] and "schedule" in reply.json()["text"]

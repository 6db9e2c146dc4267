"""The scheduled weekly digest through the fake Slack server: posted once, complete, never quoting a
sensitive note, stored before it is posted, and retried (not dropped) when Slack refuses it."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timezone

from sqlmodel import Session, select

from bot.emulator.slack_api import blocks_within_limits
from bot.services import Services
from bot.services.digest_jobs import post_due_digests
from bot.slack_client import make_client
from models import Digest
from tests.digest_delivery.seed import SENSITIVE, set_workspace, week_of_notes
from tests.harness import Harness

UTC = timezone.utc
WEEK = datetime(2026, 11, 16, tzinfo=UTC)
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _digests(harness: Harness) -> list[Digest]:
    with Session(harness.db.engine) as session:
        return list(session.exec(select(Digest)).all())


def _posts(harness: Harness, channel: str) -> list[dict]:
    return [m for m in harness.fake.messages if m.get("channel") == channel and not m.get("thread_ts")]


def test_weekly_digest_is_posted_once_with_chart_and_markdown(harness: Harness) -> None:
    week_of_notes(harness.db, "T0001", WEEK)
    set_workspace(harness.db, "T0001", digest_channel="CMGR")
    client = make_client(harness.settings)

    first = post_due_digests(harness.services, client, now=MONDAY_9)
    again = post_due_digests(harness.services, client, now=MONDAY_9.replace(minute=5))

    assert first == ["posted"]
    assert again == ["skipped"]
    [post] = _posts(harness, "CMGR")
    assert blocks_within_limits(post["blocks"]) and len(post["blocks"]) <= 50
    assert len(json.dumps(post["blocks"])) < 12_000
    shown = json.dumps(post["blocks"]).lower()
    assert "queue" in shown and "oat milk" in shown
    assert "debt" not in shown and "rent" not in shown  # the sensitive note is counted, never quoted
    uploads = {f["filename"]: f for f in harness.fake.files.values()}
    chart = uploads["digest-2026-11-16.png"]
    assert chart["content"].startswith(b"\x89PNG") and chart["alt_txt"]
    assert uploads["digest-2026-11-16.md"]["channel"] == "CMGR"
    [row] = _digests(harness)
    assert row.status == "posted" and row.channel == "CMGR" and row.message_ts == post["ts"]
    assert "oat milk" in row.markdown.lower() and SENSITIVE.lower() not in row.markdown.lower()
    assert row.late is False


def test_a_digest_missed_while_down_is_posted_once_marked_late(harness: Harness) -> None:
    week_of_notes(harness.db, "T0001", WEEK)
    set_workspace(harness.db, "T0001", digest_channel="CMGR")
    client = make_client(harness.settings)

    outcome = post_due_digests(harness.services, client, now=datetime(2026, 11, 24, 14, 0, tzinfo=UTC))

    assert outcome == ["posted"]
    [post] = _posts(harness, "CMGR")
    assert "late" in post["text"] and "Posted late" in json.dumps(post["blocks"])
    assert _digests(harness)[0].late is True


def test_slack_refusing_the_post_keeps_the_markdown_and_the_next_tick_posts_it(harness: Harness) -> None:
    week_of_notes(harness.db, "T0001", WEEK)
    set_workspace(harness.db, "T0001", digest_channel="CMGR")
    client = make_client(harness.settings)
    harness.fake.fail("chat.postMessage", status=200, error="channel_not_found", times=1)

    failed = post_due_digests(harness.services, client, now=MONDAY_9)
    [row] = _digests(harness)
    assert failed == ["failed"] and row.status == "failed" and "oat milk" in row.markdown.lower()
    assert _posts(harness, "CMGR") == []

    retried = post_due_digests(harness.services, client, now=MONDAY_9.replace(minute=1))

    assert retried == ["posted"]
    assert len(_posts(harness, "CMGR")) == 1
    assert _digests(harness)[0].status == "posted"


def test_rate_limited_post_waits_for_retry_after_and_posts_once(harness: Harness) -> None:
    week_of_notes(harness.db, "T0001", WEEK)
    set_workspace(harness.db, "T0001", digest_channel="CMGR")
    harness.fake.fail("chat.postMessage", status=429, retry_after=1, times=1)

    outcome = post_due_digests(harness.services, make_client(harness.settings), now=MONDAY_9)

    assert outcome == ["posted"]
    calls = [c for c in harness.fake.calls_to("chat.postMessage") if not c.params.get("thread_ts")]
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 0.95
    assert len(_posts(harness, "CMGR")) == 1


def test_two_schedulers_post_one_digest_per_period(harness: Harness) -> None:
    week_of_notes(harness.db, "T0001", WEEK)
    set_workspace(harness.db, "T0001", digest_channel="CMGR")
    replicas = [Services.build(harness.settings) for _ in range(2)]
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def tick(services: Services) -> None:
        barrier.wait()
        outcomes.extend(post_due_digests(services, make_client(harness.settings), now=MONDAY_9))

    threads = [threading.Thread(target=tick, args=(s,)) for s in replicas]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for s in replicas:
        s.db.dispose()

    assert sorted(outcomes) == ["posted", "skipped"]
    assert len(_posts(harness, "CMGR")) == 1
    assert len(_digests(harness)) == 1


def test_a_workspace_without_a_digest_channel_gets_none_unless_a_default_is_set(harness: Harness) -> None:
    week_of_notes(harness.db, "T0001", WEEK)
    client = make_client(harness.settings)

    assert post_due_digests(harness.services, client, now=MONDAY_9) == []

    harness.services.settings = harness.settings.model_copy(update={"digest_channel": "CDEFAULT"})
    assert post_due_digests(harness.services, client, now=MONDAY_9) == ["posted"]
    assert len(_posts(harness, "CDEFAULT")) == 1

"""App Home: the person's own last notes, Delete on each (own notes only), and a button to write one."""

from __future__ import annotations

from tests.harness import Harness


def _home_notes(harness: Harness, user: str) -> list[dict]:
    view = harness.fake.home_views[user]
    return [b for b in view["blocks"] if b.get("accessory", {}).get("action_id") == "note_delete"]


def test_home_shows_only_my_last_ten_notes_newest_first(harness: Harness) -> None:
    for i in range(12):
        harness.send.command("/note", f"customer number {i} asked about opening hours", user_id="U0001")
    harness.send.command("/note", "someone else's note about parking", user_id="U0002")

    harness.send.home_opened("U0001")
    harness.fake.wait_for("views.publish")

    shown = _home_notes(harness, "U0001")
    assert len(shown) == 10
    assert "customer number 11" in shown[0]["text"]["text"]
    assert all("parking" not in b["text"]["text"] for b in shown)
    blocks = harness.fake.home_views["U0001"]["blocks"]
    actions = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert "note_new" in actions


def test_home_for_someone_with_no_notes_says_so(harness: Harness) -> None:
    harness.send.home_opened("U0009")
    harness.fake.wait_for("views.publish")

    assert "no notes yet" in str(harness.fake.home_views["U0009"]["blocks"])


def test_delete_removes_my_own_note_and_refreshes_home(harness: Harness) -> None:
    harness.send.command("/note", "asked for gluten free bread", user_id="U0001")
    [note] = harness.notes()

    harness.send.block_action("note_delete", str(note.id), user_id="U0001",
                              view={"id": "VH1", "type": "home"})
    harness.fake.wait_for("views.publish")

    assert harness.notes() == []
    assert "Note deleted" in str(harness.fake.home_views["U0001"]["blocks"])


def test_deleting_someone_elses_note_is_refused_and_changes_nothing(harness: Harness) -> None:
    harness.send.command("/note", "asked for gluten free bread", user_id="U0001")
    [note] = harness.notes()

    harness.send.block_action("note_delete", str(note.id), user_id="U0002",
                              view={"id": "VH2", "type": "home"})
    harness.fake.wait_for("views.publish")

    assert [n.id for n in harness.notes()] == [note.id]
    assert "Only the person who wrote a note can delete it" in str(harness.fake.home_views["U0002"]["blocks"])


def test_write_a_note_button_opens_the_modal(harness: Harness) -> None:
    harness.send.block_action("note_new", user_id="U0001", view={"id": "VH3", "type": "home"})

    [call] = harness.fake.wait_for("views.open")
    assert call.field("view")["callback_id"] == "note_modal"


def test_a_retried_home_event_is_handled_once(harness: Harness) -> None:
    first = harness.send.home_opened("U0001", event_id="EvSAME1")
    retry = harness.send.home_opened("U0001", event_id="EvSAME1",
                                     extra_headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    harness.fake.wait_for("views.publish")
    import time

    time.sleep(0.3)  # a second publish, if any, would have arrived by now

    assert first.status == retry.status == 200
    assert len(harness.fake.calls_to("views.publish")) == 1

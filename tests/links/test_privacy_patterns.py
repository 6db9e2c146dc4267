"""A workspace's own privacy-filter patterns, end to end: a manager adds one with ``/privacy add``, the next
note has its matches replaced by ``[CUSTOM]``, the change is audited without the pattern, unsafe patterns
are refused, and nobody else can change them."""

from __future__ import annotations

import pytest

from models import AuditEvent, Note, Workspace
from tests.harness import Harness
from tests.links.support import MANAGER, STAFF_A, rows


def _privacy(h: Harness, text: str, *, user: str = MANAGER) -> str:
    before = len(h.fake.calls_to("response_url"))
    reply = h.send.command("/privacy", text, user_id=user)
    assert reply.status == 200
    return str(h.fake.wait_for("response_url", count=before + 1)[-1].params["text"])


def test_a_managers_pattern_applies_to_the_next_note_and_is_audited(links: Harness) -> None:
    # A note before the pattern exists warms the author cache, which the change must not leave stale.
    links.send.command("/note", "asked about the offer, member code ZX-88412", user_id=STAFF_A)

    said = _privacy(links, r"add ZX-\d{5}")

    assert "Added" in said and "1. `ZX-\\d{5}`" in said
    reply = links.send.command("/note", "her member code ZX-99120 would not scan", user_id=STAFF_A).json()
    assert "ZX-99120" not in str(reply)
    notes = rows(links, Note)
    assert notes[-1].text == "her member code [CUSTOM] would not scan"
    [workspace] = rows(links, Workspace)
    assert workspace.custom_patterns == [r"ZX-\d{5}"]
    [event] = [e for e in rows(links, AuditEvent) if e.action == "filter_pattern_added"]
    assert (event.actor_user_id, event.detail) == (MANAGER, {"position": 1, "patterns": 1})
    assert "ZX" not in str(event.model_dump())


def test_slack_escapes_in_a_pattern_are_undone(links: Harness) -> None:
    # Slack sends "<" and "&" in command text as "&lt;" and "&amp;".
    _privacy(links, r"add CARD&lt;\d{4}&gt;")

    [workspace] = rows(links, Workspace)
    assert workspace.custom_patterns == [r"CARD<\d{4}>"]


def test_remove_and_list(links: Harness) -> None:
    _privacy(links, r"add ZX-\d{5}")
    _privacy(links, r"add QQ\d{4}")

    said = _privacy(links, "remove 1")

    assert "Removed" in said and "1. `QQ\\d{4}`" in said and "ZX" not in said
    assert "1. `QQ\\d{4}`" in _privacy(links, "list")
    assert "There is no pattern 5" in _privacy(links, "remove 5")
    [workspace] = rows(links, Workspace)
    assert workspace.custom_patterns == [r"QQ\d{4}"]


def test_try_shows_what_would_be_saved_and_stores_nothing(links: Harness) -> None:
    said = _privacy(links, "try call her on 07700 900123")

    assert "call her on [PHONE]" in said and "900123" not in said and "1 phone number" in said
    assert rows(links, Note) == []


@pytest.mark.parametrize(("pattern", "why"), [
    ("(a+)+", "repeated group"),
    ("[unclosed", "not a valid regular expression"),
    ("x*", "matches empty text"),
])
def test_unsafe_patterns_are_refused_and_nothing_changes(links: Harness, pattern: str, why: str) -> None:
    said = _privacy(links, f"add {pattern}")

    assert why in said and "Nothing was changed" in said
    assert all(not w.custom_patterns for w in rows(links, Workspace))


@pytest.mark.parametrize("text", ["add ZX-\\d{5}", "remove 1", "list", "try hello"])
def test_someone_who_is_not_a_manager_is_refused(links: Harness, text: str) -> None:
    said = _privacy(links, text, user=STAFF_A)

    assert "managers only" in said
    assert all(not w.custom_patterns for w in rows(links, Workspace))
    assert [e for e in rows(links, AuditEvent) if e.action.startswith("filter_pattern")] == []


@pytest.mark.parametrize("text", ["", "   ", "add", "remove two", "list everything", "delete 1", "🙂"])
def test_bad_arguments_get_the_usage_and_change_nothing(links: Harness, text: str) -> None:
    reply = links.send.command("/privacy", text, user_id=MANAGER).json()

    assert "*/privacy* (managers)" in reply["text"]
    assert all(not w.custom_patterns for w in rows(links, Workspace))

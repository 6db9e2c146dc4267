"""Conversations with /note, the "Save as note" shortcut and the note modal, through signed HTTP."""

from __future__ import annotations

import json

import pytest

from handlers.note_views import KIND_ACTION, KIND_BLOCK, TEXT_ACTION, TEXT_BLOCK
from tests.harness import Harness

TILL_NOTE = "the lady at till 3 said her loyalty points vanished, call her on 07700 900123"


def test_note_command_stores_scrubbed_text_and_replies_ephemerally(harness: Harness) -> None:
    reply = harness.send.command("/note", TILL_NOTE)

    assert reply.status == 200
    body = reply.json()
    assert body["response_type"] == "ephemeral"
    shown = json.dumps(body["blocks"])
    assert "call her on [PHONE]" in shown
    assert "removed 1 phone number" in shown.lower()
    assert "900123" not in reply.body
    [note] = harness.notes()
    assert note.text == "the lady at till 3 said her loyalty points vanished, call her on [PHONE]"
    assert note.source == "command"
    assert note.removed == {"phone": 1}


def test_help_explains_usage_in_three_lines_and_stores_nothing(harness: Harness) -> None:
    reply = harness.send.command("/note", "help")

    assert len(reply.json()["text"].splitlines()) == 3
    assert "/note" in reply.json()["text"]
    assert harness.notes() == []


@pytest.mark.parametrize(("text", "expected"), [
    ("   \t  ", "modal"),  # only whitespace is the same as nothing: the form opens
    (":tada: :thumbsup: 🎉", "no words"),
    ("!!! ??? ...", "no words"),
    ("x" * 4001, "at most 4,000 characters"),
])
def test_bad_input_gets_a_clear_message_and_stores_nothing(harness: Harness, text: str, expected: str) -> None:
    reply = harness.send.command("/note", text)

    assert reply.status == 200
    if expected == "modal":
        harness.fake.wait_for("views.open")
    else:
        assert reply.json()["response_type"] == "ephemeral"
        assert expected in reply.json()["text"]
    assert harness.notes() == []


def test_note_without_text_opens_the_modal(harness: Harness) -> None:
    harness.send.command("/note", "")

    [call] = harness.fake.wait_for("views.open")
    view = call.field("view")
    assert view["callback_id"] == "note_modal"
    kinds = [o["value"] for o in view["blocks"][1]["element"]["options"]]
    assert kinds == ["says", "thinks", "does", "feels", "pain", "gain"]


def _submit(harness: Harness, text: str, kind: str | None = None, view_id: str = "VSUBMIT1",
            source: str = "modal"):
    values = {TEXT_BLOCK: {TEXT_ACTION: {"type": "plain_text_input", "value": text}},
              KIND_BLOCK: {KIND_ACTION: {"type": "static_select",
                                         "selected_option": {"value": kind} if kind else None}}}
    view = {"type": "modal", "callback_id": "note_modal", "private_metadata": json.dumps({"source": source})}
    return harness.send.view_submission(view, values, view_id=view_id)


def test_modal_submission_saves_with_kind_and_shows_what_was_removed(harness: Harness) -> None:
    reply = _submit(harness, "He said the self-checkout ate his card, email him at bob.smith@example.com",
                    kind="pain")

    body = reply.json()
    assert body["response_action"] == "update"
    assert "[EMAIL]" in json.dumps(body["view"])
    assert "removed 1 email address" in json.dumps(body["view"]).lower()
    [note] = harness.notes()
    assert note.kind == "pain"
    assert note.source == "modal"
    assert "example.com" not in note.text


def test_empty_modal_submission_gets_an_inline_error(harness: Harness) -> None:
    reply = _submit(harness, "")

    body = reply.json()
    assert body["response_action"] == "errors"
    assert "empty" in body["errors"][TEXT_BLOCK]
    assert harness.notes() == []


def test_message_shortcut_opens_modal_prefilled_with_scrubbed_text(harness: Harness) -> None:
    reply = harness.send.message_shortcut(
        "save_as_note", "Customer asked us to ring <tel:+447700900123|07700 900123> about the order")

    assert reply.status == 200
    [call] = harness.fake.wait_for("views.open")
    view = call.field("view")
    prefilled = view["blocks"][1]["element"]["initial_value"]
    assert "[PHONE]" in prefilled
    assert "900123" not in json.dumps(view)
    assert json.loads(view["private_metadata"])["source"] == "shortcut"
    assert harness.notes() == []  # nothing is stored until the person presses Save

    _submit(harness, prefilled, source="shortcut")
    [note] = harness.notes()
    assert note.source == "shortcut"


def test_slack_wire_format_keeps_staff_mentions_and_removes_contact_details(harness: Harness) -> None:
    harness.send.command("/note", "<@U0002> took over: she wants a callback at <mailto:jo@example.org|jo@example.org>"
                                  " re <#C0003|returns>")

    [note] = harness.notes()
    assert note.text.startswith("<@U0002> took over")
    assert "<#C0003|returns>" in note.text
    assert "example.org" not in note.text and "[EMAIL]" in note.text


def test_a_retried_command_stores_the_note_once(harness: Harness) -> None:
    trigger = harness.send.trigger_id()
    first = harness.send.command("/note", "queue at the deli counter was out the door", trigger_id=trigger)
    retry = harness.send.command("/note", "queue at the deli counter was out the door", trigger_id=trigger,
                                 extra_headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})

    assert first.status == retry.status == 200
    assert "Already saved" in json.dumps(retry.json()["blocks"])
    assert len(harness.notes()) == 1


def test_a_retried_modal_submission_stores_the_note_once(harness: Harness) -> None:
    _submit(harness, "asked whether we stock oat milk again", view_id="VRETRY1")
    _submit(harness, "asked whether we stock oat milk again", view_id="VRETRY1")

    assert len(harness.notes()) == 1


def test_bad_signature_and_stale_timestamp_are_refused_with_401(harness: Harness) -> None:
    forged = harness.send.command("/note", "forged note", signature="v0=" + "0" * 64)
    import time

    stale = harness.send.command("/note", "replayed note", timestamp=int(time.time()) - 6 * 60)

    assert forged.status == 401
    assert stale.status == 401
    assert harness.notes() == []


def test_a_note_over_the_slack_modal_limit_is_refused_with_the_limit(harness: Harness) -> None:
    reply = _submit(harness, "word " * 900)

    assert reply.json()["response_action"] == "errors"
    assert "4,000" in reply.json()["errors"][TEXT_BLOCK]

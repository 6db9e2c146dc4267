"""Nominations, end to end: the form from /nominate and App Home, inline validation, manager DMs with Approve
and Decline, the recognition post (a customer by alias only), the nominator told, idempotent decisions."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.nominations import CAUSE_ACTION, CAUSE_BLOCK, REASON_ACTION, REASON_BLOCK, USER_ACTION, USER_BLOCK
from models import AuditEvent, Customer, Nomination
from tests.harness import Harness
from tests.links.support import MANAGER, RECOGNITION, STAFF_A, STAFF_B, add_cause, blob, rows, submit_note

REASON = "Ran the food-bank collection all week and rang donors on 07700 900123"


def _open_form(h: Harness, user: str = STAFF_A, text: str = "") -> dict[str, Any]:
    before = len(h.fake.calls_to("views.open"))
    h.send.command("/nominate", text, user_id=user)
    return h.fake.wait_for("views.open", count=before + 1)[-1].field("view")


def _submit(h: Harness, view: dict[str, Any], *, user: str = STAFF_A, nominee: str | None = STAFF_B,
            customer_value: str | None = None, cause_value: str | None = None, reason: str = REASON) -> Any:
    if cause_value is None:
        cause_value = next(b for b in view["blocks"] if b.get("block_id") == CAUSE_BLOCK)["element"]["options"][0][
            "value"]
    values: dict[str, dict[str, Any]] = {
        USER_BLOCK: {USER_ACTION: {"type": "users_select", "selected_user": nominee}},
        "nominee_customer": {"nominee_customer_pick": {
            "type": "external_select", "selected_option": {"value": customer_value} if customer_value else None}},
        CAUSE_BLOCK: {CAUSE_ACTION: {"type": "static_select", "selected_option": {"value": cause_value}}},
        REASON_BLOCK: {REASON_ACTION: {"type": "plain_text_input", "value": reason}},
    }
    return h.send.view_submission(view, values, user_id=user)


def _decide(h: Harness, action: str, nomination_id: int | None, user: str = MANAGER) -> dict[str, Any]:
    """Press Approve or Decline in a DM; what the app answered through the response_url."""
    before = len(h.fake.calls_to("response_url"))
    h.send.block_action(f"nomination_{action}", str(nomination_id), user_id=user, channel_id="D" + user.lstrip("U"))
    return h.fake.wait_for("response_url", count=before + 1)[-1].params


def _posts_to(h: Harness, channel: str) -> list[dict[str, Any]]:
    return [m for m in h.fake.messages if m.get("channel") == channel and not m.get("ephemeral")]


def _nominate(h: Harness, **kw: Any) -> Nomination:
    view = _open_form(h)
    reply = _submit(h, view, **kw)
    assert reply.json()["response_action"] == "update", reply.body
    h.fake.wait_for("chat.postMessage")
    [nomination] = rows(h, Nomination)
    return nomination


@pytest.fixture
def with_cause(links: Harness) -> Harness:
    add_cause(links, 'add "Food bank" collections for the local food bank')
    return links


def test_the_nominator_sees_the_saved_reason_and_what_was_removed(with_cause: Harness) -> None:
    reply = _submit(with_cause, _open_form(with_cause)).json()

    assert reply["response_action"] == "update"
    shown = blob(reply["view"])
    assert "> Ran the food-bank collection all week and rang donors on [PHONE]" in shown
    assert "Removed 1 phone number" in shown and "900123" not in shown


def test_nomination_approved_is_posted_and_the_nominator_told(with_cause: Harness) -> None:
    h = with_cause
    nomination = _nominate(h)

    assert nomination.status == "pending"
    assert nomination.reason == "Ran the food-bank collection all week and rang donors on [PHONE]"
    assert nomination.nominee_user_id == STAFF_B and nomination.nominee_key == STAFF_B
    [dm] = _posts_to(h, "DMGR1")
    buttons = [e for b in dm["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(b["action_id"], b["value"]) for b in buttons] == [("nomination_approve", str(nomination.id)),
                                                               ("nomination_decline", str(nomination.id))]
    assert "900123" not in blob(dm)

    _decide(h, "approve", nomination.id)

    [post] = _posts_to(h, RECOGNITION)
    shown = blob(post["blocks"])
    assert f"<@{STAFF_B}>" in shown and "*Food bank*" in shown and "rang donors on [PHONE]" in shown
    [told] = _posts_to(h, "D0001")
    assert "was approved and posted in <#CRECOG1>" in told["text"]
    [decided] = rows(h, Nomination)
    assert (decided.status, decided.decided_by, decided.posted_channel) == ("approved", MANAGER, RECOGNITION)
    assert decided.posted_ts == post["ts"]
    assert [e.action for e in rows(h, AuditEvent)] == ["approve"]


def test_deciding_twice_changes_nothing_and_posts_once(with_cause: Harness) -> None:
    h = with_cause
    nomination = _nominate(h)

    _decide(h, "approve", nomination.id)
    second = _decide(h, "decline", nomination.id)

    assert f"Already approved by <@{MANAGER}>" in second["text"]
    assert len(_posts_to(h, RECOGNITION)) == 1
    assert len(_posts_to(h, "D0001")) == 1
    assert rows(h, Nomination)[0].status == "approved"


def test_declined_nomination_is_not_posted_and_the_nominator_told(with_cause: Harness) -> None:
    h = with_cause
    nomination = _nominate(h)

    _decide(h, "decline", nomination.id)

    assert _posts_to(h, RECOGNITION) == []
    [told] = _posts_to(h, "D0001")
    assert "was not approved this time" in told["text"]
    decided = rows(h, Nomination)[0]
    assert (decided.status, decided.decided_by, decided.posted_ts) == ("declined", MANAGER, None)


def test_a_customer_nominee_is_posted_by_alias_only(with_cause: Harness) -> None:
    h = with_cause
    submit_note(h, "Mrs Okafor brought three bags of tins", customer="new:blue-scarf regular")
    [customer] = rows(h, Customer)
    options = h.send.block_suggestion("nominee_customer_pick", "blue").json()["options"]
    assert [o["value"] for o in options] == [f"c:{customer.id}"]

    nomination = _nominate(h, nominee=None, customer_value=options[0]["value"],
                           reason="Mrs Okafor organised her street's tin collection")
    assert nomination.nominee_key == f"customer:{customer.id}"
    _decide(h, "approve", nomination.id)

    [post] = _posts_to(h, RECOGNITION)
    shown = blob(post)
    assert "A customer, “blue-scarf regular”" in shown
    assert "okafor" not in shown.lower()
    assert "okafor" not in rows(h, Nomination)[0].reason.lower()


def test_self_nomination_is_refused_inline(with_cause: Harness) -> None:
    h = with_cause
    reply = _submit(h, _open_form(h), nominee=STAFF_A)

    assert reply.json()["response_action"] == "errors"
    assert "can't nominate yourself" in reply.json()["errors"][USER_BLOCK]
    assert rows(h, Nomination) == []


def test_one_nomination_per_nominee_and_cause_each_week(with_cause: Harness) -> None:
    h = with_cause
    _nominate(h)

    again = _submit(h, _open_form(h), reason="Also sorted the donations shelf")

    assert "already nominated them for this cause this week" in again.json()["errors"][USER_BLOCK]
    assert len(rows(h, Nomination)) == 1
    # Someone else may nominate the same colleague for the same cause.
    other = _submit(h, _open_form(h, user=MANAGER), user=MANAGER)
    assert other.json()["response_action"] == "update"
    assert len(rows(h, Nomination)) == 2


@pytest.mark.parametrize(("nominee", "customer", "reason", "block", "message"), [
    (None, None, REASON, USER_BLOCK, "Choose one nominee"),
    (STAFF_B, "c:999", REASON, USER_BLOCK, "not both"),
    (None, "c:999", REASON, "nominee_customer", "no longer exists"),
    (STAFF_B, None, "   ", REASON_BLOCK, "what they did"),
    (STAFF_B, None, ":tada: :tada:", REASON_BLOCK, "what they did"),
])
def test_bad_form_input_gets_inline_errors(with_cause: Harness, nominee: str | None, customer: str | None,
                                           reason: str, block: str, message: str) -> None:
    h = with_cause
    reply = _submit(h, _open_form(h), nominee=nominee, customer_value=customer, reason=reason)

    assert reply.json()["response_action"] == "errors"
    assert message in reply.json()["errors"][block]
    assert rows(h, Nomination) == []


def test_non_manager_cannot_decide(with_cause: Harness) -> None:
    h = with_cause
    nomination = _nominate(h)

    refused = _decide(h, "approve", nomination.id, user=STAFF_B)

    assert "managers only" in refused["text"]
    assert rows(h, Nomination)[0].status == "pending"
    assert _posts_to(h, RECOGNITION) == []


def test_home_button_opens_the_form_and_mention_prefills(with_cause: Harness) -> None:
    h = with_cause
    h.send.home_opened(STAFF_A)
    h.fake.wait_for("views.publish")
    home = h.fake.home_views[STAFF_A]
    actions = [e["action_id"] for b in home["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert "nomination_open" in actions

    h.send.block_action("nomination_open", user_id=STAFF_A, view={"id": home["id"], "type": "home"})
    [opened] = h.fake.wait_for("views.open")
    assert opened.field("view")["callback_id"] == "nomination_modal"

    prefilled = _open_form(h, text=f"<@{STAFF_B}|ben>")
    user_block = next(b for b in prefilled["blocks"] if b.get("block_id") == USER_BLOCK)
    assert user_block["element"]["initial_user"] == STAFF_B


def test_without_causes_the_form_says_how_to_get_one(links: Harness) -> None:
    view = _open_form(links)

    assert "callback_id" not in view
    assert "/cause add" in blob(view)


@pytest.mark.parametrize("text", ["help", "everyone", "<@U0002> and <@U0003>"])
def test_bad_arguments_get_the_usage(links: Harness, text: str) -> None:
    reply = links.send.command("/nominate", text)

    assert "*/nominate* opens a form" in reply.json()["text"]
    assert links.fake.calls_to("views.open") == []

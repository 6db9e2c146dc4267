"""Customers, end to end: linking by ~alias and by the picker, the options handler, aliases the privacy filter
refuses, one customer per loyalty number (never stored), and the manager's view, export and erasure."""

from __future__ import annotations

import json
import logging

import pytest

from handlers.note_views import CUSTOMER_BLOCK, REF_BLOCK
from models import AuditEvent, Customer, Note, NoteCause, NoteCustomer
from tests.harness import Harness
from tests.links.support import (
    MANAGER,
    STAFF_A,
    STAFF_B,
    add_cause,
    blob,
    dump_every_table,
    link_rows,
    responded,
    rows,
    submit_note,
)

LOYALTY = "6331 1012 3456 7890"
LOYALTY_FORMS = ["6331 1012 3456 7890", "6331101234567890", "6331-1012-3456-7890", "1012 3456", "34567890"]


def _new_customer(h: Harness, alias: str, note: str = "asked whether the oat milk is back", *,
                  user: str = STAFF_A, ref: str | None = None, view_id: str | None = None) -> dict:
    reply = submit_note(h, note, user=user, customer=f"new:{alias}", ref=ref, view_id=view_id)
    assert reply.status == 200
    return reply.json()


def _options(h: Harness, typed: str, action_id: str = "customer_pick", user: str = STAFF_A) -> list[dict]:
    reply = h.send.block_suggestion(action_id, typed, user_id=user)
    assert reply.status == 200
    return reply.json()["options"]


# -- linking ---------------------------------------------------------------------------------------------

def test_picker_new_customer_is_created_and_the_note_linked(links: Harness) -> None:
    body = _new_customer(links, "Blue-scarf  Regular")

    assert body["response_action"] == "update"
    assert "Linked to customer “blue-scarf regular”" in blob(body["view"])
    [customer] = rows(links, Customer)
    assert customer.alias == "blue-scarf regular"
    assert customer.ref_hash is None
    [note] = links.notes()
    assert [(lk.note_id, lk.customer_id) for lk in link_rows(links, NoteCustomer)] == [(note.id, customer.id)]


def test_tilde_alias_and_hash_slug_in_note_link_and_leave_the_text(links: Harness) -> None:
    _new_customer(links, "blue-scarf regular")
    add_cause(links, 'add "Food bank" collection point by the tills')

    reply = links.send.command("/note", "~blue-scarf-regular brought two bags for the #food-bank, lovely chat",
                               user_id=STAFF_B)

    shown = blob(reply.json()["blocks"])
    assert "Linked to customer “blue-scarf regular”, cause #food-bank" in shown
    note = links.notes()[-1]
    assert note.text == "brought two bags for the, lovely chat"
    assert "~" not in note.text and "#" not in note.text
    assert note.id in {lk.note_id for lk in link_rows(links, NoteCustomer)}
    assert [lk.note_id for lk in link_rows(links, NoteCause)] == [note.id]


def test_quoted_alias_links_too(links: Harness) -> None:
    _new_customer(links, "tuesday dog walker")

    links.send.command("/note", 'said the new opening hours suit her ~"Tuesday dog walker"')

    note = links.notes()[-1]
    assert note.text == "said the new opening hours suit her"
    assert len([lk for lk in link_rows(links, NoteCustomer) if lk.note_id == note.id]) == 1


def test_unknown_alias_gets_suggestions_and_nothing_is_stored(links: Harness) -> None:
    _new_customer(links, "blue-scarf regular")
    before = len(links.notes())

    reply = links.send.command("/note", "~blue-scarf-regulr asked about the loyalty app")

    text = reply.json()["text"]
    assert "No customer has the alias `~blue-scarf-regulr`" in text
    assert "Did you mean `~blue-scarf-regular`?" in text
    assert "Nothing was saved" in text
    assert len(links.notes()) == before


def test_an_unknown_alias_that_is_a_name_is_not_echoed(links: Harness) -> None:
    reply = links.send.command("/note", "~sarah said the card machine failed")

    assert "sarah" not in reply.body.lower()
    assert "No customer has the alias you typed" in reply.json()["text"]
    assert links.notes() == []


def test_slack_entities_and_approximations_are_not_links(links: Harness) -> None:
    reply = links.send.command("/note", "waited ~20 mins at till #3, see <#C0003|returns>")

    assert reply.json()["response_type"] == "ephemeral"
    [note] = links.notes()
    assert note.text == "waited ~20 mins at till #3, see <#C0003|returns>"
    assert link_rows(links, NoteCustomer) == [] and link_rows(links, NoteCause) == []


# -- the options handler -----------------------------------------------------------------------------------

def test_options_list_matching_aliases_and_offer_a_new_customer(links: Harness) -> None:
    for alias in ("blue-scarf regular", "tall man with cane", "blue coat gent"):
        _new_customer(links, alias, view_id=f"V-{alias}")

    options = _options(links, "blue")
    labels = [o["text"]["text"] for o in options]
    assert labels[:2] == ["blue coat gent", "blue-scarf regular"]
    assert labels[-1] == "+ New customer: blue"
    assert options[-1]["value"] == "new:blue"
    customers = {c.alias: c.id for c in rows(links, Customer)}
    assert options[0]["value"] == f"c:{customers['blue coat gent']}"

    exact = _options(links, "Blue Scarf Regular")
    assert [o["text"]["text"] for o in exact] == ["blue-scarf regular"]  # no "new" for an existing alias

    everyone = _options(links, "")
    assert {o["text"]["text"] for o in everyone} == set(customers)


def test_options_never_offer_a_name_as_a_new_customer(links: Harness) -> None:
    options = _options(links, "Mrs Patel")

    assert [o["value"] for o in options] == ["invalid"]
    assert "patel" not in blob(options).lower()
    assert rows(links, Customer) == []


def test_nominee_picker_lists_existing_customers_only(links: Harness) -> None:
    _new_customer(links, "blue-scarf regular")

    options = _options(links, "blue", action_id="nominee_customer_pick")

    assert [o["text"]["text"] for o in options] == ["blue-scarf regular"]


def test_picking_the_invalid_option_is_an_inline_error(links: Harness) -> None:
    reply = submit_note(links, "asked for a refund", customer="invalid")

    assert reply.json()["response_action"] == "errors"
    assert CUSTOMER_BLOCK in reply.json()["errors"]
    assert links.notes() == []


# -- aliases the privacy filter refuses ----------------------------------------------------------------------

@pytest.mark.parametrize("alias", ["Grace Hopper", "kevin jones", "mrs patel", "Sarah from the bakery", "07700 900123",
                                   "jo@example.com", "member 12345678"])
def test_alias_with_personal_data_is_refused_inline_and_nothing_stored(links: Harness, alias: str) -> None:
    body = _new_customer(links, alias)

    assert body["response_action"] == "errors"
    message = body["errors"][CUSTOMER_BLOCK]
    assert "blue-scarf regular" in message  # it suggests a descriptive alias...
    assert alias.lower() not in message.lower()  # ...and never repeats what was refused
    assert rows(links, Customer) == [] and links.notes() == []
    assert alias.split()[-1].lower() not in dump_every_table(links).lower()


# -- one customer per number; the number is never stored -----------------------------------------------------

def test_same_loyalty_number_from_two_staff_reaches_one_customer_and_is_never_stored(
        links: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    first = _new_customer(links, "blue-scarf regular", "Mrs Okafor asked about her points", ref=LOYALTY)
    # Another member of staff types the same number differently and a different alias.
    second = _new_customer(links, "lady with the red bike", "points still missing, she says", user=STAFF_B,
                           ref="6331-1012-3456-7890")
    # And a third only types the number.
    third = submit_note(links, "came back about the points again", user=MANAGER, ref="63311012 34567890").json()

    assert first["response_action"] == second["response_action"] == third["response_action"] == "update"
    assert "already belongs to “blue-scarf regular”" in blob(second["view"])
    [customer] = rows(links, Customer)
    assert customer.alias == "blue-scarf regular" and customer.ref_hash is not None
    assert len(customer.ref_hash) == 64
    notes = links.notes()
    assert len(notes) == 3
    assert {lk.customer_id for lk in link_rows(links, NoteCustomer)} == {customer.id}
    assert len(link_rows(links, NoteCustomer)) == 3
    dump = dump_every_table(links)
    for form in LOYALTY_FORMS:
        assert form not in dump
    assert "okafor" not in dump.lower()
    assert "[NAME]" in dump
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert all(form not in logged for form in LOYALTY_FORMS) and "okafor" not in logged.lower()


def test_a_retried_form_with_a_new_customer_stores_one_customer_one_note_one_link(links: Harness) -> None:
    _new_customer(links, "blue-scarf regular", ref=LOYALTY, view_id="VRETRY")
    again = _new_customer(links, "blue-scarf regular", ref=LOYALTY, view_id="VRETRY")

    assert "Already saved" in blob(again["view"])
    assert len(rows(links, Customer)) == 1 and len(links.notes()) == 1
    assert len(link_rows(links, NoteCustomer)) == 1


def test_a_number_nobody_has_needs_a_customer(links: Harness) -> None:
    reply = submit_note(links, "asked about points", ref="9999 8888 7777")

    assert reply.json()["response_action"] == "errors"
    assert "Pick or create the customer" in reply.json()["errors"][REF_BLOCK]
    assert rows(links, Customer) == [] and links.notes() == []


def test_a_number_of_another_customer_is_refused_for_a_picked_customer(links: Harness) -> None:
    _new_customer(links, "blue-scarf regular", ref=LOYALTY, view_id="V1")
    _new_customer(links, "tall man with cane", view_id="V2")
    tall = next(c for c in rows(links, Customer) if c.alias == "tall man with cane")

    reply = submit_note(links, "asked again", customer=f"c:{tall.id}", ref=LOYALTY)

    assert "belongs to another customer, “blue-scarf regular”" in reply.json()["errors"][REF_BLOCK]
    assert len(links.notes()) == 2


# -- managers: view, export, erase --------------------------------------------------------------------------

def _setup_customer_with_notes(h: Harness) -> None:
    _new_customer(h, "blue-scarf regular", "said the self-checkout ate her card, ring 07700 900123", view_id="V1")
    _new_customer(h, "tall man with cane", "asked for a chair near the pharmacy queue", view_id="V2")
    h.send.command("/note", "~blue-scarf-regular and ~tall-man-with-cane both praised the new ramp",
                   user_id=STAFF_B)


def test_manager_sees_a_customers_notes_with_export_and_erase_and_the_read_is_audited(links: Harness) -> None:
    _setup_customer_with_notes(links)

    links.send.command("/notes", "customer blue-scarf regular", user_id=MANAGER)

    shown = responded(links)
    text = blob(shown["blocks"])
    assert "self-checkout ate her card, ring [PHONE]" in text
    assert "both praised the new ramp" in text
    assert "pharmacy queue" not in text
    actions = [e["action_id"] for b in shown["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert actions == ["customer_export", "customer_erase"]
    erase = [e for b in shown["blocks"] if b["type"] == "actions" for e in b["elements"]][1]
    assert erase["confirm"]["confirm"]["text"] == "Erase"
    [event] = rows(links, AuditEvent)
    assert (event.action, event.actor_user_id, event.subject_type) == ("read", MANAGER, "customer")


def test_export_sends_everything_held_as_a_file_to_the_managers_dm(links: Harness) -> None:
    _setup_customer_with_notes(links)
    blue = next(c for c in rows(links, Customer) if c.alias == "blue-scarf regular")

    links.send.command("/notes", "export ~blue-scarf-regular", user_id=MANAGER)

    assert "Sent you the export (2 note(s))" in responded(links)["text"]
    [complete] = links.fake.wait_for("files.completeUploadExternal")
    assert complete.params["channel_id"] == "D" + MANAGER.lstrip("U")
    [uploaded] = links.fake.files.values()
    data = json.loads(uploaded["content"])
    assert data["customer"]["alias"] == "blue-scarf regular"
    assert data["customer"]["id"] == blue.id
    assert sorted(n["text"] for n in data["notes"]) == [
        "and both praised the new ramp", "said the self-checkout ate her card, ring [PHONE]"]
    assert {n["other_customers_linked"] for n in data["notes"]} == {0, 1}
    assert "pharmacy" not in uploaded["content"].decode()
    assert [e.action for e in rows(links, AuditEvent)] == ["export"]


def test_erase_leaves_no_trace_and_a_content_free_audit_entry(links: Harness) -> None:
    _setup_customer_with_notes(links)
    blue = next(c for c in rows(links, Customer) if c.alias == "blue-scarf regular")

    reply = links.send.block_action("customer_erase", str(blue.id), user_id=MANAGER, channel_id="DMGR1")
    assert reply.status == 200

    done = responded(links)
    assert "1 note(s) only about them deleted" in done["text"]
    assert [c.alias for c in rows(links, Customer)] == ["tall man with cane"]
    texts = [n.text for n in rows(links, Note)]
    assert texts == ["asked for a chair near the pharmacy queue", "and both praised the new ramp"]
    dump = dump_every_table(links)
    assert "blue-scarf" not in dump and "self-checkout" not in dump
    [event] = [e for e in rows(links, AuditEvent) if e.action == "erase"]
    assert (event.subject_type, event.subject_id, event.actor_user_id) == ("customer", str(blue.id), MANAGER)
    assert event.detail == {"notes_deleted": 1, "links_removed": 2, "nominations_deleted": 0}
    assert all(isinstance(v, int) for v in event.detail.values())


@pytest.mark.parametrize("what", ["customer", "export", "erase"])
def test_non_manager_is_refused_and_nothing_happens(links: Harness, what: str) -> None:
    _setup_customer_with_notes(links)
    blue = next(c for c in rows(links, Customer) if c.alias == "blue-scarf regular")

    if what == "customer":
        links.send.command("/notes", "customer blue-scarf regular", user_id=STAFF_A)
    else:
        links.send.block_action(f"customer_{what}", str(blue.id), user_id=STAFF_A, channel_id="D0001")

    assert "managers only" in responded(links)["text"]
    assert len(rows(links, Customer)) == 2 and len(links.notes()) == 3
    assert rows(links, AuditEvent) == []
    assert links.fake.files == {}


def test_a_manager_from_the_user_group_is_a_manager(links: Harness) -> None:
    from models import Workspace

    _setup_customer_with_notes(links)
    from sqlmodel import Session, select

    with Session(links.db.engine) as session:
        workspace = session.exec(select(Workspace)).one()
        workspace.manager_group = "S0MANAGERS"
        session.add(workspace)
        session.commit()
    links.fake.usergroups["S0MANAGERS"] = ["U0777"]

    links.send.command("/notes", "customer blue-scarf regular", user_id="U0777")

    assert "Customer “blue-scarf regular”" in responded(links)["text"]


@pytest.mark.parametrize("text", ["", "customer", "show blue-scarf", "help"])
def test_bad_arguments_get_the_usage(links: Harness, text: str) -> None:
    reply = links.send.command("/notes", text, user_id=MANAGER)

    assert "*/notes customer <alias>*" in reply.json()["text"]
    assert rows(links, AuditEvent) == []


def test_an_unknown_customer_gets_suggestions(links: Harness) -> None:
    _setup_customer_with_notes(links)

    links.send.command("/notes", "customer blue scarf", user_id=MANAGER)

    assert "Did you mean `~blue-scarf-regular`?" in responded(links)["text"]
    assert rows(links, AuditEvent) == []

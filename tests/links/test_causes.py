"""Causes, end to end: managers add, list and archive them; #slug links notes; an unknown slug is answered
with the closest causes and never created."""

from __future__ import annotations

import pytest

from bot.services.causes import slugify
from models import Cause, NoteCause
from tests.harness import Harness
from tests.links.support import MANAGER, STAFF_A, add_cause, blob, link_rows, responded, rows, submit_note


@pytest.mark.parametrize(("name", "slug"), [("Food bank", "food-bank"), ("  Winter Coat Drive! ", "winter-coat-drive"),
                                            ("Café & Crèche fund", "cafe-creche-fund"), ("x" * 60, "x" * 40)])
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_manager_adds_a_cause_and_everyone_lists_it(links: Harness) -> None:
    said = add_cause(links, '/cause add "Food bank" collection point by the tills, call 07700 900123'
                     .removeprefix("/cause "))

    assert "Added the cause *Food bank*" in said and "`#food-bank`" in said
    assert "> collection point by the tills, call [PHONE]" in said and "Removed 1 phone number" in said
    assert "900123" not in said
    [cause] = rows(links, Cause)
    assert (cause.slug, cause.name, cause.active, cause.created_by) == ("food-bank", "Food bank", True, MANAGER)
    assert cause.description == "collection point by the tills, call [PHONE]"

    listed = links.send.command("/cause", "list", user_id=STAFF_A).json()["text"]
    assert "*Food bank* `#food-bank`: collection point by the tills, call [PHONE]" in listed


def test_smart_quotes_and_unquoted_names_work(links: Harness) -> None:
    add_cause(links, "add “Winter coat drive” coats for the shelter")
    add_cause(links, "add Litter pick")

    assert sorted((c.slug, c.description) for c in rows(links, Cause)) == [
        ("litter-pick", ""), ("winter-coat-drive", "coats for the shelter")]


def test_a_duplicate_cause_is_refused(links: Harness) -> None:
    add_cause(links, 'add "Food bank"')

    said = add_cause(links, 'add "Food Bank!"')

    assert "already a cause `#food-bank`" in said
    assert len(rows(links, Cause)) == 1


def test_a_cause_named_after_a_person_is_refused(links: Harness) -> None:
    said = add_cause(links, 'add "Mrs Patel fundraiser"')

    assert "looks like it holds personal data" in said
    assert "patel" not in said.lower()
    assert rows(links, Cause) == []


def test_archive_closes_a_cause_for_new_links_and_add_reopens_it(links: Harness) -> None:
    add_cause(links, 'add "Food bank"')

    said = add_cause(links, "archive #food-bank")
    assert "Archived *Food bank*" in said
    assert rows(links, Cause)[0].active is False
    assert "no causes yet" in links.send.command("/cause", "list").json()["text"]

    reply = links.send.command("/note", "dropped off tins for the #food-bank")
    assert "`#food-bank` is archived" in reply.json()["text"]
    assert links.notes() == []

    assert "Re-opened" in add_cause(links, 'add "Food bank"')
    assert rows(links, Cause)[0].active is True


def test_unknown_slug_gets_the_closest_causes_and_is_never_created(links: Harness) -> None:
    add_cause(links, 'add "Food bank"')
    add_cause(links, 'add "Winter coat drive"')

    reply = links.send.command("/note", "brought tins for the #foodbank drive")

    text = reply.json()["text"]
    assert "There is no cause `#foodbank`. Did you mean `#food-bank`?" in text
    assert "Nothing was saved" in text
    assert links.notes() == []
    assert {c.slug for c in rows(links, Cause)} == {"food-bank", "winter-coat-drive"}


def test_unknown_slug_with_nothing_close_points_at_the_list(links: Harness) -> None:
    reply = links.send.command("/note", "talked about the #marathon")

    assert "See `/cause list`" in reply.json()["text"]
    assert rows(links, Cause) == [] and links.notes() == []


def test_archive_of_an_unknown_slug_suggests(links: Harness) -> None:
    add_cause(links, 'add "Food bank"')

    said = add_cause(links, "archive food-bnak")

    assert "Did you mean `#food-bank`?" in said
    assert rows(links, Cause)[0].active is True


def test_cause_picker_lists_active_causes_and_links_the_note(links: Harness) -> None:
    add_cause(links, 'add "Food bank"')
    add_cause(links, 'add "Winter coat drive"')
    add_cause(links, 'add "Litter pick"')
    add_cause(links, "archive litter-pick")

    options = links.send.block_suggestion("cause_pick", "").json()["options"]
    assert [o["text"]["text"] for o in options] == ["Food bank (#food-bank)", "Winter coat drive (#winter-coat-drive)"]
    filtered = links.send.block_suggestion("cause_pick", "coat").json()["options"]
    assert [o["text"]["text"] for o in filtered] == ["Winter coat drive (#winter-coat-drive)"]

    reply = submit_note(links, "asked where to drop off coats", cause=filtered[0]["value"])

    assert "Linked to cause #winter-coat-drive" in blob(reply.json()["view"])
    [note] = links.notes()
    [link] = link_rows(links, NoteCause)
    assert (link.note_id, str(link.cause_id)) == (note.id, filtered[0]["value"])


@pytest.mark.parametrize("text", ['add "Food bank" done', "archive food-bank"])
def test_non_manager_cannot_add_or_archive(links: Harness, text: str) -> None:
    add_cause(links, 'add "Food bank"')

    links.send.command("/cause", text, user_id=STAFF_A)

    assert "managers only" in responded(links, 2)["text"]
    assert [(c.slug, c.active) for c in rows(links, Cause)] == [("food-bank", True)]


@pytest.mark.parametrize("text", ["", "help", "list everything", "add", 'add "unterminated', "archive",
                                  "archive two slugs", "delete food-bank"])
def test_bad_arguments_get_the_usage_and_change_nothing(links: Harness, text: str) -> None:
    reply = links.send.command("/cause", text, user_id=MANAGER)

    assert reply.json()["response_type"] == "ephemeral"
    assert "*/cause add \"Food bank\" [what it is]*" in reply.json()["text"]
    assert rows(links, Cause) == []

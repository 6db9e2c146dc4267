"""The views and messages of the notes feature: the modal, the saved reply, the not-saved reply, help."""

from __future__ import annotations

import json
from typing import Any

from bot.privacy import Scrubbed
from bot.services.validation import MAX_NOTE_CHARS
from handlers.blocks import context, option, plain, quote, section

NOTE_MODAL = "note_modal"
TEXT_BLOCK, TEXT_ACTION = "note_text", "text"
KIND_BLOCK, KIND_ACTION = "note_kind", "kind"
# Optional links (handled in handlers/customers.py and handlers/causes.py: their options load from there).
CUSTOMER_BLOCK, CUSTOMER_ACTION = "note_customer", "customer_pick"
REF_BLOCK, REF_ACTION = "note_customer_ref", "ref"
CAUSE_BLOCK, CAUSE_ACTION = "note_cause", "cause_pick"

KIND_LABELS = {
    "says": "Says: something they said",
    "thinks": "Thinks: what they seem to believe",
    "does": "Does: something they did",
    "feels": "Feels: how they felt",
    "pain": "Pain: a problem or frustration",
    "gain": "Gain: something they valued",
}

HELP = (
    "*/note <what the customer said or did>* saves a note; personal data is removed before it is stored. "
    "`~alias` links a customer, `#cause` a community cause.\n"
    "*/note* on its own opens a form; on any message, *More actions → Save as note* does the same.\n"
    "Your notes (and a Delete button on each) are in the app's *Home* tab."
)

PRIVACY_HINT = ("Names, phone numbers, emails, card and account numbers are removed before anything is "
                "saved. Mention colleagues with @; they stay as mentions.")


def note_modal(*, source: str, initial_text: str = "", removed: str | None = None) -> dict[str, Any]:
    """The note form. ``initial_text`` is already scrubbed (the shortcut pre-fills it)."""
    text_input: dict[str, Any] = {
        "type": "plain_text_input", "action_id": TEXT_ACTION, "multiline": True,
        "max_length": MAX_NOTE_CHARS,
        "placeholder": plain("e.g. Regular at till 3 said the new loyalty app keeps logging her out"),
    }
    if initial_text:
        text_input["initial_value"] = initial_text[:MAX_NOTE_CHARS]
    blocks: list[dict[str, Any]] = [
        {"type": "input", "block_id": TEXT_BLOCK, "label": plain("What did the customer say or do?"),
         "element": text_input},
        {"type": "input", "block_id": KIND_BLOCK, "optional": True, "label": plain("What kind of remark"),
         "element": {"type": "static_select", "action_id": KIND_ACTION, "placeholder": plain("Choose one"),
                     "options": [option(label, value) for value, label in KIND_LABELS.items()]}},
        *link_blocks(),
        context(PRIVACY_HINT),
    ]
    if removed:
        blocks.insert(0, context(f":lock: From the message, personal data was already taken out ({removed})."))
    return {"type": "modal", "callback_id": NOTE_MODAL, "title": plain("Save a note"),
            "submit": plain("Save"), "close": plain("Cancel"),
            "private_metadata": json.dumps({"source": source}), "blocks": blocks}


def link_blocks() -> list[dict[str, Any]]:
    """The optional customer (type-ahead, "+ New customer"), loyalty number and cause pickers."""
    return [
        {"type": "input", "block_id": CUSTOMER_BLOCK, "optional": True, "label": plain("Customer (optional)"),
         "hint": plain("An alias, never a name: e.g. blue-scarf regular. Type a new one to add it."),
         "element": {"type": "external_select", "action_id": CUSTOMER_ACTION, "min_query_length": 0,
                     "placeholder": plain("Type an alias")}},
        {"type": "input", "block_id": REF_BLOCK, "optional": True,
         "label": plain("Loyalty or account number (optional)"),
         "hint": plain("Links this customer across notes; only a keyed hash is kept, never the number."),
         "element": {"type": "plain_text_input", "action_id": REF_ACTION, "max_length": 40}},
        {"type": "input", "block_id": CAUSE_BLOCK, "optional": True, "label": plain("Community cause (optional)"),
         "element": {"type": "external_select", "action_id": CAUSE_ACTION, "min_query_length": 0,
                     "placeholder": plain("Choose a cause")}},
    ]


def link_error_block(field: str | None) -> str:
    """The form block an :class:`InvalidInput` belongs to, by its ``field``."""
    return {"customer": CUSTOMER_BLOCK, "alias": CUSTOMER_BLOCK, "ref": REF_BLOCK,
            "cause": CAUSE_BLOCK, "kind": KIND_BLOCK}.get(field or "", TEXT_BLOCK)


def read_links(view: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """``(customer option value, number as typed, cause id)`` from a submitted note modal."""
    values = view.get("state", {}).get("values", {})
    customer = (values.get(CUSTOMER_BLOCK, {}).get(CUSTOMER_ACTION, {}) or {}).get("selected_option") or {}
    ref = (values.get(REF_BLOCK, {}).get(REF_ACTION, {}) or {}).get("value")
    cause = (values.get(CAUSE_BLOCK, {}).get(CAUSE_ACTION, {}) or {}).get("selected_option") or {}
    return customer.get("value"), ref, cause.get("value")


def read_submission(view: dict[str, Any]) -> tuple[str, str | None, str]:
    """``(text, kind, source)`` from a submitted note modal."""
    values = view.get("state", {}).get("values", {})
    text = (values.get(TEXT_BLOCK, {}).get(TEXT_ACTION, {}) or {}).get("value") or ""
    selected = (values.get(KIND_BLOCK, {}).get(KIND_ACTION, {}) or {}).get("selected_option") or {}
    try:
        source = json.loads(view.get("private_metadata") or "{}").get("source", "modal")
    except ValueError:
        source = "modal"
    return text, selected.get("value"), source if source in ("modal", "shortcut") else "modal"


def saved_blocks(scrubbed: Scrubbed, *, duplicate: bool = False, links: str = "") -> list[dict[str, Any]]:
    """What the author sees after saving: the stored text and what was removed."""
    title = "Already saved (Slack sent this twice):" if duplicate else ":white_check_mark: Saved:"
    notes = [scrubbed.describe_removed().capitalize()]
    if scrubbed.sensitive:
        notes.append("marked sensitive (" + ", ".join(sorted(scrubbed.sensitive)) + "): it will never be quoted")
    if links:
        notes.append(links)
    return [section(f"{title}\n{quote(scrubbed.text)}"), context(" · ".join(notes))]


def saved_text(scrubbed: Scrubbed) -> str:
    return f"Saved: {scrubbed.text[:2000]} ({scrubbed.describe_removed()})"


def not_saved_blocks(scrubbed: Scrubbed) -> list[dict[str, Any]]:
    """The database failed: say so plainly and give back the scrubbed text to send again."""
    return [
        section(":warning: *Your note was NOT saved*: the notes database is not answering right now. "
                "Copy the text below and send it again in a minute."),
        section(quote(scrubbed.text)),
        context(scrubbed.describe_removed().capitalize()),
    ]


def saved_view(scrubbed: Scrubbed, *, duplicate: bool = False, links: str = "") -> dict[str, Any]:
    return {"type": "modal", "title": plain("Note saved"), "close": plain("Done"),
            "blocks": saved_blocks(scrubbed, duplicate=duplicate, links=links)}

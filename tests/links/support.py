"""Helpers for the links tests: the harness settings, table dumps, form submissions."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import inspect, text
from sqlmodel import Session, select

from bot.emulator import FakeSlack
from handlers.note_views import (
    CAUSE_ACTION,
    CAUSE_BLOCK,
    CUSTOMER_ACTION,
    CUSTOMER_BLOCK,
    REF_ACTION,
    REF_BLOCK,
    TEXT_ACTION,
    TEXT_BLOCK,
)
from tests.harness import Harness, start_harness

MANAGER = "UMGR1"
STAFF_A, STAFF_B = "U0001", "U0002"
RECOGNITION = "CRECOG1"
REF_SECRET = "test-customer-ref-secret"


def start_links_harness(database_url: str, fake: FakeSlack) -> Harness:
    """The real app with a customer-reference secret, one manager and a recognition channel."""
    return start_harness(database_url, fake, customer_ref_secret=REF_SECRET, manager_user_ids=MANAGER,
                         recognition_channel=RECOGNITION)


def rows(h: Harness, model: Any) -> list[Any]:
    with Session(h.db.engine) as session:
        return list(session.exec(select(model).order_by(model.id)).all())


def link_rows(h: Harness, model: Any) -> list[Any]:
    with Session(h.db.engine) as session:
        return list(session.exec(select(model)).all())


def dump_every_table(h: Harness) -> str:
    """Every row of every table as text: what a leaked database would show."""
    out = []
    with h.db.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                out.append(f"{table}: {tuple(row)!r}")
    return "\n".join(out)


def submit_note(h: Harness, note: str, *, user: str = STAFF_A, customer: str | None = None,
                ref: str | None = None, cause: str | None = None, view_id: str | None = None) -> Any:
    """Submit the note modal with the given picker values (``customer`` is the option value)."""
    values: dict[str, dict[str, Any]] = {
        TEXT_BLOCK: {TEXT_ACTION: {"type": "plain_text_input", "value": note}},
        CUSTOMER_BLOCK: {CUSTOMER_ACTION: {"type": "external_select",
                                           "selected_option": {"value": customer} if customer else None}},
        REF_BLOCK: {REF_ACTION: {"type": "plain_text_input", "value": ref}},
        CAUSE_BLOCK: {CAUSE_ACTION: {"type": "external_select",
                                     "selected_option": {"value": cause} if cause else None}},
    }
    view = {"type": "modal", "callback_id": "note_modal", "private_metadata": json.dumps({"source": "modal"})}
    return h.send.view_submission(view, values, user_id=user, view_id=view_id)


def add_cause(h: Harness, command_text: str, *, user: str = MANAGER) -> str:
    """``/cause add ...`` as ``user``; the text of the answer (it arrives through response_url)."""
    before = len(h.fake.calls_to("response_url"))
    reply = h.send.command("/cause", command_text, user_id=user)
    assert reply.status == 200
    return str(h.fake.wait_for("response_url", count=before + 1)[-1].params["text"])


def responded(h: Harness, count: int = 1) -> dict[str, Any]:
    """The ``count``-th message the app sent through a response_url."""
    return h.fake.wait_for("response_url", count=count)[count - 1].params


def blob(value: Any) -> str:
    """JSON text of a Slack payload, non-ASCII kept, for substring assertions."""
    return json.dumps(value, ensure_ascii=False)

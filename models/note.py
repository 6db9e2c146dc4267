"""A note: scrubbed text and what is known about it. Raw text is never stored."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, Session, SQLModel, col, delete, select

from models.base import utcnow

NOTE_SOURCES = ("command", "shortcut", "modal", "prompt")
NOTE_KINDS = ("says", "thinks", "does", "feels", "pain", "gain", "other")


class Note(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    author_id: int = Field(foreign_key="staff.id", index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))  # already through bot.privacy.scrub
    source: str = Field(max_length=16)
    kind: str = Field(default="other", max_length=16)
    sentiment: float | None = None
    sensitive: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # What the filter removed, by kind ({"phone": 1}); shown back to the author, counted in reports.
    removed: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Derived from Slack's trigger/view/event id: a retried request finds the note it already stored.
    idempotency_key: str = Field(max_length=200, unique=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)


class NoteCustomer(SQLModel, table=True):
    note_id: int = Field(foreign_key="note.id", primary_key=True, ondelete="CASCADE")
    customer_id: int = Field(foreign_key="customer.id", primary_key=True, index=True, ondelete="CASCADE")


class NoteCause(SQLModel, table=True):
    note_id: int = Field(foreign_key="note.id", primary_key=True, ondelete="CASCADE")
    cause_id: int = Field(foreign_key="cause.id", primary_key=True, index=True, ondelete="CASCADE")


def find_by_key(session: Session, idempotency_key: str) -> Note | None:
    return session.exec(select(Note).where(Note.idempotency_key == idempotency_key)).first()


def recent_by_author(session: Session, author_id: int, limit: int = 10) -> Sequence[Note]:
    query = (select(Note).where(Note.author_id == author_id)
             .order_by(col(Note.created_at).desc(), col(Note.id).desc()).limit(limit))
    return session.exec(query).all()


def delete_note_rows(session: Session, note_id: int) -> None:
    """Delete a note and its links (explicitly: SQLite only cascades with foreign keys switched on)."""
    session.exec(delete(NoteCustomer).where(col(NoteCustomer.note_id) == note_id))
    session.exec(delete(NoteCause).where(col(NoteCause.note_id) == note_id))
    session.exec(delete(Note).where(col(Note.id) == note_id))

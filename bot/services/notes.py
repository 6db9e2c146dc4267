"""Capture, list and delete notes. The privacy filter runs before anything touches the database."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot.db import Database
from bot.errors import InvalidInput, NotAllowed, NoteNotSaved, StorageUnavailable
from bot.privacy import Scrubbed, scrub
from bot.services.directory import Author, Directory
from bot.services.validation import check_note_text
from models.note import (
    NOTE_KINDS,
    NOTE_SOURCES,
    Note,
    NoteCause,
    NoteCustomer,
    delete_note_rows,
    find_by_key,
    recent_by_author,
)
from models.staff import get_or_create_staff
from models.workspace import Workspace, get_or_create_workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Captured:
    """A stored note and what the filter did to it. ``duplicate`` is true for a retried request."""

    note: Note
    scrubbed: Scrubbed
    duplicate: bool = False


@dataclass(frozen=True)
class Defaults:
    """Process-wide defaults used until a workspace has its own settings."""

    phone_region: str = "GB"
    timezone: str = "UTC"


def scrub_in(workspace: Workspace, text: str) -> Scrubbed:
    """Scrub with the workspace's phone region and its own patterns: how every text of a workspace is read."""
    return scrub(text, region=workspace.phone_region, extra_patterns=tuple(workspace.custom_patterns or ()))


def scrub_for(workspace: Workspace | None, text: str, defaults: Defaults) -> Scrubbed:
    """:func:`scrub_in`, or the process defaults when the workspace is unknown (or its row unreachable)."""
    if workspace is None:
        return scrub(text, region=defaults.phone_region)
    return scrub_in(workspace, text)


def capture_note(*, db: Database, team_id: str, user_id: str, text: str | None, source: str,
                 idempotency_key: str, kind: str | None = None, defaults: Defaults | None = None,
                 directory: Directory | None = None, customer_ids: Sequence[int] = (),
                 cause_ids: Sequence[int] = ()) -> Captured:
    """Check, scrub and store one note; the same ``idempotency_key`` never stores twice.

    Raises :class:`InvalidInput` (nothing stored) for unusable text and :class:`NoteNotSaved`, carrying the
    scrubbed text, when the database fails.
    """
    defaults = defaults or Defaults()
    directory = directory or Directory(ttl=0, phone_region=defaults.phone_region, timezone=defaults.timezone)
    checked = check_note_text(text)
    if source not in NOTE_SOURCES:
        raise ValueError(f"unknown note source {source!r}")
    kind = kind or "other"
    if kind not in NOTE_KINDS:
        raise InvalidInput("Pick a kind of remark from the list.", field="kind")
    try:
        try:
            with db.session() as session:
                author = directory.author(session, team_id, user_id)
                scrubbed = scrub(checked, region=author.phone_region, extra_patterns=author.custom_patterns)
                note = store_note(session, author, scrubbed, source=source, kind=kind,
                                  idempotency_key=idempotency_key)
                link_note(session, note, customer_ids=customer_ids, cause_ids=cause_ids)
                return Captured(note, scrubbed)
        except IntegrityError:
            # Insert first, look up only on a clash: a retry is rare, a round trip on every note is not.
            with db.session() as session:
                existing = find_by_key(session, idempotency_key)
                if existing is None:
                    raise
                return Captured(existing, scrubbed, duplicate=True)
    except StorageUnavailable as exc:
        log.warning("note not stored: database unavailable (source=%s)", source)
        raise NoteNotSaved(scrub_for(None, checked, defaults)) from exc


def store_note(session: Session, author: Author, scrubbed: Scrubbed, *, source: str, kind: str,
               idempotency_key: str) -> Note:
    """Insert one already-scrubbed note for ``author``; the unique idempotency key refuses a second copy."""
    note = Note(workspace_id=author.workspace_id, author_id=author.staff_id, text=scrubbed.text, source=source,
                kind=kind, sentiment=_sentiment(scrubbed.text), sensitive=sorted(scrubbed.sensitive),
                removed=scrubbed.counts(), idempotency_key=idempotency_key)
    session.add(note)
    session.flush()
    return note


def link_note(session: Session, note: Note, *, customer_ids: Sequence[int] = (),
              cause_ids: Sequence[int] = ()) -> None:
    """Link a just-stored note to customers and causes (ids already resolved in its workspace)."""
    assert note.id is not None
    for customer_id in dict.fromkeys(customer_ids):
        session.add(NoteCustomer(note_id=note.id, customer_id=customer_id))
    for cause_id in dict.fromkeys(cause_ids):
        session.add(NoteCause(note_id=note.id, cause_id=cause_id))
    if customer_ids or cause_ids:
        session.flush()


def _sentiment(text: str) -> float | None:
    try:
        from digests.sentiment import score
    except ImportError:
        return None
    return float(score(text))


def recent_notes(*, db: Database, team_id: str, user_id: str, limit: int = 10) -> Sequence[Note]:
    """The author's latest notes, newest first (empty for someone who has none)."""
    with db.session() as session:
        workspace = get_or_create_workspace(session, team_id)
        assert workspace.id is not None
        staff = get_or_create_staff(session, workspace.id, user_id)
        assert staff.id is not None
        return list(recent_by_author(session, staff.id, limit))


def delete_note(*, db: Database, team_id: str, user_id: str, note_id: int) -> None:
    """Delete one of the person's own notes. Someone else's note raises :class:`NotAllowed`."""
    with db.session() as session:
        note = session.get(Note, note_id)
        workspace = session.get(Workspace, note.workspace_id) if note else None
        if note is None or workspace is None or workspace.team_id != team_id:
            raise NotAllowed("That note no longer exists.")
        staff = get_or_create_staff(session, note.workspace_id, user_id)
        if note.author_id != staff.id:
            raise NotAllowed("Only the person who wrote a note can delete it.")
        delete_note_rows(session, note_id)


def preview_scrub(*, db: Database, team_id: str, text: str, defaults: Defaults | None = None) -> Scrubbed:
    """Scrub text for display before it is saved (the shortcut's pre-filled modal). Never raises for a
    database failure: it then uses the default phone region."""
    defaults = defaults or Defaults()
    try:
        with db.session() as session:
            workspace = session.exec(select(Workspace).where(Workspace.team_id == team_id)).first()
            return scrub_for(workspace, text, defaults)
    except StorageUnavailable:
        return scrub_for(None, text, defaults)

"""Digests from stored notes: load a period, build the report, claim the period, store, deliver.

``digests.build_report`` is pure; this module is where the database and Slack meet it. A ``Digest`` row,
unique on (workspace, kind, period start), is claimed before anything is built, so two replicas or a
restart never post the same period twice; the Markdown export is stored before the post is tried.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.db import Database
from bot.errors import InvalidInput
from models import Cause, Digest, Nomination, Note, NoteCause, NoteCustomer, Staff, Workspace
from models.workspace import get_or_create_workspace

log = logging.getLogger(__name__)
STALE_CLAIM = timedelta(minutes=15)  # a claim this old that never posted belonged to a process that died


@dataclass(frozen=True)
class NoteView:
    """A stored note as ``digests.build_report`` reads it (text already scrubbed)."""

    id: int
    text: str
    created_at: datetime
    author: str
    sensitive: tuple[str, ...] = ()
    kind: str = "other"
    sentiment: float | None = None
    causes: tuple[str, ...] = ()
    customers: tuple[int, ...] = ()


@dataclass(frozen=True)
class NominationView:
    cause: str
    status: str


@dataclass
class PeriodData:
    notes: list[NoteView] = field(default_factory=list)
    nominations: list[NominationView] = field(default_factory=list)


def _utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)


def load_period(session: Session, workspace_id: int, start: datetime, end: datetime) -> PeriodData:
    """Notes and nominations of one workspace created in ``[start, end)``."""
    start, end = _utc(start), _utc(end)
    rows = session.exec(
        select(Note, Staff.user_id).join(Staff, col(Staff.id) == col(Note.author_id))
        .where(Note.workspace_id == workspace_id, col(Note.created_at) >= start, col(Note.created_at) < end)
        .order_by(col(Note.created_at))).all()
    ids = [note.id for note, _ in rows]
    causes: dict[int, list[str]] = defaultdict(list)
    customers: dict[int, list[int]] = defaultdict(list)
    if ids:
        for note_id, slug in session.exec(select(NoteCause.note_id, Cause.slug).join(
                Cause, col(Cause.id) == col(NoteCause.cause_id)).where(col(NoteCause.note_id).in_(ids))).all():
            causes[note_id].append(slug)
        for note_id, customer_id in session.exec(select(NoteCustomer.note_id, NoteCustomer.customer_id)
                                                 .where(col(NoteCustomer.note_id).in_(ids))).all():
            customers[note_id].append(customer_id)
    notes = [NoteView(id=note.id or 0, text=note.text, created_at=_utc(note.created_at), author=user_id,
                      sensitive=tuple(note.sensitive or ()), kind=note.kind, sentiment=note.sentiment,
                      causes=tuple(causes.get(note.id or 0, ())), customers=tuple(customers.get(note.id or 0, ())))
             for note, user_id in rows]
    noms = session.exec(select(Nomination, Cause.slug).join(Cause, col(Cause.id) == col(Nomination.cause_id))
                        .where(Nomination.workspace_id == workspace_id, col(Nomination.created_at) >= start,
                               col(Nomination.created_at) < end)).all()
    return PeriodData(notes, [NominationView(slug, nom.status) for nom, slug in noms])


def mood_history(session: Session, workspace_id: int, end: datetime, weeks: int = 8
                 ) -> list[tuple[datetime, float | None]]:
    """Average sentiment per week for the ``weeks`` weeks before ``end`` (None for a week without notes)."""
    end = _utc(end)
    start = end - timedelta(weeks=weeks)
    values = session.exec(select(Note.created_at, Note.sentiment).where(
        Note.workspace_id == workspace_id, col(Note.created_at) >= start, col(Note.created_at) < end,
        col(Note.sentiment).is_not(None))).all()
    buckets: dict[int, list[float]] = defaultdict(list)
    for created, sentiment in values:
        index = int((_utc(created) - start) / timedelta(weeks=1))
        if sentiment is not None and 0 <= index < weeks:
            buckets[index].append(float(sentiment))
    return [(start + timedelta(weeks=i), (sum(buckets[i]) / len(buckets[i])) if buckets[i] else None)
            for i in range(weeks)]


def claim(db: Database, workspace_id: int, kind: str, start: datetime, end: datetime, *, now: datetime,
          late: bool = False) -> Digest | None:
    """Claim a period for this process. None when another process posted it or holds a fresh claim."""
    start, end = _utc(start), _utc(end)
    try:
        with db.session() as session:
            new = Digest(workspace_id=workspace_id, kind=kind, period_start=start, period_end=end,
                         late=late, claimed_at=now)
            session.add(new)
            session.flush()
            return new
    except IntegrityError:
        pass
    with db.session() as session:
        # Take over a claim whose process died (claimed or failed, and old), under a row lock.
        row = session.exec(select(Digest).where(
            Digest.workspace_id == workspace_id, Digest.kind == kind, Digest.period_start == start)
            .with_for_update()).first()
        if row is None or row.status == "posted":
            return None
        if row.status == "claimed" and _utc(row.claimed_at) > now - STALE_CLAIM:
            return None
        row.status, row.claimed_at, row.late = "claimed", now, row.late or late
        session.add(row)
        return row


def save_content(db: Database, digest_id: int, content: dict[str, Any], markdown: str) -> None:
    with db.session() as session:
        row = session.get(Digest, digest_id)
        if row is not None:
            row.content, row.markdown = content, markdown
            session.add(row)


def mark(db: Database, digest_id: int, status: str, *, channel: str | None = None, ts: str | None = None,
         now: datetime | None = None) -> None:
    with db.session() as session:
        row = session.get(Digest, digest_id)
        if row is not None:
            row.status = status
            row.channel = channel or row.channel
            row.message_ts = ts or row.message_ts
            if status == "posted":
                row.posted_at = now or datetime.now(timezone.utc)
            session.add(row)


def workspaces_with_digests(session: Session, default_channel: str | None = None) -> Sequence[Workspace]:
    """Workspaces that get a weekly digest: their own channel set, or every one when a default is set."""
    query = select(Workspace)
    if not default_channel:
        query = query.where(col(Workspace.digest_channel).is_not(None))
    return session.exec(query.order_by(col(Workspace.id))).all()


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SCHEDULE_USAGE = ("Usage: `/digest schedule <weekday> <HH:MM> [#channel]`, e.g. "
                  "`/digest schedule monday 08:00 #managers` (the workspace's time zone).")
_CHANNEL = re.compile(r"^<#(C[A-Z0-9]+)(?:\|[^>]*)?>$|^(C[A-Z0-9]{6,})$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Schedule:
    weekday: int
    time: str
    channel: str | None
    timezone: str

    def describe(self) -> str:
        where = f"<#{self.channel}>" if self.channel else "no channel yet"
        return f"{WEEKDAYS[self.weekday].title()}s at {self.time} ({self.timezone}), to {where}"


def parse_schedule(text: str) -> tuple[int, str, str | None]:
    """``"monday 08:00 <#C123|managers>"`` -> (0, "08:00", "C123"). Raises InvalidInput with the usage."""
    parts = text.split()
    if len(parts) not in (2, 3):
        raise InvalidInput(SCHEDULE_USAGE)
    day = parts[0].lower()
    matches = [i for i, name in enumerate(WEEKDAYS) if len(day) >= 3 and name.startswith(day)]
    if len(matches) != 1:
        raise InvalidInput(f"`{day[:12]}` is not a weekday. {SCHEDULE_USAGE}")
    clock = _TIME.match(parts[1])
    if clock is None:
        raise InvalidInput(f"The time must look like 08:00. {SCHEDULE_USAGE}")
    channel = None
    if len(parts) == 3:
        found = _CHANNEL.match(parts[2])
        if found is None:
            raise InvalidInput(f"Pick the channel with # so Slack links it. {SCHEDULE_USAGE}")
        channel = found.group(1) or found.group(2)
    return matches[0], f"{int(clock.group(1)):02d}:{clock.group(2)}", channel


def set_schedule(db: Database, team_id: str, text: str, *, default_channel: str | None = None) -> Schedule:
    """Change a workspace's weekly digest day, time and (optionally) channel."""
    weekday, at, channel = parse_schedule(text)
    with db.session() as session:
        workspace = get_or_create_workspace(session, team_id)
        workspace.digest_weekday, workspace.digest_time = weekday, at
        if channel:
            workspace.digest_channel = channel
        session.add(workspace)
        return Schedule(weekday, at, workspace.digest_channel or default_channel, workspace.timezone)


def workspace_for(db: Database, team_id: str) -> Workspace:
    with db.session() as session:
        return get_or_create_workspace(session, team_id)

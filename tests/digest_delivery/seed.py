"""Notes written through the real capture path, then moved back in time, for digest tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlmodel import select

from bot.db import Database
from bot.services.notes import capture_note
from models import Note, Workspace

QUEUES = ["The queue at the tills was far too long, customer gave up",
          "Long queue again at checkout, she waited twenty minutes",
          "Customer complained about waiting in the queue for ages",
          "Queues at the tills were huge at lunchtime, people walked out"]
STOCK = ["Oat milk out of stock again, customer was annoyed",
         "No oat milk on the shelf, third time this week",
         "Customer asked why we keep running out of oat milk"]
SENSITIVE = "Customer told me she is in debt and can't afford the rent this month"


def seed(db: Database, team_id: str, notes: Iterable[tuple[str, str]], *, at: datetime, key: str) -> list[int]:
    """Store ``(user_id, text)`` notes through ``capture_note`` and date them from ``at`` an hour apart."""
    ids = []
    for i, (user, text) in enumerate(notes):
        captured = capture_note(db=db, team_id=team_id, user_id=user, text=text, source="command",
                                idempotency_key=f"seed:{key}:{i}")
        ids.append(captured.note.id)
        with db.session() as session:
            note = session.get(Note, captured.note.id)
            assert note is not None
            note.created_at = at + timedelta(hours=i)
            session.add(note)
    return [i for i in ids if i is not None]


def week_of_notes(db: Database, team_id: str, week_start: datetime, key: str = "w") -> list[int]:
    """Two themes from three staff, and one sensitive note that must never be quoted."""
    users = ["U0001", "U0002", "U0003"]
    rows = [(users[i % 3], t) for i, t in enumerate(QUEUES + STOCK)] + [("U0001", SENSITIVE)]
    return seed(db, team_id, rows, at=week_start + timedelta(days=1, hours=9), key=key)


def set_workspace(db: Database, team_id: str, **values: object) -> None:
    with db.session() as session:
        workspace = session.exec(select(Workspace).where(Workspace.team_id == team_id)).first()
        if workspace is None:
            workspace = Workspace(team_id=team_id)
        for name, value in values.items():
            setattr(workspace, name, value)
        session.add(workspace)

"""The note service on SQLite and PostgreSQL: scrub first, store once, delete only your own."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import Session, select

from bot.db import Database
from bot.errors import InvalidInput, NotAllowed
from bot.services.directory import Directory
from bot.services.notes import capture_note, delete_note, recent_notes
from models import Note, Staff, Workspace


@pytest.fixture
def db(database_url: str):
    database = Database.from_url(database_url)
    yield database
    database.dispose()


def _capture(db: Database, text: str, key: str, user: str = "U1", **kw):
    return capture_note(db=db, team_id="T1", user_id=user, text=text, source="command", idempotency_key=key, **kw)


def test_capture_scrubs_before_storing_and_creates_workspace_and_staff(db: Database) -> None:
    captured = _capture(db, "Card 4111 1111 1111 1111 declined twice at till 2", "k1")

    assert captured.note.text == "Card [CARD] declined twice at till 2"
    with Session(db.engine) as s:
        assert s.exec(select(Workspace.team_id)).all() == ["T1"]
        assert s.exec(select(Staff.user_id)).all() == ["U1"]
        [stored] = s.exec(select(Note)).all()
    assert "4111" not in stored.text
    assert stored.removed == {"card": 1}


def test_same_key_stores_once_even_when_two_requests_race(db: Database) -> None:
    results = []
    barrier = threading.Barrier(4)

    def worker() -> None:
        barrier.wait()
        results.append(_capture(db, "asked for the manager about a refund", "same-key", directory=Directory()))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(r.duplicate for r in results) == [False, True, True, True]
    assert len({r.note.id for r in results}) == 1
    with Session(db.engine) as s:
        assert len(s.exec(select(Note)).all()) == 1


@pytest.mark.parametrize("text", ["", "   ", ":smile:", "🙂🙂", "x" * 4001])
def test_unusable_text_raises_and_stores_nothing(db: Database, text: str) -> None:
    with pytest.raises(InvalidInput):
        _capture(db, text, "bad")

    with Session(db.engine) as s:
        assert s.exec(select(Note)).all() == []


def test_exactly_4000_characters_is_accepted(db: Database) -> None:
    captured = _capture(db, "a" * 4000, "long")

    assert len(captured.note.text) == 4000


def test_recent_notes_are_the_authors_newest_first(db: Database) -> None:
    for i in range(3):
        _capture(db, f"note {i} from one", f"a{i}", user="U1")
    _capture(db, "note from another", "b", user="U2")

    notes = recent_notes(db=db, team_id="T1", user_id="U1", limit=2)

    assert [n.text for n in notes] == ["note 2 from one", "note 1 from one"]


def test_delete_refuses_other_people_and_other_workspaces(db: Database) -> None:
    note = _capture(db, "a note to keep", "keep").note
    assert note.id is not None

    with pytest.raises(NotAllowed):
        delete_note(db=db, team_id="T1", user_id="U2", note_id=note.id)
    with pytest.raises(NotAllowed):
        delete_note(db=db, team_id="T-OTHER", user_id="U1", note_id=note.id)
    delete_note(db=db, team_id="T1", user_id="U1", note_id=note.id)

    with Session(db.engine) as s:
        assert s.exec(select(Note)).all() == []

"""Get-or-create that survives two replicas inserting the same row at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

T = TypeVar("T")


def get_or_create(session: Session, model: type[T], query: Any, make: Callable[[], T]) -> T:
    """Return the row ``query`` finds, or insert ``make()``; on a unique clash, return the winner's row."""
    found = session.exec(query).first()
    if found is not None:
        return found  # type: ignore[no-any-return]
    row = make()
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        found = session.exec(query).first()
        if found is None:
            raise
        return found  # type: ignore[no-any-return]
    return row

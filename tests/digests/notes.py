"""Small note objects for engine tests (what ``build_report`` reads)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from digests import Period

WEEK = Period(datetime(2026, 11, 16, tzinfo=timezone.utc), datetime(2026, 11, 23, tzinfo=timezone.utc))


@dataclass(frozen=True)
class N:
    id: int
    text: str
    author: str = "U1"
    created_at: datetime = WEEK.start + timedelta(days=1)
    sensitive: tuple[str, ...] = ()
    kind: str = "other"
    sentiment: float | None = None
    causes: tuple[str, ...] = ()
    customers: tuple[int, ...] = ()


def notes(texts: list[str], *, start: int = 1, authors: int = 3, **kw: object) -> list[N]:
    return [N(start + i, t, author=f"U{i % authors}", **kw) for i, t in enumerate(texts)]  # type: ignore[arg-type]

"""Who is writing: the workspace and staff row ids and the workspace's filter settings, cached briefly.

Every note needs them; looking them up each time doubled the database round trips of ``/note``. Entries
live ``ttl`` seconds, so a change of a workspace's phone region or custom patterns is picked up within it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from sqlmodel import Session

from models.staff import get_or_create_staff
from models.workspace import get_or_create_workspace


@dataclass(frozen=True)
class Author:
    workspace_id: int
    staff_id: int
    phone_region: str
    custom_patterns: tuple[str, ...]


class Directory:
    def __init__(self, *, ttl: float = 60.0, phone_region: str = "GB", timezone: str = "UTC") -> None:
        self.ttl = ttl
        self._defaults = {"phone_region": phone_region, "timezone": timezone}
        self._cache: dict[tuple[str, str], tuple[float, Author]] = {}
        self._lock = threading.Lock()

    def author(self, session: Session, team_id: str, user_id: str) -> Author:
        """The author's ids and settings, creating the workspace and staff rows on first sight."""
        key = (team_id, user_id)
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(key)
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        workspace = get_or_create_workspace(session, team_id, defaults=self._defaults)
        assert workspace.id is not None
        staff = get_or_create_staff(session, workspace.id, user_id)
        assert staff.id is not None
        author = Author(workspace.id, staff.id, workspace.phone_region, tuple(workspace.custom_patterns or ()))
        with self._lock:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = (now, author)
        return author

    def forget(self, team_id: str | None = None) -> None:
        """Drop cached entries (all, or one workspace's) after its settings or staff rows change."""
        with self._lock:
            if team_id is None:
                self._cache.clear()
            else:
                for key in [k for k in self._cache if k[0] == team_id]:
                    del self._cache[key]

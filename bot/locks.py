"""A lock in the database, so a scheduled tick runs on one replica at a time.

PostgreSQL: a session advisory lock (released if the process dies). SQLite is one file on one machine,
which does not get several replicas; there an in-process lock is enough.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from bot.db import Database

_local_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()


def _key(name: str) -> int:
    # A stable signed 64-bit number for the name (advisory locks take a bigint).
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def try_exclusive(db: Database, name: str) -> Iterator[bool]:
    """Yield True when this process holds ``name`` for the block, False when another one does."""
    if db.engine.dialect.name != "postgresql":
        with _guard:
            lock = _local_locks.setdefault(name, threading.Lock())
        got = lock.acquire(blocking=False)
        try:
            yield got
        finally:
            if got:
                lock.release()
        return
    with db.engine.connect() as conn:
        got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _key(name)}).scalar())
        try:
            yield got
        finally:
            if got:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _key(name)})
            conn.commit()

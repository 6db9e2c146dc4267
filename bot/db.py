"""The database engine and sessions.

One engine per process, sessions opened per listener call or job run (never global). Connection
problems surface as :class:`bot.errors.StorageUnavailable`; ``pool_pre_ping`` replaces dead
connections, so the app recovers by itself when the database comes back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlmodel import Session, create_engine

from bot.errors import StorageUnavailable


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whatever scheme the admin wrote."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str, *, connect_timeout: float = 2.0, pool_size: int = 10) -> Engine:
    """An engine with explicit timeouts, so a dead database fails fast instead of hanging a Slack ack."""
    url = normalise_url(url)
    kwargs: dict[str, Any] = {"pool_pre_ping": True, "hide_parameters": True}  # no note text in errors
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": connect_timeout, "check_same_thread": False}
    else:
        kwargs["connect_args"] = {"connect_timeout": max(1, round(connect_timeout))}
        kwargs["pool_size"] = pool_size
        kwargs["max_overflow"] = pool_size
        kwargs["pool_timeout"] = connect_timeout
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the digest read while a note is written; foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Database:
    """The engine and a way to open a unit of work on it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def from_url(cls, url: str, *, connect_timeout: float = 2.0) -> Database:
        return cls(make_engine(url, connect_timeout=connect_timeout))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success, rolls back on error, and turns connection and driver
        failures into :class:`StorageUnavailable` (with a fixed message: driver errors can quote SQL)."""
        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
            session.commit()
        except IntegrityError:
            _rollback_quietly(session)
            raise  # a constraint said no: the caller's rule (idempotency, uniqueness), not an outage
        except (OperationalError, DBAPIError) as exc:
            _rollback_quietly(session)
            raise StorageUnavailable() from exc
        except BaseException:
            _rollback_quietly(session)
            raise
        finally:
            session.close()

    def ping(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            return False

    def dispose(self) -> None:
        self.engine.dispose()


def _rollback_quietly(session: Session) -> None:
    try:
        session.rollback()
    except SQLAlchemyError:
        pass  # the connection is already gone; the pool will replace it

"""Test databases: a migrated SQLite file per test, and a migrated PostgreSQL database per session that is
emptied between tests. PostgreSQL tests skip with a reason when none is reachable, unless
``FRONTLINE_REQUIRE_POSTGRES=1`` (CI), where they fail instead."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

import models  # noqa: F401 - registers the tables
from bot.db import make_engine
from bot.migrations import upgrade

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def postgres_required() -> bool:
    return os.environ.get("FRONTLINE_REQUIRE_POSTGRES") == "1"


def postgres_reachable() -> str | None:
    """None when PostgreSQL answers, else why not."""
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=2) as conn:
            conn.execute("SELECT 1")
        return None
    except psycopg.Error as exc:
        return f"PostgreSQL not reachable at {PG_ADMIN_URL} ({type(exc).__name__})"


def skip_or_fail_without_postgres() -> None:
    reason = postgres_reachable()
    if reason is None:
        return
    if postgres_required():
        pytest.fail(reason + "; FRONTLINE_REQUIRE_POSTGRES=1 forbids skipping")
    pytest.skip(reason + "; set TEST_POSTGRES_URL to run these tests")


def _with_db(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


def create_pg_database(prefix: str = "frontline_test") -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return _with_db(PG_ADMIN_URL, name)


def drop_pg_database(url: str) -> None:
    name = url.rpartition("/")[2]
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class SqliteTemplate:
    """One migrated SQLite file per session, copied for every test (faster than migrating each time)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "template.db"
        upgrade(f"sqlite:///{self.path}")

    def fresh(self, folder: Path) -> str:
        target = folder / f"{uuid.uuid4().hex[:8]}.db"
        shutil.copyfile(self.path, target)
        return f"sqlite:///{target}"


def truncate_all(url: str) -> None:
    engine = make_engine(url)
    try:
        names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()

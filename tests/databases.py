"""Test databases: a migrated SQLite file per test, and a migrated PostgreSQL database per session that is
emptied between tests. PostgreSQL tests skip with a reason when none is reachable, unless
``FRONTLINE_REQUIRE_POSTGRES=1`` (CI), where they fail instead."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

import models  # noqa: F401 - registers the tables
from bot.bench import pgtemp
from bot.db import make_engine
from bot.migrations import upgrade

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def postgres_required() -> bool:
    return os.environ.get("FRONTLINE_REQUIRE_POSTGRES") == "1"


def postgres_reachable() -> str | None:
    """None when PostgreSQL answers, else why not."""
    return pgtemp.reachable(PG_ADMIN_URL)


def skip_or_fail_without_postgres() -> None:
    reason = postgres_reachable()
    if reason is None:
        return
    if postgres_required():
        pytest.fail(reason + "; FRONTLINE_REQUIRE_POSTGRES=1 forbids skipping")
    pytest.skip(reason + "; set TEST_POSTGRES_URL to run these tests")


def create_pg_database(prefix: str = "frontline_test") -> str:
    return pgtemp.create_database(PG_ADMIN_URL, prefix)


def drop_pg_database(url: str) -> None:
    pgtemp.drop_database(PG_ADMIN_URL, url)


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

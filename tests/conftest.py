"""Shared fixtures. Every test gets a clean environment, its own database and its own fake Slack."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.emulator import FakeSlack
from tests.databases import (
    SqliteTemplate,
    create_pg_database,
    drop_pg_database,
    postgres_reachable,
    skip_or_fail_without_postgres,
    truncate_all,
)
from tests.harness import Harness, start_harness


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A developer's shell (tokens, DATABASE_URL, OpenAI keys) never leaks into a test, nor their .env."""
    for name in list(os.environ):
        if name.startswith(("SLACK_", "OPENAI_")) or name == "DATABASE_URL":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplate:
    return SqliteTemplate(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def _pg_session_url() -> Iterator[str | None]:
    if postgres_reachable() is not None:
        yield None
        return
    from bot.migrations import upgrade

    url = create_pg_database()
    upgrade(url)
    yield url
    drop_pg_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: SqliteTemplate,
                 _pg_session_url: str | None) -> Iterator[str]:
    """A migrated, empty database: SQLite and PostgreSQL in turn."""
    if request.param == "sqlite":
        yield sqlite_template.fresh(tmp_path)
        return
    skip_or_fail_without_postgres()
    assert _pg_session_url is not None
    truncate_all(_pg_session_url)
    yield _pg_session_url


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: SqliteTemplate) -> str:
    """A migrated, empty SQLite database, for tests that need only one engine."""
    return sqlite_template.fresh(tmp_path)


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def harness(database_url: str, fake_slack: FakeSlack) -> Iterator[Harness]:
    h = start_harness(database_url, fake_slack)
    yield h
    h.stop()


@pytest.fixture
def sqlite_harness(sqlite_url: str, fake_slack: FakeSlack) -> Iterator[Harness]:
    h = start_harness(sqlite_url, fake_slack)
    yield h
    h.stop()

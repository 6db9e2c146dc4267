"""pytest-alembic's built-in checks on SQLite and PostgreSQL: one head, upgrade, models match the DDL,
and every revision goes down and up again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_alembic.config import Config
from pytest_alembic.tests import (  # noqa: F401 - collected as tests here
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import Engine

from bot.db import make_engine
from bot.migrations import ALEMBIC_DIR
from tests.databases import PG_ADMIN_URL, skip_or_fail_without_postgres


@pytest.fixture
def alembic_config() -> Config:
    return Config(config_options={"script_location": str(ALEMBIC_DIR)})


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def alembic_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'alembic.db'}")
        yield engine
        engine.dispose()
        return
    skip_or_fail_without_postgres()
    from bot.bench import pgtemp

    url = pgtemp.create_database(PG_ADMIN_URL, "frontline_alembic")
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()
        pgtemp.drop_database(PG_ADMIN_URL, url)

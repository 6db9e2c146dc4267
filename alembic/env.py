"""Alembic environment: the schema is SQLModel's metadata; the URL is the app's DATABASE_URL.

A connection passed in ``config.attributes["connection"]`` (tests, pytest-alembic, ``bot.migrations``) is
used as is, so a test never migrates the developer's own database by accident.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, engine_from_config, pool
from sqlmodel import SQLModel

import models  # noqa: F401 - registers every table on SQLModel.metadata
from alembic import context

config = context.config
target_metadata = SQLModel.metadata

# Tables that other libraries own (APScheduler's job store, if ever used) stay out of autogenerate.
OWNED_ELSEWHERE = {"apscheduler_jobs"}


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    return not (type_ == "table" and name in OWNED_ELSEWHERE)


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from bot.config import Settings
    from bot.db import normalise_url

    return normalise_url(Settings().database_url)


def _configure(**kwargs: Any) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER; batch mode copies the table
        compare_type=True,
        include_name=include_name,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        _run(given)
        return
    if isinstance(given, Engine):  # pytest-alembic hands over an engine
        with given.connect() as connection:
            _run(connection)
        return
    engine = engine_from_config({"sqlalchemy.url": _url()}, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

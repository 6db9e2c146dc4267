"""Throw-away PostgreSQL databases next to a given one, for benchmarks and tests."""

from __future__ import annotations

import uuid

import psycopg


def _psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def reachable(admin_url: str, timeout: int = 2) -> str | None:
    """None when PostgreSQL answers at ``admin_url``, else a short reason."""
    try:
        with psycopg.connect(_psycopg_url(admin_url), connect_timeout=timeout) as conn:
            conn.execute("SELECT 1")
        return None
    except psycopg.Error as exc:
        return f"PostgreSQL not reachable at {admin_url} ({type(exc).__name__})"


def create_database(admin_url: str, prefix: str) -> str:
    """Create an empty database beside ``admin_url``'s and return its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_psycopg_url(admin_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{admin_url.rpartition('/')[0]}/{name}"


def drop_database(admin_url: str, url: str) -> None:
    name = url.rpartition("/")[2]
    with psycopg.connect(_psycopg_url(admin_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

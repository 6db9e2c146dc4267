"""What every table shares: timestamps and constraint names Alembic can find again on SQLite."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import SQLModel

# Named constraints let batch-mode migrations on SQLite drop and recreate them by name.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timezone-aware now: sqlmodel 0.0.50 refuses naive datetimes (STACK.md #7)."""
    return datetime.now(timezone.utc)

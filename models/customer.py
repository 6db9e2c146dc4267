"""A customer, known only by a pseudonymous alias and, optionally, a keyed hash of an external reference."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from models.base import utcnow


class Customer(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("workspace_id", "alias"), UniqueConstraint("workspace_id", "ref_hash"))

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    alias: str = Field(max_length=80)
    # HMAC-SHA256 of a loyalty/account number with a secret from settings: links notes, stores no number.
    ref_hash: str | None = Field(default=None, max_length=64)
    created_by: int | None = Field(default=None, foreign_key="staff.id")
    created_at: datetime = Field(default_factory=utcnow)

"""A nomination of a colleague or customer for community-cause work, and its decision."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel, UniqueConstraint

from models.base import utcnow


class Nomination(SQLModel, table=True):
    # One nomination per nominator, nominee and cause per ISO week.
    __table_args__ = (UniqueConstraint("workspace_id", "nominator_id", "nominee_key", "cause_id", "week"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    nominator_id: int = Field(foreign_key="staff.id")
    nominee_user_id: str | None = Field(default=None, max_length=32)
    nominee_customer_id: int | None = Field(default=None, foreign_key="customer.id")
    nominee_key: str = Field(max_length=40)  # "U123" or "customer:42", for the uniqueness rule
    cause_id: int = Field(foreign_key="cause.id")
    reason: str = Field(sa_column=Column(Text, nullable=False))  # scrubbed
    status: str = Field(default="pending", max_length=16)  # pending | approved | declined
    decided_by: str | None = Field(default=None, max_length=32)
    decided_at: datetime | None = None
    # Where the recognition was posted once approved.
    posted_channel: str | None = Field(default=None, max_length=32)
    posted_ts: str | None = Field(default=None, max_length=32)
    week: str = Field(max_length=8)  # ISO week, e.g. 2026-W47
    created_at: datetime = Field(default_factory=utcnow, index=True)

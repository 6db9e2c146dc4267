"""One digest per workspace, kind and period: the row is claimed before the digest is built."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel, UniqueConstraint

from models.base import utcnow


class Digest(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("workspace_id", "kind", "period_start"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    kind: str = Field(max_length=16)  # weekly | custom
    period_start: datetime
    period_end: datetime
    status: str = Field(default="claimed", max_length=16)  # claimed | posted | failed
    late: bool = False
    content: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    markdown: str = Field(default="", sa_column=Column(Text, nullable=False))
    channel: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    claimed_at: datetime = Field(default_factory=utcnow)
    posted_at: datetime | None = None

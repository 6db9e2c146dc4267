"""A community cause that notes and nominations can point at."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from models.base import utcnow


class Cause(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("workspace_id", "slug"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    slug: str = Field(max_length=40)
    name: str = Field(max_length=80)
    description: str = Field(default="", max_length=500)
    active: bool = True
    created_by: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)

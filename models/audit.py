"""Who read, exported or erased what, and when. Holds ids and actions, never the content."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from models.base import utcnow


class AuditEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    actor_user_id: str = Field(max_length=32)
    action: str = Field(max_length=32)  # read | export | erase | delete_note ...
    subject_type: str = Field(max_length=32)
    subject_id: str = Field(max_length=64)
    detail: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, index=True)

"""A Slack workspace and its settings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, Session, SQLModel, select

from models.base import utcnow


class Workspace(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, unique=True, index=True)
    name: str | None = Field(default=None, max_length=200)
    timezone: str = Field(default="UTC", max_length=64)
    phone_region: str = Field(default="GB", max_length=2)
    # Per-workspace regexes for the privacy filter (a store's own membership-number format).
    custom_patterns: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    digest_channel: str | None = Field(default=None, max_length=32)
    digest_weekday: int = 0  # Monday
    digest_time: str = Field(default="08:00", max_length=5)
    recognition_channel: str | None = Field(default=None, max_length=32)
    manager_group: str | None = Field(default=None, max_length=32)
    prompt_time: str = Field(default="17:30", max_length=5)
    prompt_days: int = 0b0011111  # bit 0 = Monday ... bit 6 = Sunday
    holiday_country: str | None = Field(default=None, max_length=8)  # `holidays` country code; None: no skip
    holiday_subdivision: str | None = Field(default=None, max_length=8)
    retention_days: int = 730
    created_at: datetime = Field(default_factory=utcnow)


def get_or_create_workspace(session: Session, team_id: str, *, defaults: Mapping[str, Any] | None = None
                            ) -> Workspace:
    """The workspace row for ``team_id``, created on first sight (safe against a concurrent insert)."""
    from models.upsert import get_or_create

    return get_or_create(session, Workspace, select(Workspace).where(Workspace.team_id == team_id),
                         lambda: Workspace(team_id=team_id, **(defaults or {})))

"""One end-of-day prompt per person per local date; written before it is sent, so it is never sent twice."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from models.base import utcnow


class Prompt(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("staff_id", "local_date"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    local_date: date
    # pending|sent|answered|skipped|snoozed|failed; indexed because every tick looks up the few pending/snoozed
    status: str = Field(default="pending", max_length=16, index=True)
    channel: str | None = Field(default=None, max_length=32)
    message_ts: str | None = Field(default=None, max_length=32)
    attempts: int = 0
    snoozed_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

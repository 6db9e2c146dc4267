"""A member of staff, their role and their end-of-day prompt settings."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, Session, SQLModel, UniqueConstraint, select

from models.base import utcnow


class Staff(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("workspace_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    user_id: str = Field(max_length=32)
    role: str = Field(default="staff", max_length=16)  # staff | manager
    tz: str | None = Field(default=None, max_length=64)  # from users.info; None until first looked up
    tz_checked_at: datetime | None = None  # when users.info was last read, to refresh a changed time zone
    prompt_enabled: bool = True
    prompt_time: str | None = Field(default=None, max_length=5)  # None: the workspace default
    prompt_days: int | None = None  # None: the workspace default
    snoozed_until: date | None = None
    nothing_streak: int = 0
    # "Nothing today" three days running asks once whether they want fewer prompts; this records the asking.
    fewer_prompts_asked_at: datetime | None = None
    dm_channel: str | None = Field(default=None, max_length=32)  # from conversations.open, reused
    # Set when Slack says the person left, is deactivated or a bot: they are skipped, not deleted.
    inactive_reason: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)


def get_or_create_staff(session: Session, workspace_id: int, user_id: str) -> Staff:
    """The staff row for a Slack user in a workspace, created on first sight."""
    from models.upsert import get_or_create

    query = select(Staff).where(Staff.workspace_id == workspace_id, Staff.user_id == user_id)
    return get_or_create(session, Staff, query, lambda: Staff(workspace_id=workspace_id, user_id=user_id))

"""Nominations: a colleague or a customer, a cause, and what they did (scrubbed); a manager decides.

One nomination per nominator, nominee and cause per ISO week (the database enforces it); nominating
yourself is refused. Deciding is idempotent: the first decision wins and a second click changes nothing.
The weekly digest counts nominations per cause from these rows (:func:`per_cause`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.db import Database
from bot.errors import InvalidInput, NotAllowed
from bot.services import audit
from bot.services import causes as cause_service
from bot.services import customers as customer_service
from bot.services.notes import scrub_in
from bot.services.validation import check_note_text
from models.base import utcnow
from models.cause import Cause
from models.customer import Customer
from models.nomination import Nomination
from models.staff import Staff, get_or_create_staff
from models.workspace import Workspace, get_or_create_workspace

REASON_MAX = 2000
STATUSES = ("pending", "approved", "declined")


@dataclass(frozen=True)
class Recognition:
    """What the DMs and the recognition post show: nominee by mention or alias, cause, scrubbed reason."""

    nomination_id: int
    team_id: str
    status: str
    nominator_user_id: str
    nominee_user_id: str | None
    customer_alias: str | None
    cause_name: str
    cause_slug: str
    reason: str
    decided_by: str | None
    recognition_channel: str | None
    posted_channel: str | None
    posted_ts: str | None
    # What the filter took out of the reason, for the nominator's confirmation (only when just created).
    removed: str = ""

    @property
    def nominee_label(self) -> str:
        """``<@U123>`` for a colleague, the alias in quotes for a customer (never anything else about them)."""
        if self.nominee_user_id:
            return f"<@{self.nominee_user_id}>"
        return f"a customer, “{self.customer_alias or 'erased'}”"


@dataclass(frozen=True)
class Decision:
    recognition: Recognition
    changed: bool  # False when it had already been decided (a second click, or another manager first)


def iso_week(moment: datetime, timezone: str = "UTC") -> str:
    """``2026-W47``: the ISO week of ``moment`` in the workspace's time zone."""
    try:
        local = moment.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        local = moment
    year, week, _ = local.isocalendar()
    return f"{year}-W{week:02d}"


def create_nomination(*, db: Database, team_id: str, nominator_user_id: str, cause_id: int | None,
                      reason: str | None, nominee_user_id: str | None = None,
                      nominee_customer_id: int | None = None, now: datetime | None = None) -> Recognition:
    """Store a pending nomination, or raise :class:`InvalidInput` whose ``field`` is ``nominee``,
    ``cause`` or ``reason`` (nothing stored)."""
    if bool(nominee_user_id) == bool(nominee_customer_id):
        raise InvalidInput("Choose one nominee: a colleague or a customer (not both).", field="nominee")
    if nominee_user_id and nominee_user_id == nominator_user_id:
        raise InvalidInput("You can't nominate yourself. Nominate a colleague or a customer whose work you saw.",
                           field="nominee")
    if not cause_id:
        raise InvalidInput("Choose the cause they worked for.", field="cause")
    try:
        checked = check_note_text(reason)
    except InvalidInput:
        raise InvalidInput("Say in a few words what they did for the cause.", field="reason") from None
    if len(checked) > REASON_MAX:
        raise InvalidInput(f"Keep it under {REASON_MAX:,} characters.", field="reason")
    now = now or utcnow()
    try:
        with db.session() as session:
            workspace = get_or_create_workspace(session, team_id)
            assert workspace.id is not None
            cause = cause_service.by_id(session, workspace.id, cause_id)
            if cause is None or cause.id is None or not cause.active:
                raise InvalidInput("That cause is not open any more; choose another.", field="cause")
            key = nominee_user_id or ""
            if nominee_customer_id:
                if customer_service.by_id(session, workspace.id, nominee_customer_id) is None:
                    raise InvalidInput("That customer no longer exists; choose another.", field="nominee")
                key = f"customer:{nominee_customer_id}"
            nominator = get_or_create_staff(session, workspace.id, nominator_user_id)
            assert nominator.id is not None
            week = iso_week(now, workspace.timezone)
            if session.exec(select(Nomination.id).where(
                    Nomination.workspace_id == workspace.id, Nomination.nominator_id == nominator.id,
                    Nomination.nominee_key == key, Nomination.cause_id == cause.id,
                    Nomination.week == week)).first() is not None:
                raise _duplicate()
            scrubbed = scrub_in(workspace, checked)
            nomination = Nomination(workspace_id=workspace.id, nominator_id=nominator.id,
                                    nominee_user_id=nominee_user_id or None,
                                    nominee_customer_id=nominee_customer_id or None, nominee_key=key,
                                    cause_id=cause.id, reason=scrubbed.text, week=week, created_at=now)
            session.add(nomination)
            session.flush()
            return replace(_recognition(session, nomination), removed=scrubbed.describe_removed())
    except IntegrityError:
        raise _duplicate() from None  # the same nomination sent twice at once: the unique key said no


def _duplicate() -> InvalidInput:
    return InvalidInput("You already nominated them for this cause this week. One nomination per person and "
                        "cause each week; you can nominate them again next week.", field="nominee")


def decide(*, db: Database, team_id: str, nomination_id: int, manager_user_id: str, approve: bool,
           now: datetime | None = None) -> Decision:
    """Approve or decline a pending nomination. The first decision wins: a second one (the same manager
    clicking twice, or another manager) changes nothing and returns ``changed=False``."""
    status = "approved" if approve else "declined"
    with db.session() as session:
        workspace = session.exec(select(Workspace).where(Workspace.team_id == team_id)).first()
        nomination = session.get(Nomination, nomination_id)
        if workspace is None or nomination is None or nomination.workspace_id != workspace.id:
            raise NotAllowed("That nomination no longer exists.")
        # A conditional update, so two managers clicking at once can't both decide.
        result = session.exec(update(Nomination).where(col(Nomination.id) == nomination_id,
                                                       col(Nomination.status) == "pending")
                              .values(status=status, decided_by=manager_user_id, decided_at=now or utcnow()))
        changed = bool(result.rowcount)
        if changed:
            assert workspace.id is not None
            audit.record(session, workspace_id=workspace.id, actor_user_id=manager_user_id,
                         action="approve" if approve else "decline", subject_type="nomination",
                         subject_id=nomination_id)
        session.expire(nomination)
        refreshed = session.get(Nomination, nomination_id)
        assert refreshed is not None
        return Decision(_recognition(session, refreshed), changed)


def mark_posted(*, db: Database, nomination_id: int, channel: str, ts: str) -> None:
    """Remember where the recognition was posted (so it is never posted twice)."""
    with db.session() as session:
        nomination = session.get(Nomination, nomination_id)
        if nomination is not None:
            nomination.posted_channel, nomination.posted_ts = channel, ts
            session.add(nomination)


def get(*, db: Database, team_id: str, nomination_id: int) -> Recognition | None:
    with db.session() as session:
        nomination = session.get(Nomination, nomination_id)
        if nomination is None:
            return None
        recognition = _recognition(session, nomination)
        return recognition if recognition.team_id == team_id else None


def _recognition(session: Session, nomination: Nomination) -> Recognition:
    workspace = session.get(Workspace, nomination.workspace_id)
    cause = session.get(Cause, nomination.cause_id)
    staff = session.get(Staff, nomination.nominator_id)
    customer = session.get(Customer, nomination.nominee_customer_id) if nomination.nominee_customer_id else None
    assert workspace is not None and cause is not None and staff is not None and nomination.id is not None
    return Recognition(
        nomination_id=nomination.id, team_id=workspace.team_id, status=nomination.status,
        nominator_user_id=staff.user_id, nominee_user_id=nomination.nominee_user_id,
        customer_alias=customer.alias if customer else None, cause_name=cause.name, cause_slug=cause.slug,
        reason=nomination.reason, decided_by=nomination.decided_by,
        recognition_channel=workspace.recognition_channel, posted_channel=nomination.posted_channel,
        posted_ts=nomination.posted_ts)


def per_cause(session: Session, workspace_id: int, start: datetime, end: datetime) -> dict[str, dict[str, int]]:
    """Nominations made in ``[start, end)`` per cause slug and status: what the weekly digest counts."""
    rows = session.exec(select(Cause.slug, Nomination.status, func.count())
                        .join(Cause, col(Cause.id) == col(Nomination.cause_id))
                        .where(Nomination.workspace_id == workspace_id, col(Nomination.created_at) >= start,
                               col(Nomination.created_at) < end)
                        .group_by(col(Cause.slug), col(Nomination.status))).all()
    out: dict[str, dict[str, int]] = {}
    for slug, status, count in rows:
        out.setdefault(slug, {s: 0 for s in STATUSES})[status] = int(count)
    return out

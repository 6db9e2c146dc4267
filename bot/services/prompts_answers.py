"""What a person does with a prompt (notes, "Nothing today", "Remind me in 1 hour") and their own prompt
settings. Plain functions over the database; the handlers in ``handlers/prompts.py`` call them."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlmodel import Session

from bot.db import Database
from bot.errors import InvalidInput, NotAllowed, NoteNotSaved
from bot.privacy import Scrubbed
from bot.services import note_links
from bot.services.directory import Directory
from bot.services.notes import Captured, Defaults, capture_note
from bot.services.prompt_schedule import WEEKDAYS, days_mask, parse_time, zone
from bot.services.validation import check_note_text
from models import Prompt, Staff, Workspace
from models.staff import get_or_create_staff
from models.workspace import get_or_create_workspace

log = logging.getLogger(__name__)

SNOOZE = timedelta(hours=1)
NOTHING_STREAK_ASK = 3
MAX_NOTES = 5
FRIDAY = 1 << 4


@dataclass(frozen=True)
class PromptRef:
    prompt_id: int
    staff_id: int
    status: str
    channel: str | None
    message_ts: str | None


@dataclass(frozen=True)
class NothingOutcome:
    already_answered: bool = False
    ask_fewer: bool = False


@dataclass(frozen=True)
class PromptSettings:
    enabled: bool
    time: str
    days: int
    paused_until: date | None
    tz: str


@dataclass
class DraftNote:
    """One of the modal's note slots, as typed (``index`` 0-4)."""

    index: int
    text: str
    kind: str | None = None


class PromptNotesRefused(InvalidInput):
    """Some slots cannot be stored; ``errors`` maps slot index to a message safe to show. Nothing stored."""

    def __init__(self, errors: dict[int, str]) -> None:
        super().__init__("Some notes need a fix before they can be saved.")
        self.errors = errors


@dataclass(frozen=True)
class SavedNotes:
    captured: list[Captured]
    links: list[str]


def _owned(session: Session, team_id: str, user_id: str, prompt_id: int) -> tuple[Prompt, Staff]:
    prompt = session.get(Prompt, prompt_id)
    staff = session.get(Staff, prompt.staff_id) if prompt else None
    workspace = session.get(Workspace, staff.workspace_id) if staff else None
    if prompt is None or staff is None or workspace is None or staff.user_id != user_id or \
            workspace.team_id != team_id:
        raise NotAllowed("That prompt is not yours, or no longer exists.")
    return prompt, staff


def prompt_ref(*, db: Database, team_id: str, user_id: str, prompt_id: int) -> PromptRef:
    """The person's own prompt; :class:`NotAllowed` for anyone else's."""
    with db.session() as session:
        prompt, _ = _owned(session, team_id, user_id, prompt_id)
        assert prompt.id is not None
        return PromptRef(prompt.id, prompt.staff_id, prompt.status, prompt.channel, prompt.message_ts)


def answer_nothing(*, db: Database, team_id: str, user_id: str, prompt_id: int,
                   now: datetime | None = None) -> NothingOutcome:
    """Record "Nothing today". The third in a row asks, once ever, whether they want fewer prompts."""
    now = now or datetime.now(timezone.utc)
    with db.session() as session:
        prompt, staff = _owned(session, team_id, user_id, prompt_id)
        if prompt.status == "answered":
            return NothingOutcome(already_answered=True)
        prompt.status, prompt.updated_at = "answered", now
        staff.nothing_streak += 1
        ask = staff.nothing_streak >= NOTHING_STREAK_ASK and staff.fewer_prompts_asked_at is None
        if ask:
            staff.fewer_prompts_asked_at = now
        session.add(prompt)
        session.add(staff)
        return NothingOutcome(ask_fewer=ask)


def snooze(*, db: Database, team_id: str, user_id: str, prompt_id: int, now: datetime | None = None
           ) -> datetime | None:
    """"Remind me in 1 hour": the same prompt row is sent again by the first tick after the hour. None when
    the prompt was already answered."""
    now = now or datetime.now(timezone.utc)
    with db.session() as session:
        prompt, _ = _owned(session, team_id, user_id, prompt_id)
        if prompt.status == "answered":
            return None
        prompt.status, prompt.snoozed_until, prompt.updated_at = "snoozed", now + SNOOZE, now
        session.add(prompt)
        return prompt.snoozed_until


def choose_fewer(*, db: Database, team_id: str, user_id: str, choice: str) -> str:
    """Apply the answer to "fewer prompts?"; returns what to tell the person."""
    with db.session() as session:
        staff = _staff(session, team_id, user_id)
        staff.nothing_streak = 0
        if choice == "fridays":
            staff.prompt_days = FRIDAY
            message = "Done: I'll only ask on Fridays. Change it any time with `/note settings`."
        elif choice == "off":
            staff.prompt_enabled = False
            message = "Done: no more end-of-day prompts. Turn them back on with `/note settings`."
        else:
            message = "OK, I'll keep asking at the end of each work day."
        session.add(staff)
        return message


def save_prompt_notes(*, db: Database, team_id: str, user_id: str, prompt_id: int | None, view_id: str,
                      drafts: Sequence[DraftNote], defaults: Defaults | None = None,
                      directory: Directory | None = None, now: datetime | None = None) -> SavedNotes:
    """Store the notes typed into the prompt's form, each through the privacy filter, then mark the prompt
    answered. Every slot is checked before any is stored (:class:`PromptNotesRefused`); each note has its own
    idempotency key (view id and slot), so a retried submission stores nothing twice."""
    filled = [d for d in drafts if (d.text or "").strip()]
    if not filled:
        raise PromptNotesRefused(errors={0: "Write at least one note, or close this and press Nothing today."})
    if prompt_id is not None:
        prompt_ref(db=db, team_id=team_id, user_id=user_id, prompt_id=prompt_id)  # NotAllowed if not theirs
    errors: dict[int, str] = {}
    texts: dict[int, tuple[str, note_links.Links]] = {}
    for draft in filled:
        try:
            check_note_text(draft.text)
            text, links = note_links.for_command(db=db, team_id=team_id, text=draft.text,
                                                 region=(defaults or Defaults()).phone_region)
            texts[draft.index] = (text, links)
        except NoteNotSaved:
            raise
        except InvalidInput as exc:
            errors[draft.index] = exc.message
    if errors:
        raise PromptNotesRefused(errors=errors)
    captured: list[Captured] = []
    described: list[str] = []
    for draft in filled:
        text, links = texts[draft.index]
        try:
            captured.append(capture_note(
                db=db, team_id=team_id, user_id=user_id, text=text, source="prompt", kind=draft.kind,
                idempotency_key=f"prompt:{team_id}:{view_id}:{draft.index}", defaults=defaults,
                directory=directory, customer_ids=links.customer_ids, cause_ids=links.cause_ids))
        except InvalidInput as exc:  # the text went empty once its ~alias/#cause were taken out
            raise PromptNotesRefused(errors={draft.index: exc.message}) from None
        described.append(links.describe())
    if prompt_id is not None:
        mark_answered(db=db, prompt_id=prompt_id, now=now)
    return SavedNotes(captured, described)


def mark_answered(*, db: Database, prompt_id: int, now: datetime | None = None) -> None:
    """The person added notes: the prompt is answered and the "Nothing today" streak starts again."""
    now = now or datetime.now(timezone.utc)
    with db.session() as session:
        prompt = session.get(Prompt, prompt_id)
        if prompt is None:
            return
        prompt.status, prompt.updated_at = "answered", now
        staff = session.get(Staff, prompt.staff_id)
        if staff is not None:
            staff.nothing_streak = 0
            session.add(staff)
        session.add(prompt)


def _staff(session: Session, team_id: str, user_id: str) -> Staff:
    workspace = get_or_create_workspace(session, team_id)
    assert workspace.id is not None
    return get_or_create_staff(session, workspace.id, user_id)


def load_settings(*, db: Database, team_id: str, user_id: str) -> PromptSettings:
    """The person's prompt settings, with the workspace's defaults where they have not chosen."""
    with db.session() as session:
        workspace = get_or_create_workspace(session, team_id)
        assert workspace.id is not None
        staff = get_or_create_staff(session, workspace.id, user_id)
        return PromptSettings(
            enabled=staff.prompt_enabled, time=staff.prompt_time or workspace.prompt_time or "17:30",
            days=workspace.prompt_days if staff.prompt_days is None else staff.prompt_days,
            paused_until=staff.snoozed_until, tz=staff.tz or workspace.timezone or "UTC")


def save_settings(*, db: Database, team_id: str, user_id: str, enabled: bool, time_value: str | None,
                  weekdays: Sequence[int], paused_until: date | None, now: datetime | None = None
                  ) -> PromptSettings:
    """Check and store the person's settings. :class:`InvalidInput` (``field`` names the setting) changes
    nothing."""
    now = now or datetime.now(timezone.utc)
    at = parse_time(time_value)
    if at is None:
        raise InvalidInput("Pick the time your shift ends.", field="time")
    mask = days_mask(list(weekdays))
    if enabled and not mask:
        raise InvalidInput("Pick at least one work day, or turn the prompts off.", field="days")
    with db.session() as session:
        staff = _staff(session, team_id, user_id)
        workspace = session.get(Workspace, staff.workspace_id)
        tz = staff.tz or (workspace.timezone if workspace else None) or "UTC"
        if paused_until is not None and paused_until < now.astimezone(zone(tz)).date():
            raise InvalidInput("Pick today or a later date, or leave it empty.", field="pause")
        staff.prompt_enabled = enabled
        staff.prompt_time = f"{at:%H:%M}"
        staff.prompt_days = mask or WEEKDAYS
        staff.snoozed_until = paused_until
        if staff.inactive_reason == "dms_closed":
            staff.inactive_reason = None  # they are using the app again: try the DM once more
        session.add(staff)
        return PromptSettings(enabled, staff.prompt_time, staff.prompt_days, paused_until, tz)


def describe_saved(saved: SavedNotes) -> list[tuple[Scrubbed, str]]:
    """Each stored note's scrubbed text, and what was removed from it (and what it was linked to)."""
    out = []
    for captured, links in zip(saved.captured, saved.links, strict=True):
        notes = [captured.scrubbed.describe_removed()]
        if links:
            notes.append(links)
        out.append((captured.scrubbed, " · ".join(notes)))
    return out

"""The App Home tab: the person's last notes, a Delete button on each, and a button to write one."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import NotAllowed, StorageUnavailable
from bot.services import Services
from bot.services.notes import delete_note, recent_notes
from bot.slack_client import slack_error
from handlers.acks import ack_only
from handlers.blocks import button, context, header, quote, section
from handlers.note_views import KIND_LABELS, note_modal
from handlers.notes import OPEN_FAILED
from handlers.replies import open_modal
from models.note import Note

log = logging.getLogger(__name__)
DELETE, NEW = "note_delete", "note_new"
NOMINATE = "nomination_open"  # handled in handlers/nominations.py
PROMPT_SETTINGS = "prompt_settings_open"  # handled in handlers/prompts.py
HOME_LIMIT = 10


def register(app: App, services: Services) -> None:
    listeners = HomeListeners(services)
    app.event("app_home_opened")(ack=ack_only, lazy=[listeners.on_home_opened])
    app.action(DELETE)(ack=ack_only, lazy=[listeners.on_delete])
    app.action(NEW)(ack=ack_only, lazy=[listeners.on_new])


class HomeListeners:
    def __init__(self, services: Services) -> None:
        self.services = services

    def on_home_opened(self, event: dict[str, Any], context: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        self.publish(client, context["team_id"], event["user"])

    def on_delete(self, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        notice = ":wastebasket: Note deleted."
        try:
            note_id = int(action.get("value") or "")
            delete_note(db=self.services.db, team_id=team_id, user_id=user_id, note_id=note_id)
        except ValueError:
            notice = ":warning: That button did not name a note."
        except NotAllowed as exc:
            notice = f":no_entry: {exc}"
        except StorageUnavailable:
            notice = ":warning: The note was NOT deleted: the database is not answering. Try again shortly."
        self.publish(client, team_id, user_id, notice=notice)

    def on_new(self, body: dict[str, Any], client: WebClient) -> None:
        open_modal(client, body["trigger_id"], note_modal(source="modal"), None, OPEN_FAILED)

    def publish(self, client: WebClient, team_id: str, user_id: str, *, notice: str | None = None) -> None:
        try:
            notes: Sequence[Note] | None = recent_notes(db=self.services.db, team_id=team_id, user_id=user_id,
                                                        limit=HOME_LIMIT)
        except StorageUnavailable:
            notes = None
        try:
            client.views_publish(user_id=user_id, view=home_view(notes, notice=notice))
        except SlackApiError as exc:
            log.warning("views.publish failed: %s", slack_error(exc))


def home_view(notes: Sequence[Note] | None, *, notice: str | None = None) -> dict[str, Any]:
    """The Home tab. ``notes`` is None when the database could not be read."""
    blocks: list[dict[str, Any]] = [
        header("Frontline Notes"),
        section("Log what customers say in five seconds: `/note <what they said>` anywhere in Slack, "
                "or the button below. Personal data is removed before anything is saved."),
        {"type": "actions", "block_id": "home_actions", "elements": [
            button("Write a note", NEW, style="primary"),
            button("Nominate someone", NOMINATE),
            button("Prompt settings", PROMPT_SETTINGS),
        ]},
    ]
    if notice:
        blocks.append(context(notice))
    blocks.append({"type": "divider"})
    if notes is None:
        blocks.append(section(":warning: Your notes can't be shown right now: the database is not answering."))
    elif not notes:
        blocks.append(section("_You have no notes yet._"))
    else:
        blocks.append(section(f"*Your last {len(notes)} note{'s' if len(notes) != 1 else ''}*"))
        for note in notes:
            blocks.append(section(quote(note.text), accessory=button(
                "Delete", DELETE, str(note.id), style="danger",
                confirm={"title": {"type": "plain_text", "text": "Delete this note?"},
                         "text": {"type": "plain_text", "text": "It is removed for good, from digests too."},
                         "confirm": {"type": "plain_text", "text": "Delete"},
                         "deny": {"type": "plain_text", "text": "Keep"}})))
            blocks.append(context(_note_meta(note)))
    return {"type": "home", "blocks": blocks}


def _note_meta(note: Note) -> str:
    parts = [f"<!date^{int(note.created_at.timestamp())}^{{date_short_pretty}} {{time}}|{note.created_at:%Y-%m-%d}>",
             note.source]
    if note.kind and note.kind != "other":
        parts.append(KIND_LABELS.get(note.kind, note.kind).split(":")[0])
    if note.removed:
        parts.append("removed " + ", ".join(f"{n} {kind}" for kind, n in sorted(note.removed.items())))
    if note.sensitive:
        parts.append("sensitive")
    return " · ".join(parts)

"""The notes conversation: ``/note``, the "Save as note" message shortcut and the note modal."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.errors import InvalidInput, NoteNotSaved
from bot.services import Services, note_links
from bot.services.notes import capture_note, preview_scrub
from handlers.acks import ack_only
from handlers.note_views import (
    HELP,
    NOTE_MODAL,
    TEXT_BLOCK,
    link_error_block,
    not_saved_blocks,
    note_modal,
    read_links,
    read_submission,
    saved_blocks,
    saved_text,
    saved_view,
)
from handlers.prompts import open_settings
from handlers.replies import open_modal

log = logging.getLogger(__name__)
SAVE_AS_NOTE = "save_as_note"
OPEN_FAILED = "Sorry, the note form could not be opened. Try again, or type `/note <your note>`."


def register(app: App, services: Services) -> None:
    listeners = NoteListeners(services)
    app.command("/note")(ack=listeners.on_command, lazy=[listeners.open_form_if_asked])
    app.shortcut(SAVE_AS_NOTE)(ack=ack_only, lazy=[listeners.on_shortcut])
    app.view(NOTE_MODAL)(listeners.on_submit)


class NoteListeners:
    def __init__(self, services: Services) -> None:
        self.services = services

    def on_command(self, ack: Ack, command: dict[str, Any]) -> None:
        text = (command.get("text") or "").strip()
        first = text.split(maxsplit=1)[0].lower() if text else ""
        if first in ("help", "?"):
            ack(response_type="ephemeral", text=HELP)
            return
        if not text or text.lower() == "settings":
            ack()  # the form opens in open_form_if_asked, after this answer has left
            return
        try:
            # ~alias and #slug are pointers, not part of the remark: out of the text before it is scrubbed.
            text, links = note_links.for_command(db=self.services.db, team_id=command["team_id"], text=text,
                                                 region=self.services.defaults.phone_region)
            captured = capture_note(db=self.services.db, team_id=command["team_id"], user_id=command["user_id"],
                                    text=text, source="command",
                                    idempotency_key=f"command:{command['team_id']}:{command['trigger_id']}",
                                    defaults=self.services.defaults, directory=self.services.directory,
                                    customer_ids=links.customer_ids, cause_ids=links.cause_ids)
        except InvalidInput as exc:
            ack(response_type="ephemeral", text=f":warning: {exc.message}\n\n{HELP}")
        except NoteNotSaved as exc:
            ack(response_type="ephemeral", text="Your note was NOT saved: the database is not answering.",
                blocks=not_saved_blocks(exc.scrubbed))
        else:
            ack(response_type="ephemeral", text=saved_text(captured.scrubbed),
                blocks=saved_blocks(captured.scrubbed, duplicate=captured.duplicate, links=links.describe()))

    def open_form_if_asked(self, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        text = (command.get("text") or "").strip()
        if text.lower() == "settings":  # the end-of-day prompt settings (handlers/prompts.py)
            open_settings(self.services, client, trigger_id=command["trigger_id"], team_id=command["team_id"],
                          user_id=command["user_id"], respond=respond)
        elif not text:
            open_modal(client, command["trigger_id"], note_modal(source="modal"), respond, OPEN_FAILED)

    def on_shortcut(self, shortcut: dict[str, Any], client: WebClient, respond: Respond) -> None:
        message_text = (shortcut.get("message") or {}).get("text") or ""
        team_id = (shortcut.get("team") or {}).get("id") or ""
        scrubbed = preview_scrub(db=self.services.db, team_id=team_id, text=message_text,
                                 defaults=self.services.defaults)
        removed = scrubbed.describe_removed() if scrubbed.findings else None
        view = note_modal(source="shortcut", initial_text=scrubbed.text, removed=removed)
        open_modal(client, shortcut["trigger_id"], view, respond, OPEN_FAILED)

    def on_submit(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        text, kind, source = read_submission(view)
        customer_value, ref, cause_value = read_links(view)
        team_id = (body.get("team") or {}).get("id") or view.get("team_id") or ""
        secret = self.services.settings.customer_ref_secret
        try:
            links = note_links.for_form(db=self.services.db, team_id=team_id, user_id=body["user"]["id"], text=text,
                                        customer_value=customer_value, ref=ref, cause_value=cause_value,
                                        secret=secret.get_secret_value() if secret else None)
            captured = capture_note(db=self.services.db, team_id=team_id, user_id=body["user"]["id"], text=text,
                                    source=source, kind=kind, idempotency_key=f"view:{team_id}:{view['id']}",
                                    defaults=self.services.defaults, directory=self.services.directory,
                                    customer_ids=links.customer_ids, cause_ids=links.cause_ids)
        except InvalidInput as exc:
            ack(response_action="errors", errors={link_error_block(exc.field): exc.message})
        except NoteNotSaved:
            ack(response_action="errors", errors={
                TEXT_BLOCK: "NOT saved: the notes database is not answering. Your text is still here; "
                            "press Save again in a minute."})
        else:
            ack(response_action="update", view=saved_view(captured.scrubbed, duplicate=captured.duplicate,
                                                          links=" ".join([links.describe(), *links.notices]).strip()))

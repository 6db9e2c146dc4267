"""Causes at the Slack edge: ``/cause add|list|archive`` and the note form's cause picker."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.errors import InvalidInput, StorageUnavailable
from bot.services import Services
from bot.services import causes as cause_service
from bot.services.roles import MANAGERS_ONLY, is_manager
from handlers.blocks import mrkdwn_escape, option, quote

CAUSE_PICK = "cause_pick"
USAGE = (
    "*/cause list* shows the community causes notes and nominations can point at (`#slug` in `/note`).\n"
    "*/cause add \"Food bank\" [what it is]* (managers) adds one; "
    "*/cause archive food-bank* (managers) closes one."
)
DB_DOWN = ":warning: Causes can't be reached right now (the database is not answering). Nothing was changed."
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


def parse_command(text: str | None) -> tuple[str, str, str] | None:
    """``(sub, name_or_slug, description)`` from ``/cause`` text, or None when it does not fit the usage."""
    raw = (text or "").translate(_QUOTES).strip()
    sub, _, rest = raw.partition(" ")
    sub, rest = sub.lower(), rest.strip()
    if sub == "list" and not rest:
        return "list", "", ""
    if sub == "archive" and rest and len(rest.split()) == 1:
        return "archive", rest.lstrip("#"), ""
    if sub == "add" and rest:
        if rest.startswith('"'):
            name, closed, description = rest[1:].partition('"')
            if not closed or not name.strip():
                return None
            return "add", name.strip(), description.strip()
        return "add", rest, ""  # an unquoted name is the whole rest, with no description
    return None


class CauseListeners:
    def __init__(self, services: Services) -> None:
        self.services = services

    def on_command(self, ack: Ack, command: dict[str, Any]) -> None:
        parsed = parse_command(command.get("text"))
        if parsed is None:
            ack(response_type="ephemeral", text=USAGE)
            return
        if parsed[0] == "list":
            try:
                causes = cause_service.list_causes(db=self.services.db, team_id=command["team_id"])
            except StorageUnavailable:
                ack(response_type="ephemeral", text=DB_DOWN)
                return
            ack(response_type="ephemeral", text=list_text(causes))
            return
        ack()  # add and archive check the manager role (maybe with Slack) after this answer has left

    def run_command(self, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        parsed = parse_command(command.get("text"))
        if parsed is None or parsed[0] == "list":
            return
        sub, name, description = parsed
        team_id, user_id = command["team_id"], command["user_id"]
        if not is_manager(self.services, client, team_id, user_id):
            respond(response_type="ephemeral", text=MANAGERS_ONLY)
            return
        try:
            if sub == "add":
                cause, created, removed = cause_service.add_cause(db=self.services.db, team_id=team_id,
                                                                  user_id=user_id, name=name, description=description)
                verb = "Added" if created else "Re-opened"
                text = (f":white_check_mark: {verb} the cause *{cause.name}*: staff link notes to it with "
                        f"`#{cause.slug}` in `/note`, and can nominate people for it with `/nominate`.")
                if description:
                    text += f"\nDescription saved as:\n{quote(cause.description)}\n_{removed.capitalize()}._"
            else:
                cause = cause_service.archive_cause(db=self.services.db, team_id=team_id, slug=name)
                text = (f":file_cabinet: Archived *{cause.name}* (`#{cause.slug}`): it stays on past notes and "
                        "nominations and can't be picked any more.")
        except InvalidInput as exc:
            text = f":warning: {exc.message}"
        except StorageUnavailable:
            text = DB_DOWN
        respond(response_type="ephemeral", text=text)

    def on_cause_options(self, ack: Ack, body: dict[str, Any], payload: dict[str, Any]) -> None:
        typed = cause_service.slugify(str(payload.get("value") or ""))
        team_id = (body.get("team") or {}).get("id") or ""
        try:
            causes = cause_service.list_causes(db=self.services.db, team_id=team_id)
        except StorageUnavailable:
            causes = []
        picks = [c for c in causes if not typed or typed in c.slug or typed in cause_service.slugify(c.name)]
        ack(options=[option(f"{c.name} (#{c.slug})", str(c.id)) for c in picks[:100]])


def list_text(causes: list[Any]) -> str:
    if not causes:
        return "There are no causes yet. A manager can add one with `/cause add \"Food bank\" what it is`."
    lines = [f"• *{mrkdwn_escape(c.name)}* `#{c.slug}`" + (f": {mrkdwn_escape(c.description)}" if c.description
                                                            else "") for c in causes]
    return "*Community causes* (link a note with `#slug` in `/note`):\n" + "\n".join(lines)


def register(app: App, services: Services) -> None:
    listeners = CauseListeners(services)
    app.command("/cause")(ack=listeners.on_command, lazy=[listeners.run_command])
    app.options(CAUSE_PICK)(listeners.on_cause_options)

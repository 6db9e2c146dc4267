"""``/digest [last week | this week | YYYY-MM-DD..YYYY-MM-DD]``: a digest on demand, for managers."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

import digests
from bot.errors import StorageUnavailable
from bot.services import Services
from bot.services.digest_compose import compose
from bot.services.digest_delivery import upload
from bot.services.roles import MANAGERS_ONLY, is_manager
from models.workspace import get_or_create_workspace

log = logging.getLogger(__name__)
USAGE = ("Usage: `/digest` (last week), `/digest this week`, or `/digest 2026-11-01..2026-11-14`. "
         "Managers only; the digest is shown to you alone, with a Markdown copy in your DM.")


def register(app: App, services: Services) -> None:
    listeners = DigestListeners(services)
    app.command("/digest")(ack=listeners.on_command, lazy=[listeners.build])


class DigestListeners:
    def __init__(self, services: Services) -> None:
        self.services = services

    def _period(self, text: str) -> Any:
        tz = ZoneInfo(self.services.defaults.timezone)
        today = datetime.now(timezone.utc).astimezone(tz).date()
        return digests.parse_period(text or "last week", today=today, tz=tz)

    def on_command(self, ack: Ack, command: dict[str, Any]) -> None:
        text = (command.get("text") or "").strip()
        if text.lower() in ("help", "?"):
            ack(response_type="ephemeral", text=USAGE)
            return
        try:
            period = self._period(text)
        except ValueError as exc:
            ack(response_type="ephemeral", text=f":warning: {exc}\n{USAGE}")
            return
        ack(response_type="ephemeral", text=f":hourglass_flowing_sand: Building the digest for {period.label}…")

    def build(self, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        team_id, user_id = command["team_id"], command["user_id"]
        try:
            period = self._period((command.get("text") or "").strip())
        except ValueError:
            return  # already answered with the usage in on_command
        try:
            if not is_manager(self.services, client, team_id, user_id):
                respond(response_type="ephemeral", text=MANAGERS_ONLY, replace_original=True)
                return
            with self.services.db.session() as session:
                workspace = get_or_create_workspace(session, team_id)
            composed = compose(self.services, workspace, period)
        except StorageUnavailable:
            respond(response_type="ephemeral", replace_original=True,
                    text=":warning: The digest could not be built: the database is not answering. Try again soon.")
            return
        respond(response_type="ephemeral", replace_original=True, text=composed.text, blocks=composed.blocks)
        try:
            dm = client.conversations_open(users=user_id)["channel"]["id"]
        except SlackApiError:
            log.warning("could not open a DM for the digest export")
            return
        upload(client, dm, filename=f"digest-{period.label.replace(' ', '-')}.md",
               content=composed.markdown.encode(), title=f"Digest {period.label} (Markdown)",
               alt_txt=None)

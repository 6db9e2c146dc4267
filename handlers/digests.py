"""``/digest``: a manager asks for the digest of any period, or changes the weekly schedule.

The digest arrives as a direct message (it is for managers, not for the channel the command was typed
in), with its chart and Markdown export in the thread. Everyone else gets a clear refusal.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import InvalidInput, StorageUnavailable
from bot.services import Services
from bot.services.digest_compose import compose, deliver
from bot.services.digest_delivery import DeliveryFailed
from bot.services.digests import parse_schedule, set_schedule, workspace_for
from bot.services.roles import MANAGERS_ONLY, is_manager
from bot.slack_client import slack_error
from digests import Period, parse_period
from models import Workspace

log = logging.getLogger(__name__)
USAGE = ("*/digest* builds the customer digest of a period and sends it to you:\n"
         "• `/digest` or `/digest last week`  • `/digest this week`  • `/digest 2026-11-01..2026-11-14`\n"
         "• `/digest schedule monday 08:00 #channel` sets the weekly digest (managers)")
NO_DB = "The notes database is not answering, so no digest could be built. Try again in a minute."


def register(app: App, services: Services) -> None:
    listeners = DigestListeners(services)
    app.command("/digest")(ack=listeners.on_command, lazy=[listeners.send_digest])


class DigestListeners:
    def __init__(self, services: Services) -> None:
        self.services = services

    def on_command(self, ack: Ack, command: dict[str, Any]) -> None:
        text, first = _split(command)
        if first in ("help", "?"):
            ack(response_type="ephemeral", text=USAGE)
            return
        try:
            if first == "schedule":
                parse_schedule(text[len(first):].strip())
            else:
                _period(workspace_for(self.services.db, command["team_id"]), text)
        except InvalidInput as exc:
            ack(response_type="ephemeral", text=f":warning: {exc.message}\n\n{USAGE}")
            return
        except StorageUnavailable:
            ack(response_type="ephemeral", text=NO_DB)
            return
        ack()  # the manager check may ask Slack for the user group: it runs after this answer has left

    def send_digest(self, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        text, first = _split(command)
        if first in ("help", "?"):
            return
        team_id = command["team_id"]
        try:
            if not is_manager(self.services, client, team_id, command["user_id"]):
                respond(response_type="ephemeral", text=MANAGERS_ONLY)
                return
            if first == "schedule":
                schedule = set_schedule(self.services.db, team_id, text[len(first):].strip(),
                                        default_channel=self.services.settings.digest_channel)
                respond(response_type="ephemeral", text=f":calendar: Weekly digest: {schedule.describe()}.")
                return
            workspace = workspace_for(self.services.db, team_id)
            period = _period(workspace, text)
            respond(response_type="ephemeral",
                    text=f":hourglass_flowing_sand: Building the digest for {period.label}; it will arrive in a "
                         "direct message from me in a moment.")
            assert workspace.id is not None
            composed = compose(self.services, workspace.id, period)
            channel = client.conversations_open(users=command["user_id"])["channel"]["id"]
            deliver(client, channel, composed, slug=period.start.strftime("%Y-%m-%d"))
        except InvalidInput:
            return  # already answered by on_command
        except StorageUnavailable:
            respond(response_type="ephemeral", text=NO_DB)
        except (DeliveryFailed, SlackApiError) as exc:
            error = exc.error if isinstance(exc, DeliveryFailed) else slack_error(exc)
            log.warning("on-demand digest not delivered: %s", error)
            respond(response_type="ephemeral",
                    text=f"Sorry, Slack did not take the digest ({error}). Nothing was lost: try again in a minute.")


def _period(workspace: Workspace, text: str) -> Period:
    return parse_period(text, now=datetime.now(timezone.utc), tz=workspace.timezone or "UTC")


def _split(command: dict[str, Any]) -> tuple[str, str]:
    text = (command.get("text") or "").strip()
    return text, text.split(maxsplit=1)[0].lower() if text else ""

"""Telling the person something in Slack without letting a failure to tell them break the listener:
an ephemeral line through ``response_url``, and opening a modal (with a line when Slack refuses)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack_client import slack_error

log = logging.getLogger(__name__)


def tell(respond: Respond | None, text: str) -> None:
    """An ephemeral line to the person, leaving the message they pressed a button on as it is."""
    if respond is None:
        return
    try:
        respond(response_type="ephemeral", replace_original=False, text=text)
    except Exception:  # noqa: BLE001 - the response_url may be gone; nothing else to tell them with
        log.warning("could not answer through response_url")


def open_modal(client: WebClient, trigger_id: str, view: dict[str, Any], respond: Respond | None,
               failed: str) -> None:
    """Open a modal; when Slack refuses, tell the person ``failed`` instead of failing silently."""
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as exc:
        log.warning("views.open failed: %s", slack_error(exc))
        tell(respond, failed)

"""Slack listeners of this feature."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

from bot.services import Services


def open_prompt_settings(services: Services, client: WebClient, trigger_id: str, team_id: str, user_id: str
                         ) -> None:
    """Open the person's end-of-day prompt settings (from ``/note settings`` and the Home tab)."""


def register(app: App, services: Services) -> None:
    """Wire this feature's commands, views, actions and events onto ``app``."""

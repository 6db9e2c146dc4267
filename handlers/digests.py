"""Slack listeners of the digest feature (the on-demand ``/digest`` lands with the digest engine)."""

from __future__ import annotations

from slack_bolt import App

from bot.services import Services


def register(app: App, services: Services) -> None:
    """Wire this feature's commands onto ``app``."""

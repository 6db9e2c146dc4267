"""The Slack edge: one module per feature, each with ``register(app, services)``."""

from __future__ import annotations

from slack_bolt import App

from bot.services import Services
from handlers import causes, customers, digests, errors, home, nominations, notes, privacy, prompts


def register(app: App, services: Services) -> None:
    """Wire every feature's commands, shortcuts, views, actions and events onto ``app``."""
    notes.register(app, services)
    home.register(app, services)
    customers.register(app, services)
    causes.register(app, services)
    nominations.register(app, services)
    prompts.register(app, services)
    digests.register(app, services)
    privacy.register(app, services)
    errors.register(app)

"""The end-to-end harness: the real app behind uvicorn on loopback, a fake Slack, and a signed sender."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from bot.app import create_app
from bot.config import Settings
from bot.db import Database
from bot.emulator import FakeSlack, SlackSender
from bot.server import BackgroundServer, create_web_app
from bot.services import Services
from models import Note

SIGNING_SECRET = "test-signing-secret"


def make_settings(database_url: str, slack_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"slack_bot_token": "xoxb-test-token", "slack_signing_secret": SIGNING_SECRET,
                              "slack_api_url": slack_url, "database_url": database_url,
                              "listener_threads": 8}
    values.update(overrides)
    return Settings.local(**values)


@dataclass
class Harness:
    fake: FakeSlack
    server: BackgroundServer
    send: SlackSender
    services: Services
    settings: Settings

    @property
    def db(self) -> Database:
        return self.services.db

    def notes(self) -> list[Note]:
        with Session(self.db.engine) as session:
            return list(session.exec(select(Note).order_by(Note.id)).all())

    def stop(self) -> None:
        self.send.close()
        self.server.stop()
        self.db.dispose()


def start_harness(database_url: str, fake: FakeSlack, **overrides: Any) -> Harness:
    settings = make_settings(database_url, fake.url, **overrides)
    services = Services.build(settings)
    app = create_app(settings, services=services)
    server = BackgroundServer(create_web_app(app, services.db)).start()
    sender = SlackSender(server.url, SIGNING_SECRET, team_id=fake.team_id, response_base=fake.response_base)
    return Harness(fake, server, sender, services, settings)

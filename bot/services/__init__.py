"""Business rules as plain functions over the database: no Slack types here."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.config import Settings
from bot.db import Database
from bot.services.directory import Directory
from bot.services.notes import Defaults


@dataclass
class Services:
    """What listeners need from the core, handed to every ``handlers.*.register``."""

    settings: Settings
    db: Database
    defaults: Defaults = field(default_factory=Defaults)
    directory: Directory = field(default_factory=Directory)

    @classmethod
    def build(cls, settings: Settings, db: Database | None = None) -> Services:
        db = db or Database.from_url(settings.database_url, connect_timeout=settings.db_connect_timeout)
        return cls(settings=settings, db=db,
                   defaults=Defaults(phone_region=settings.default_phone_region,
                                     timezone=settings.default_timezone),
                   directory=Directory(phone_region=settings.default_phone_region,
                                       timezone=settings.default_timezone))

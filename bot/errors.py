"""The small exception hierarchy of ours.

Errors from SQLAlchemy, slack_sdk and openai are translated once, at a service boundary, into these.
Their messages are fixed text written by us: never ``str(exc)`` of a foreign error, which can carry
customer text or SQL parameters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.privacy import Scrubbed


class FrontlineError(Exception):
    """Base of every error we raise on purpose."""


class ConfigError(FrontlineError):
    """A setting is missing or holds a placeholder; the message names the setting."""


class InvalidInput(FrontlineError):
    """What a person typed cannot be used; ``message`` is safe to show them (no echo of their text)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StorageUnavailable(FrontlineError):
    """The database could not be reached or refused the write; nothing was stored."""

    def __init__(self, message: str = "the database is unavailable") -> None:
        super().__init__(message)


class NoteNotSaved(StorageUnavailable):
    """A note was scrubbed but could not be stored; carries the scrubbed text so the person can retry."""

    def __init__(self, scrubbed: Scrubbed) -> None:
        super().__init__("the note could not be stored")
        self.scrubbed = scrubbed


class NotAllowed(FrontlineError):
    """The person may not do this (someone else's note, a managers-only command)."""

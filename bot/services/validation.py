"""What counts as a usable note, checked on what the person typed before anything else happens."""

from __future__ import annotations

import re
import unicodedata

from bot.errors import InvalidInput

MAX_NOTE_CHARS = 4000

_SLACK_EMOJI = re.compile(r":[a-z0-9_+'-]{1,64}:", re.IGNORECASE)


def check_note_text(text: str | None) -> str:
    """Return ``text`` stripped, or raise :class:`InvalidInput` with a message fit to show its author.

    Refused: nothing, only whitespace, only emoji or punctuation, more than ``MAX_NOTE_CHARS`` characters.
    """
    stripped = (text or "").strip()
    if not stripped:
        raise InvalidInput("The note is empty. Write what the customer said or did, then send it again.",
                           field="text")
    if len(stripped) > MAX_NOTE_CHARS:
        raise InvalidInput(
            f"A note can be at most {MAX_NOTE_CHARS:,} characters; this one has {len(stripped):,}. "
            "Shorten it or split it into two notes.", field="text")
    if not _has_words(stripped):
        raise InvalidInput("That note has no words in it (only emoji or symbols). "
                           "Write what the customer said or did.", field="text")
    return stripped


def _has_words(text: str) -> bool:
    without_emoji = _SLACK_EMOJI.sub(" ", text)
    return any(unicodedata.category(ch)[0] in ("L", "N") for ch in without_emoji)

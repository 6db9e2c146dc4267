"""What every recognizer reads and returns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

_NON_DIGIT = re.compile(r"\D+")


class Candidate(NamedTuple):
    """A span on the decoded text that a recognizer believes is personal data of ``kind``."""

    start: int
    end: int
    kind: str


@dataclass
class Doc:
    """The decoded note as the recognizers see it; derived views are computed once and shared.

    The cheap views (``lower``, ``digits``) let each recognizer skip a note that cannot hold its kind
    before running any pattern: most notes have no phone-length digit run, no ``@``, no date.
    """

    text: str
    region: str | None = None
    extra_patterns: tuple[str, ...] = ()
    found: list[Candidate] = field(default_factory=list)
    # True when reading an already scrubbed text again: context only changed around placeholders.
    reread: bool = False

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def digits(self) -> int:
        """How many digits the note holds (any script: ``\\d`` is what the patterns read)."""
        return len(_NON_DIGIT.sub("", self.text))

    @property
    def has_digits(self) -> bool:
        return self.digits > 0

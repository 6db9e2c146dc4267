"""What every recognizer reads and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple


class Candidate(NamedTuple):
    """A span on the decoded text that a recognizer believes is personal data of ``kind``."""

    start: int
    end: int
    kind: str


@dataclass
class Doc:
    """The decoded note as the recognizers see it; derived views are computed once and shared."""

    text: str
    region: str | None = None
    extra_patterns: tuple[str, ...] = ()
    found: list[Candidate] = field(default_factory=list)

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def has_digits(self) -> bool:
        return any(c.isdigit() for c in self.text)

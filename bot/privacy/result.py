"""What ``scrub`` returns: the scrubbed text, where things were removed, and which topics are sensitive."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

# Singular and plural wording for each kind, for the "removed ..." line staff see in Slack.
_LABELS: dict[str, tuple[str, str]] = {
    "phone": ("phone number", "phone numbers"),
    "email": ("email address", "email addresses"),
    "card": ("card number", "card numbers"),
    "name": ("name", "names"),
    "address": ("address", "addresses"),
    "postcode": ("postcode", "postcodes"),
    "account": ("account number", "account numbers"),
    "dob": ("date of birth", "dates of birth"),
    "iban": ("IBAN", "IBANs"),
    "national_id": ("national ID number", "national ID numbers"),
    "ip": ("IP address", "IP addresses"),
    "url": ("personal link", "personal links"),
    "custom": ("custom match", "custom matches"),
}

# The order kinds are listed in when described: the most identifying first.
_ORDER = ("name", "phone", "email", "address", "postcode", "card", "account", "iban", "national_id", "dob", "ip",
          "url", "custom")


class Finding(NamedTuple):
    """One piece of personal data: its lowercase kind and its span ``[start, end)`` on the original input.

    A ``(type, start, end)`` tuple, so it unpacks as the design names it, with the three as attributes."""

    type: str
    start: int
    end: int


@dataclass(frozen=True)
class Scrubbed:
    """The result of :func:`bot.privacy.scrub`.

    ``text`` is the input with every finding replaced by a typed placeholder; it is the only form of the
    note that may be stored, logged or shown. ``findings`` are spans on the *input*, so they must never be
    used to slice and keep the input. ``sensitive`` names the special topics the note touches.
    """

    text: str
    findings: tuple[Finding, ...] = ()
    sensitive: frozenset[str] = field(default_factory=frozenset)

    def counts(self) -> dict[str, int]:
        """How many items of each kind were removed, e.g. ``{"phone": 1, "name": 2}``."""
        return dict(Counter(f.type for f in self.findings))

    def describe_removed(self) -> str:
        """A short human line for Slack: ``"removed 2 names, 1 email address"`` or ``"nothing personal found"``."""
        counts = self.counts()
        if not counts:
            return "nothing personal found"
        rank = {kind: i for i, kind in enumerate(_ORDER)}
        parts = []
        for kind in sorted(counts, key=lambda k: (rank.get(k, len(rank)), k)):
            n = counts[kind]
            one, many = _LABELS.get(kind, (kind.replace("_", " ") + " match", kind.replace("_", " ") + " matches"))
            parts.append(f"{n} {one if n == 1 else many}")
        return "removed " + ", ".join(parts)

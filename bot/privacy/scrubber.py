"""Temporary first cut (emails, phones, cards); replaced by the full filter of issue 3."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import phonenumbers
from stdnum import luhn

_LABELS = {"phone": ("phone number", "phone numbers"), "email": ("email address", "email addresses"),
           "card": ("card number", "card numbers")}


@dataclass(frozen=True)
class Finding:
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class Scrubbed:
    text: str
    findings: tuple[Finding, ...] = ()
    sensitive: frozenset[str] = field(default_factory=frozenset)

    def counts(self) -> dict[str, int]:
        return dict(Counter(f.type for f in self.findings))

    def describe_removed(self) -> str:
        parts = []
        for kind, n in sorted(self.counts().items()):
            one, many = _LABELS.get(kind, (kind, kind + "s"))
            parts.append(f"{n} {one if n == 1 else many}")
        return ("removed " + ", ".join(parts)) if parts else "nothing personal found"


_EMAIL = re.compile(r"<mailto:[^>|]*(?:\|[^>]*)?>|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_TEL = re.compile(r"<tel:[^>|]*(?:\|[^>]*)?>")
_CARD = re.compile(r"\b(?:\d[ -]?){12,18}\d\b")


def scrub(text: str, *, region: str | None = None, extra_patterns: Sequence[str] = ()) -> Scrubbed:
    spans: list[Finding] = []
    for m in _EMAIL.finditer(text):
        spans.append(Finding("email", m.start(), m.end()))
    for m in _TEL.finditer(text):
        spans.append(Finding("phone", m.start(), m.end()))
    for m in _CARD.finditer(text):
        if luhn.is_valid(re.sub(r"\D", "", m.group())):
            spans.append(Finding("card", m.start(), m.end()))
    for pm in phonenumbers.PhoneNumberMatcher(text, region or "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        spans.append(Finding("phone", pm.start, pm.end))
    spans.sort(key=lambda f: (f.start, -f.end))
    kept: list[Finding] = []
    for f in spans:
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    out, pos = [], 0
    for f in kept:
        out.append(text[pos:f.start])
        out.append(f"[{f.type.upper()}]")
        pos = f.end
    out.append(text[pos:])
    return Scrubbed("".join(out), tuple(kept), frozenset())

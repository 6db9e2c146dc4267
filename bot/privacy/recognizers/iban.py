"""International bank account numbers, checked with python-stdnum (mod-97 and the country's format)."""

from __future__ import annotations

import re

from stdnum import iban

from bot.privacy.recognizers.base import Candidate, Doc

KIND = "iban"

_HEAD = re.compile(r"[A-Za-z]\d\d")  # every IBAN opens with two letters and two digits
_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{1,4}){3,8}\b")


def find(doc: Doc) -> list[Candidate]:
    """IBANs written compact or in groups of four, any case."""
    if doc.digits < 6:
        return []  # every country's IBAN has check digits and a mostly numeric account part
    out: list[Candidate] = []
    if not _HEAD.search(doc.text):
        return out
    for m in _IBAN.finditer(doc.text):
        raw = m.group()
        # A trailing group may be an ordinary word after a complete IBAN: drop groups until it checks.
        parts = raw.split(" ")
        while parts:
            if len("".join(parts)) >= 15 and iban.is_valid("".join(parts).upper()):
                out.append(Candidate(m.start(), m.start() + len(" ".join(parts)), KIND))
                break
            parts.pop()
    return out

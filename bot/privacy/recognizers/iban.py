"""International bank account numbers, checked with python-stdnum (mod-97 and the country's format)."""

from __future__ import annotations

import re

from stdnum import iban

from bot.privacy.recognizers.base import Candidate, Doc

KIND = "iban"

# Two letters and two digits at a word start, then groups of up to four. The pattern opens on the first
# digit, reading the letters behind it, so the engine only stops at digits; a match starts two characters
# before where it is found. (No IBAN can start inside the last two characters of the one before: they
# are a word's end, and a word character follows no IBAN.)
_IBAN = re.compile(r"\d(?<=\b[A-Za-z]{2}\d)\d(?:[ ]?[A-Za-z0-9]{1,4}){3,8}\b")

# Letters as the numbers the ISO 7064 mod 97-10 check reads them as ("A" is 10, "Z" is 35).
_BASE10 = str.maketrans({chr(c): str(c - 55) for c in range(ord("A"), ord("Z") + 1)})


def _check_sum_holds(compact: str) -> bool:
    """The mod 97-10 test that ``iban.is_valid`` runs first (``compact`` is upper case, no blanks),
    without its per-character Python loop: most candidates fail it and skip the country lookup."""
    return int((compact[4:] + compact[:4]).translate(_BASE10)) % 97 == 1


def find(doc: Doc) -> list[Candidate]:
    """IBANs written compact or in groups of four, any case."""
    if doc.digits < 6 or not doc.may_hold(b"aa00"):
        return []  # every IBAN opens with a country's two letters and two check digits, then mostly digits
    out: list[Candidate] = []
    text = doc.text
    for m in _IBAN.finditer(text):
        start = m.start() - 2
        raw = text[start:m.end()]
        # A trailing group may be an ordinary word after a complete IBAN: drop groups until it checks.
        parts = raw.split(" ")
        while parts:
            compact = "".join(parts).upper()
            if len(compact) >= 15 and _check_sum_holds(compact) and iban.is_valid(compact):
                out.append(Candidate(start, start + len(" ".join(parts)), KIND))
                break
            parts.pop()
    return out

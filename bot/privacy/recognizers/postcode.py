"""Postcodes: UK postcodes by their official shape, US ZIP codes only beside a state or the word "zip"."""

from __future__ import annotations

import re

from bot.privacy.recognizers.base import Candidate, Doc, caseless_twin

KIND = "postcode"

# Outward code (area letters, district digit, optional letter or digit) and inward code (digit and two
# letters from the set Royal Mail uses). Any case, with or without the space.
_UK = re.compile(
    r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPSTUW\d]?|GIR)\s{0,2}\d[ABD-HJLNP-UW-Z]{2}\b",
    re.IGNORECASE,
)
_UK_LOW = caseless_twin(_UK)  # for lowercased text (see Doc.folded)
_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|"
           "OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC")
_FIVE = re.compile(r"[\s:]\d{5}")
_US = re.compile(r"(?:\b(?:" + _STATES + r")\s{1,2}|\bzip(?:\s?code)?[:\s]{1,3})(\d{5}(?:-\d{4})?)\b")


def find(doc: Doc) -> list[Candidate]:
    """UK postcodes ("SW1A 1AA", "m1 1ae") and US ZIP codes after a state or "zip"."""
    if doc.digits < 2:
        return []  # every UK postcode has two digits, a ZIP five
    out = []
    uk, src = doc.folded(_UK, _UK_LOW)
    for m in uk.finditer(src):
        raw = doc.text[m.start():m.end()]
        # Lowercase look-alikes such as "a1 2pm" are times or sizes unless written with capitals.
        if raw.islower() and re.search(r"\d\s*(?:am|pm)$", raw):
            continue
        out.append(Candidate(m.start(), m.end(), KIND))
    if doc.digits >= 5 and _FIVE.search(doc.text):  # a ZIP code is five digits after a blank or colon
        out += [Candidate(m.start(1), m.end(1), KIND) for m in _US.finditer(doc.text)]
    return out

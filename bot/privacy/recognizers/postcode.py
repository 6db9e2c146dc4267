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
# _UK without "GIR", opening on the district digit with the area letters read behind it, so the engine
# only stops at digits. The two look-behinds cannot both hold (one needs a non-word character where the
# other needs a letter), and the one that holds says where the match starts. A match ends on two letters
# after a digit, so the next one cannot start inside it. Both need a letter just before the digit, which
# ``(?<=[a-z]\d)`` tests first and cheaply: most digits follow a digit or a blank. For lowercased text.
_UK_AT_DIGIT_LOW = re.compile(
    r"\d(?<=[a-z]\d)(?:(?<=\b[a-pr-uwyz]\d)|(?<=\b[a-pr-uwyz][a-hk-y]\d))[a-hjkpstuw\d]?\s{0,2}\d[abd-hjlnp-uw-z]{2}\b")
_UK_LOW = caseless_twin(_UK)  # for lowercased text (see Doc.folded)
_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|"
           "OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC")
# Two capitals, one or two blanks and five digits: what every match of _US's state branch holds.
_STATE_FIVE = re.compile(r"[A-Z]{2}\s{1,2}\d{5}")
_US = re.compile(r"(?:\b(?:" + _STATES + r")\s{1,2}|\bzip(?:\s?code)?[:\s]{1,3})(\d{5}(?:-\d{4})?)\b")


def find(doc: Doc) -> list[Candidate]:
    """UK postcodes ("SW1A 1AA", "m1 1ae") and US ZIP codes after a state or "zip"."""
    if doc.digits < 2:
        return []  # every UK postcode has two digits, a ZIP five
    out = []
    text = doc.text
    low = doc.lower
    # Only "GIR 0AA" lacks area letters before a digit ("gir" is in the lowercased note whenever the
    # pattern can read it there; elsewhere case rules reach further, so the full pattern runs).
    if doc.caseless and "gir" not in low:
        # Every match has an area letter just before the district digit.
        spans = [(m.start() - 2 if m.start() >= 2 and low[m.start() - 2].isalpha() else m.start() - 1, m.end())
                 for m in _UK_AT_DIGIT_LOW.finditer(low)] if doc.may_hold(b"a0") else []
    else:
        uk, src = doc.folded(_UK, _UK_LOW)
        spans = [m.span() for m in uk.finditer(src)]
    for start, end in spans:
        raw = text[start:end]
        # Lowercase look-alikes such as "a1 2pm" are times or sizes unless written with capitals.
        if raw.islower() and re.search(r"\d\s*(?:am|pm)$", raw):
            continue
        out.append(Candidate(start, end, KIND))
    # Every ZIP code _US reads follows "zip" or a state code and blanks.
    if doc.digits >= 5 and ("zip" in text or _STATE_FIVE.search(text)):
        out += [Candidate(m.start(1), m.end(1), KIND) for m in _US.finditer(text)]
    return out

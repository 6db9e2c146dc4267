"""Dates of birth: a date after "born", "DOB", "date of birth" or "birthday", or a full date whose
year is too long ago to be a visit. Visit dates ("came in on 12/03/2025", "Tuesday 4 March") survive."""

from __future__ import annotations

import re
from datetime import date

from bot.privacy.recognizers.base import Candidate, Doc, caseless_twin

KIND = "dob"

_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
           r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s{1,2}(?:of\s{1,2})?(?:" + _MONTHS + r")\.?,?\s{1,2}(?:\d{4}|'?\d{2})"
    r"|(?:" + _MONTHS + r")\.?\s{1,2}\d{1,2}(?:st|nd|rd|th)?,?\s{1,2}(?:\d{4}|'\d{2})"
    r"|\d{1,2}(?:st|nd|rd|th)?\s{1,2}(?:of\s{1,2})?(?:" + _MONTHS + r")"
    r"|(?:" + _MONTHS + r")\.?\s{1,2}\d{1,2}(?:st|nd|rd|th)?)"
)
_CUED = re.compile(
    r"\b(?:d\.?o\.?b\.?|date\s{1,2}of\s{1,2}birth|birth\s?date|birthday|bday|b'day|born)"
    r"(?:\s{1,2}(?:is|was|on|in|:|-|=)){0,2}[\s:]{0,3}(" + _DATE + r"|\d{4})\b",
    re.IGNORECASE,
)
_ANY_DATE = re.compile(r"(?<![\w/.-])(" + _DATE + r")(?![\w/]|[.-]\d)", re.IGNORECASE)
_YEAR = re.compile(r"(\d{4})\b|'(\d{2})$|[/.-](\d{2})$")
_VISIT = re.compile(r"\b(?:on|since|from|until|till|by|visit(?:ed)?|came|booked|appointment|delivery|order(?:ed)?|"
                    r"returned|bought|purchased|receipt|dated|expires?|expiry|exp|valid|last|next)\W{1,3}$",
                    re.IGNORECASE)
# Cheap tests before the date patterns run: a cue word, or something shaped like a year.
_CUE_WORDS = ("born", "dob", "d.o.b", "birth", "bday", "b'day")
_YEARISH = re.compile(r"(?:19|20)\d\d|[/.-]\d\d\b|'\d\d\b")
# The same patterns for lowercased text (see Doc.folded).
_CUED_LOW = caseless_twin(_CUED)
_ANY_DATE_LOW = caseless_twin(_ANY_DATE)
_VISIT_LOW = caseless_twin(_VISIT)
# A full date this many years back is a birth date, not a visit or an order.
_OLD_YEARS = 12


def _year(raw: str) -> int | None:
    m = _YEAR.search(raw.strip())
    if not m:
        return None
    if m.group(1):
        return int(m.group(1))
    two = int(m.group(2) or m.group(3))
    return 1900 + two if two > date.today().year % 100 else 2000 + two


def find(doc: Doc) -> list[Candidate]:
    """Dates of birth, by cue or by age of the year; never a date a visit or order is about."""
    if doc.digits < 2:
        return []
    text = doc.text
    low = doc.lower
    cue = any(w in low for w in _CUE_WORDS)
    cued_re, src = doc.folded(_CUED, _CUED_LOW)
    out = [Candidate(m.start(1), m.end(1), KIND) for m in cued_re.finditer(src)] if cue else []
    if not _YEARISH.search(text):
        return out
    cued = {c.start for c in out}
    this_year = date.today().year
    any_date, src = doc.folded(_ANY_DATE, _ANY_DATE_LOW)
    visit = _VISIT_LOW if doc.caseless else _VISIT
    for m in any_date.finditer(src):
        if m.start(1) in cued:
            continue
        year = _year(text[m.start(1):m.end(1)])
        if year is None or not 1900 <= year <= this_year - _OLD_YEARS:
            continue
        if visit.search(src, max(0, m.start() - 14), m.start()):
            continue
        out.append(Candidate(m.start(1), m.end(1), KIND))
    return out

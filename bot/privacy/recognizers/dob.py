"""Dates of birth: a date after "born", "DOB", "date of birth" or "birthday", or a full date whose
year is too long ago to be a visit. Visit dates ("came in on 12/03/2025", "Tuesday 4 March") survive."""

from __future__ import annotations

import re
from datetime import date

from bot.privacy.recognizers.base import Candidate, Doc, caseless_twin
from bot.privacy.recognizers.name import joined, words

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


def _has_cue(low: str) -> bool:
    """``any(word in low for word in _CUE_WORDS)``, written out: cheaper than a generator per note."""
    return "born" in low or "dob" in low or "d.o.b" in low or "birth" in low or "bday" in low or "b'day" in low


# Every alternative opens with a literal, so the engine skips ahead to one of "1", "2", "/", ".", "-", "'".
_YEARISH = re.compile(r"19\d\d|20\d\d|/\d\d\b|\.\d\d\b|-\d\d\b|'\d\d\b")
# The same patterns for lowercased text (see Doc.folded).
_CUED_LOW = caseless_twin(_CUED)
_ANY_DATE_LOW = caseless_twin(_ANY_DATE)
_VISIT_LOW = caseless_twin(_VISIT)
# _ANY_DATE_LOW split by how a date opens, at a digit or at a month name, each with the look-behind moved
# after what it opens with, so the engine skips ahead to candidates instead of trying every position:
# ``(?<![\w/.-])\d`` is ``\d(?<![\w/.-]\d)``, and the digit it consumes is the first of ``\d{1,2}`` or
# ``\d{4}`` (left as ``\d?`` and ``\d{3}``). For lowercased text.
_DATE_END = r"(?![\w/]|[.-]\d)"
_DIGIT_LED_LOW = re.compile(
    r"\d(?<![\w/.-]\d)(?:\d?[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{3}-\d{1,2}-\d{1,2}"
    r"|\d?(?:st|nd|rd|th)?\s{1,2}(?:of\s{1,2})?(?:" + _MONTHS + r")\.?,?\s{1,2}(?:\d{4}|'?\d{2})"
    r"|\d?(?:st|nd|rd|th)?\s{1,2}(?:of\s{1,2})?(?:" + _MONTHS + r"))" + _DATE_END
)
# Month names grouped by first letter, the look-behind after their first three letters. Only one way of
# reading a month name can be followed by the "." or blank after it, so the two date shapes may share it.
_MONTH_LED_LOW = re.compile(
    r"(?:a(?:pr(?<![\w/.-]apr)(?:il)?|ug(?<![\w/.-]aug)(?:ust)?)|dec(?<![\w/.-]dec)(?:ember)?"
    r"|feb(?<![\w/.-]feb)(?:ruary)?|j(?:an(?<![\w/.-]jan)(?:uary)?|un(?<![\w/.-]jun)e?|ul(?<![\w/.-]jul)y?)"
    r"|ma(?:r(?<![\w/.-]mar)(?:ch)?|y(?<![\w/.-]may))|nov(?<![\w/.-]nov)(?:ember)?|oct(?<![\w/.-]oct)(?:ober)?"
    r"|sep(?<![\w/.-]sep)(?:t(?:ember)?)?)"
    r"(?:\.?\s{1,2}\d{1,2}(?:st|nd|rd|th)?,?\s{1,2}(?:\d{4}|'\d{2})|\.?\s{1,2}\d{1,2}(?:st|nd|rd|th)?)" + _DATE_END
)
# The two dates of _DATE written in digits alone ("12/03/1950", "1950-03-12"), in a note's shape (Doc._shape).
_NUMERIC_DATE = re.compile(rb"0[/.\-]00?[/.\-]00|0000-0")
_MONTH_WORDS = frozenset("jan january feb february mar march apr april may jun june jul july aug august sep sept "
                         "september oct october nov november dec december".split())
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


def _date_spans_low(low: str) -> list[tuple[int, int]]:
    """The spans of ``_ANY_DATE_LOW.finditer(low)``, read with the digit-led and month-led halves: a date
    opens with a digit or a letter, so at each position at most one half matches, and it matches what
    the whole would. The earlier match is taken and the other half looks again after it, as finditer."""
    spans = []
    digit = _DIGIT_LED_LOW.search(low)
    month = _MONTH_LED_LOW.search(low)
    while digit or month:
        if month is None or (digit is not None and digit.start() < month.start()):
            assert digit is not None
            spans.append(digit.span())
        else:
            spans.append(month.span())
        end = spans[-1][1]
        if digit is not None and digit.start() < end:
            digit = _DIGIT_LED_LOW.search(low, end)
        if month is not None and month.start() < end:
            month = _MONTH_LED_LOW.search(low, end)
    return spans


def _may_date(doc: Doc) -> bool:
    """False when _date_spans_low is sure to find no date in a lowercased note: it holds no date written in
    digits (``_NUMERIC_DATE``, in the note's shape) and no word that is a month. A month in a date stands
    after a blank or a character no word holds and before a blank, ".", "," or no word character, so it
    is a whole word, or one that goes on after an apostrophe or hyphen."""
    if doc.may_hold(_NUMERIC_DATE):
        return True
    tokens = words(doc)
    return not _MONTH_WORDS.isdisjoint(tokens.lows) or joined(tokens)


def find(doc: Doc) -> list[Candidate]:
    """Dates of birth, by cue or by age of the year; never a date a visit or order is about."""
    if doc.digits < 2:
        return []
    text = doc.text
    low = doc.lower
    cue = _has_cue(low)
    cued_re, src = doc.folded(_CUED, _CUED_LOW)
    out = [Candidate(m.start(1), m.end(1), KIND) for m in cued_re.finditer(src)] if cue else []
    if not _YEARISH.search(text):
        return out
    cued = {c.start for c in out}
    if doc.caseless:
        src, visit, dates = low, _VISIT_LOW, _date_spans_low(low) if _may_date(doc) else []
    else:
        src, visit, dates = text, _VISIT, [m.span(1) for m in _ANY_DATE.finditer(text)]
    if not dates:
        return out
    this_year = date.today().year
    for start, end in dates:  # the date itself (the look-arounds around it consume nothing)
        if start in cued:
            continue
        year = _year(text[start:end])
        if year is None or not 1900 <= year <= this_year - _OLD_YEARS:
            continue
        if visit.search(src, max(0, start - 14), start):
            continue
        out.append(Candidate(start, end, KIND))
    return out

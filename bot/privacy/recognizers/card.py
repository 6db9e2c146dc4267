"""Payment card numbers: 13 to 19 digits, spaced or dashed, that pass the Luhn check."""

from __future__ import annotations

import re

from stdnum import luhn

from bot.privacy.recognizers.base import Candidate, Doc

KIND = "card"

_PRODUCT = re.compile(r"\b(?:sku|ean|upc|barcode|product|item|plu|isbn|gtin|order)\b[\s:#no.]{0,5}$", re.IGNORECASE)
_NON_DIGIT = re.compile(r"\D")
# Opening on the digit with the look-behind read after it lets the engine skip to digits.
_RUN = re.compile(r"\d(?<![\w.]\d)(?:[ -]?\d){12,18}(?![\w.]|[.,]\d)")


def digit_runs(doc: Doc) -> list[tuple[int, int, str]]:
    """Runs of 13 to 19 digits (with single spaces or dashes between them) and their digits."""
    if doc.digits < 13 or doc.longest_number < 13:
        return []
    return [(m.start(), m.end(), _NON_DIGIT.sub("", m.group())) for m in _RUN.finditer(doc.text)]


def find(doc: Doc) -> list[Candidate]:
    """Luhn-valid card numbers. A run that fails Luhn is left to the account recognizer."""
    out = []
    memo: dict[str, bool] = {}  # per note: a long note may repeat one digit shape many times
    for start, end, _digits in digit_runs(doc):
        if _PRODUCT.search(doc.text, max(0, start - 16), start):
            continue  # EAN barcodes pass Luhn-like checks by design
        found = _luhn_part(doc.text, start, end, memo)
        if found:
            out.append(Candidate(*found, KIND))
    return out


def _checks(digits: str, memo: dict[str, bool]) -> bool:
    if digits not in memo:
        memo[digits] = len(set(digits)) > 1 and luhn.is_valid(digits)
    return memo[digits]


def _luhn_part(text: str, start: int, end: int, memo: dict[str, bool]) -> tuple[int, int] | None:
    # "till 3 4111 1111 1111 1111": a short number may run into a card; try the run without its
    # first or last group or two.
    seps = [start + i for i, ch in enumerate(text[start:end]) if ch in " -"]
    cuts = [start, *[p + 1 for p in seps[:3]]]
    ends = [end, *seps[::-1][:3]]
    for s in cuts:
        for e in ends:
            digits = _NON_DIGIT.sub("", text[s:e])
            if e > s and 13 <= len(digits) <= 19 and _checks(digits, memo):
                return s, e
    return None

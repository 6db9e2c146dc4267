"""Account-like numbers that only context identifies: loyalty, membership, patient, policy and bank
account numbers, sort codes, "card ending 4421", and long digit runs that are not product codes."""

from __future__ import annotations

import re

from bot.privacy.recognizers.base import Candidate, Doc, caseless_twin

KIND = "account"

# The words that say an identifier follows, written as a trie (one test per letter at each word start
# instead of every word in turn). Where one cue is the start of another ("acc", "account"), the longer
# is tried first, as it was when this was a list: account acct a/c acc advantage | benefit bic booking |
# card claim client clubcard contract customer | driving | employee | gift card | hospital | iban id |
# licence license loan loyalty | member membership mortgage | nectar nhs ni | passport patient pension
# plate points policy | ref reference reg registration reservation reward rewards roll | staff student
# swift | tenancy | vehicle voucher.
_CUE = (r"a(?:cc(?:ount|t)?|/c|dvantage)|b(?:enefit|ic|ooking)|"
        r"c(?:ard|l(?:aim|ient|ubcard)|ontract|ustomer)|driving|employee|gift\s?card|hospital|i(?:ban|d)|"
        r"l(?:icen[cs]e|o(?:an|yalty))|m(?:ember(?:ship)?|ortgage)|n(?:ectar|hs|i)|"
        r"p(?:a(?:ssport|tient)|ension|late|o(?:ints|licy))|r(?:e(?:f(?:erence)?|g(?:istration)?|servation|wards?)|oll)|"
        r"s(?:t(?:aff|udent)|wift)|tenancy|v(?:ehicle|oucher)")
# The identifier after a cue: letters and digits with at least four digits, or a sort code.
_AFTER_CUE = re.compile(
    r"\b(?:" + _CUE + r")(?:\s{0,2}(?:number|no\.?|num|#|id|code|ref|card|nr))?\s{0,2}(?:is|was|:|#|=|-)?\s{0,3}"
    r"((?=[A-Za-z0-9/ -]{0,30}\d)(?:[A-Za-z]{1,4}[-/ ]?)?\d[\dA-Za-z]{0,3}(?:[-/ ]?[\dA-Za-z]{1,6}){0,5})",
    re.IGNORECASE,
)
# The words between "card" and "ending" never run across a stand-in: a placeholder is shorter than what it
# replaced, so "card for Mrs [NAME] ending 4421" would fit where the original did not, and scrubbing the
# scrubbed text would find more.
_ENDING = re.compile(
    r"\b(?:card|visa|mastercard|amex|debit|credit|account|acct|a/c|number|no\.?)\b[^.\d\ue000]{0,20}?"
    r"\b(?:ending|ends|ending\s+in|ends\s+in|ending\s+with|last\s+(?:four|4)(?:\s+digits)?(?:\s+(?:are|is|were|of))?|"
    r"x{2,4}|\*{2,4})[\s:#]{0,3}(\d{3,4})\b(?![-/.]\d)",
    re.IGNORECASE,
)
_SORT_CODE = re.compile(r"\b(?:sort\s?code|s/c)[\s:#]{0,3}(\d{2}[- ]?\d{2}[- ]?\d{2})\b"
                        r"|\b(\d{2}-\d{2}-\d{2})(?=[\s,]{1,3}"
                        r"(?:acc|a/c|account)?[\w\s:#]{0,12}\d{8}\b)", re.IGNORECASE)
# Opening on the digit with the look-behind read after it lets the engine skip to digits.
_LONG = re.compile(r"\d(?<![\w.£$€/:-]\d)(?:[ -]?\d){8,24}(?![\w/]|[.,]\d)")
_PRODUCT = re.compile(r"\b(?:sku|ean|upc|barcode|product|item|plu|isbn|batch|serial|model|part|art(?:icle)?|order|"
                      r"code|lot|stock|line|till|table|aisle|bay|shelf|gate|flight|train|bus)\s{0,2}"
                      r"(?:no\.?|number|#|code)?[\s:#]{0,3}$", re.IGNORECASE)
# The same patterns for lowercased text (see Doc.folded).
_AFTER_CUE_LOW = caseless_twin(_AFTER_CUE)
_ENDING_LOW = caseless_twin(_ENDING)
_SORT_CODE_LOW = caseless_twin(_SORT_CODE)
_PRODUCT_LOW = caseless_twin(_PRODUCT)
# "voucher ends 23 Feb 2026": a lowercase word before the digits is prose, not an identifier's prefix.
_WORD_FIRST = re.compile(r"[a-z]{2,4}\s")
# Words a cue can be followed by that are not an identifier.
_NOT_ID = re.compile(r"^(?:\d{1,3}|\d{1,2}(?:am|pm)|\d+(?:st|nd|rd|th)|\d+(?:p|k|kg|g|ml|l|x|mins?|hrs?|%))$",
                     re.IGNORECASE)


_IDENT = re.compile(r"[A-Za-z]{0,4}[-/ ]?\d[\dA-Za-z]*(?:[-/ ]?(?=[\dA-Za-z]*\d)[\dA-Za-z]+)*")


def find(doc: Doc) -> list[Candidate]:
    """Identifiers after an account-type cue, card endings, sort codes, and long non-product digit runs."""
    if doc.digits < 3:
        return []  # "card ending 442" is the shortest thing this recognizer takes
    text = doc.text
    low = doc.lower
    out = []
    after_cue, src = doc.folded(_AFTER_CUE, _AFTER_CUE_LOW)
    # A match starts at most 33 characters before the first digit of what it takes (the longest cue,
    # "number", "is" and the blanks between, four letters), and ends at most 39 after it (the digit and
    # the groups after it): none starts long before the note's first digit or ends long after its last.
    pos = max(0, doc.first_digit - 40)
    end_pos = doc.last_digit + 40
    while doc.digits >= 4 and (m := after_cue.search(src, pos, end_pos)) is not None:
        pos = m.end()
        raw = text[m.start(1):m.end(1)].rstrip(" -/")
        digits = sum(map(str.isdigit, raw))
        if digits < 4 or _NOT_ID.match(raw) or _WORD_FIRST.match(raw):
            pos = m.start(1)  # what followed the cue may hold the next cue: "account none, account 4412"
            continue
        # Keep trailing ordinary words out: "member 448812 said" takes only the number.
        ident = _IDENT.match(raw)
        end = m.start(1) + (ident.end() if ident else len(raw))
        out.append(Candidate(m.start(1), end, KIND))
        # A match can run on over the next cue ("account QQ123456C account QQ..."): read on from the end
        # of what was taken, so the second identifier is found too.
        pos = max(end, m.start(1) + 1)
    ending, src = doc.folded(_ENDING, _ENDING_LOW)
    # One of these is in every text _ENDING can match.
    endings = "ending" in low or "ends" in low or "last" in low or "xx" in low or "**" in low
    for m in ending.finditer(src) if endings else ():
        out.append(Candidate(m.start(1), m.end(1), KIND))
    sort_code, src = doc.folded(_SORT_CODE, _SORT_CODE_LOW)
    # Every match holds "sort", "s/c" (in the lowercased note, where case rules reach no further) or a
    # dashed sort code.
    sorts = (doc.digits >= 6 and doc.longest_number >= 6
             and (not doc.caseless or "sort" in low or "s/c" in low or doc.may_hold(b"00-00-00")))
    for m in sort_code.finditer(src) if sorts else ():
        g = 1 if m.group(1) else 2
        out.append(Candidate(m.start(g), m.end(g), KIND))
    product, src = doc.folded(_PRODUCT, _PRODUCT_LOW)
    for m in _LONG.finditer(text) if doc.digits >= 9 and doc.longest_number >= 9 else ():
        if product.search(src, max(0, m.start() - 20), m.start()):
            continue
        if any(c.start <= m.start() < c.end for c in doc.found):
            continue
        out.append(Candidate(m.start(), m.end(), KIND))
    return out

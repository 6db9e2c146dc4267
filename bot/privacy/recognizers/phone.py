"""Phone numbers, judged by Google's libphonenumber (the ``phonenumbers`` package) for every region.

A cheap pattern finds digit runs shaped like a phone number; only those are parsed, so notes
without one cost almost nothing. National formats ("07700 900123") are read in the workspace's
default region (GB when none is set), then as North American numbers. Validity is the library's
rule, answered by :mod:`bot.privacy.recognizers.phone_valid` from its metadata.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata, re_util

from bot.privacy.recognizers.base import Candidate, Doc, caseless_twin
from bot.privacy.recognizers.phone_valid import is_valid_number
from bot.privacy.slackwire import KEEP

KIND = "phone"

# Parsing reads the region's metadata patterns through re.compile each time; keep them compiled instead
# (a bounded set: the patterns of the metadata, never a number). Older releases lack the switch.
if hasattr(re_util, "enable_pattern_cache"):
    re_util.enable_pattern_cache()

_RUN = re.compile(
    r"(?<![\w+.,/-])(?:\+|00)?(?:\(\d{1,5}\)[ .-]?)?\d(?:[ .\-/]?\(?\d\)?){5,16}"
    r"(?:\s{0,2}(?:ext\.?|x)\s{0,2}\d{1,5})?(?![\w/]|[.,]\d)",
    re.IGNORECASE,
)
# _RUN as two patterns that each open on a character class, so the engine skips ahead to where a run
# can start instead of trying the look-behind at every character: runs opening on a digit ("00" prefix
# first, as _RUN tries it), and runs opening on "+" or "(". They never start at the same character.
_REST = r"(?:[ .\-/]?\(?\d\)?){5,16}(?:\s{0,2}(?:ext\.?|x)\s{0,2}\d{1,5})?(?![\w/]|[.,]\d)"
_RUN_DIGIT = re.compile(r"\d(?<![\w+.,/-]\d)(?:(?<=0)0(?:\(\d{1,5}\)[ .-]?)?\d)?" + _REST, re.IGNORECASE)
_RUN_SIGN = re.compile(r"(?:\+(?<![\w+.,/-]\+)(?:\(\d{1,5}\)[ .-]?)?|\((?<![\w+.,/-]\()\d{1,5}\)[ .-]?)\d"
                       + _REST, re.IGNORECASE)


def _run_search(text: str, pos: int, signs: bool) -> re.Match[str] | None:
    """``_RUN.search(text, pos)``; ``signs`` says whether the text holds a "+" or "(" at all."""
    m = _RUN_DIGIT.search(text, pos)
    if signs:
        m2 = _RUN_SIGN.search(text, pos)
        if m2 is not None and (m is None or m2.start() < m.start()):
            return m2
    return m
_PRICE_BEFORE = re.compile(r"[£$€¥₹]\s{0,2}$|\b(?:sku|ean|upc|barcode|product|item|order|receipt|invoice|batch|"
                           r"serial|model|isbn|plu|code|ref(?:erence)?|no\.?|#)\s{0,3}[:#]?\s{0,2}$", re.IGNORECASE)
_CUE = re.compile(r"\b(?:phone|tel|mobile|mob|cell|call|ring|text|number|whatsapp|contact|landline|fax)\b",
                  re.IGNORECASE)
# The same patterns for lowercased text (see Doc.folded).
_PRICE_BEFORE_LOW = caseless_twin(_PRICE_BEFORE)
_CUE_LOW = caseless_twin(_CUE)
_NON_DIGIT = re.compile(r"\D")
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$")
# A number that is possible in a region but not valid there is taken only with a cue and this many digits.
_MIN_POSSIBLE = 9
# A number written in ASCII digits and separators alone: parsing finds no extension, sign or letter in it.
_PLAIN = re.compile(r"[0-9 .\-/()]+")


def _regions(doc: Doc) -> tuple[str, ...]:
    # The workspace's region first; North American numbers are common enough to try as well.
    if doc.region:
        home = doc.region.upper()
        return (home, "US") if home != "US" else (home, "GB")
    return ("GB", "US")


class _AsWritten(NamedTuple):
    """What parsing in one region can do to a number written in digits alone: strip an international
    prefix (``idd``), or the region's own calling code or a national prefix (``prefixes``), from its
    start; and the lengths a national number of that calling code can have to be valid, or possible."""

    idd: re.Pattern[str] | None
    prefixes: tuple[str, ...]
    valid: frozenset[int]
    possible: frozenset[int]

    def keeps(self, digits: str) -> bool:
        """True when parsing ``digits`` (written with `` .-/()`` between them at most) leaves them as they
        are: every strip needs a prefix at the start, and the number opens with none."""
        return not digits.startswith(self.prefixes) and not (self.idd is not None and self.idd.match(digits))


_DESCS = ("general_desc", "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number",
          "voip", "pager", "uan", "emergency", "voicemail", "short_code", "standard_rate", "carrier_specific",
          "sms_services", "no_international_dialling")


@cache
def _as_written(region: str) -> _AsWritten | None:
    """The region's rules (metadata only, never a number); None where its national prefix is a pattern
    or rewrites the number, or a description allows any length, which only a parse can follow."""
    metadata = PhoneMetadata.metadata_for_region(region, None)
    if metadata is None or metadata.country_code is None or metadata.national_prefix_transform_rule:
        return None
    national = metadata.national_prefix_for_parsing or metadata.national_prefix or ""
    prefixes = tuple(national.split("|")) if national else ()
    if not all(p.isdigit() for p in prefixes):
        return None
    valid: set[int] = set()
    local: set[int] = set()
    for other in COUNTRY_CODE_TO_REGION_CODE.get(metadata.country_code, ()):
        meta = PhoneMetadata.metadata_for_region_or_calling_code(metadata.country_code, other)
        for desc in (getattr(meta, name, None) for name in _DESCS) if meta is not None else ():
            if desc is None:
                continue
            if desc.national_number_pattern and not desc.possible_length:
                return None  # a description without lengths matches a number of any length
            valid.update(desc.possible_length or ())
            local.update(desc.possible_length_local_only or ())
    idd = re.compile(metadata.international_prefix) if metadata.international_prefix else None
    return _AsWritten(idd, (str(metadata.country_code), *prefixes), frozenset(valid), frozenset(valid | local))


def _is_phone(raw: str, regions: tuple[str, ...], cued: bool) -> bool:
    digits = _NON_DIGIT.sub("", raw)
    if not 7 <= len(digits) <= 17 or len(set(digits)) == 1:
        return False
    if _DATE_LIKE.match(raw):
        return False
    intl = raw.startswith(("+", "00"))
    plain = not intl and _PLAIN.fullmatch(raw) is not None
    for i, region in enumerate(regions if not intl else regions[:1]):
        if i and raw.lstrip("(").startswith("0"):
            break  # a trunk-prefixed national number belongs to the home region
        rules = _as_written(region) if plain else None
        if (rules is not None and rules.keeps(digits) and len(digits) not in rules.valid
                and (len(digits) < _MIN_POSSIBLE or len(digits) not in rules.possible)):
            continue  # parsing would find it neither valid nor, at this length, possible: skip the parse
        try:
            num = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if is_valid_number(num):
            # Outside the workspace's own region a national-format number needs a leading 0 or a cue,
            # so a bare 7-digit product code is not read as someone's landline somewhere.
            if i == 0 or intl or raw.lstrip("(").startswith("0") or cued or len(digits) >= 10:
                return True
        elif ((cued or intl or raw.startswith("0")) and phonenumbers.is_possible_number(num)
              and len(digits) >= _MIN_POSSIBLE):
            return True
    return False


def find(doc: Doc) -> list[Candidate]:
    """Phone numbers that libphonenumber accepts, not prices, dates, product codes or order numbers."""
    if doc.digits < 7 or doc.longest_number < 6:
        return []  # no phone number anywhere has fewer digits; _RUN needs six joined ones
    text = doc.text
    regions = _regions(doc)
    out = []
    taken = [(c.start, c.end) for c in doc.found]
    price_before, src = doc.folded(_PRICE_BEFORE, _PRICE_BEFORE_LOW)
    cue_re = _CUE_LOW if doc.caseless else _CUE
    # A long note can repeat one number shape many times ("12-34-56 12-34-56 ..."): each distinct run is
    # parsed once per note. (Per call only, so the cost stays bounded by what the note itself holds.)
    memo: dict[tuple[str, bool], bool] = {}

    def is_phone(raw: str, cued: bool) -> bool:
        key = (raw, cued)
        if key not in memo:
            memo[key] = _is_phone(raw, regions, cued)
        return memo[key]

    pos = 0
    signs = "+" in text or "(" in text
    while (m := _run_search(text, pos, signs)) is not None:
        pos = m.end()
        start, raw = m.start(), m.group()
        clash = [e for s, e in taken if s < m.end() and m.start() < e]
        if clash:
            # Already a card, IBAN, national ID or IP; what follows it in the run may still be a
            # phone number ("sort code 12-34-56 07700 900123").
            cut = max(clash)
            if cut >= m.end() or text[cut:cut + 1] not in " -./":
                continue
            start = cut + 1
            raw = text[start:m.end()]
            if not raw[:1].isdigit() and raw[:1] not in "+(":
                continue
        # A price or code owns the first group only: "code 12-34-56 07700 900123" still holds a phone.
        coded = not clash and bool(price_before.search(src, max(0, m.start() - 24), m.start()))
        # The cue is read back to the nearest stand-in at most: a placeholder is shorter than what it
        # replaced, so a cue further back would come within reach only once the note is scrubbed.
        cued = bool(cue_re.search(src, max(0, start - 40, text.rfind(KEEP, 0, start) + 1), start))
        # "till 3 07700 900123": a short number may run into a phone number; drop leading groups.
        dropped: list[tuple[int, str]] = []
        for attempt in range(3):
            if not (coded and attempt == 0) and is_phone(raw, cued):
                out.append(Candidate(start, m.end(), KIND))
                break
            cut = raw.find(" ")
            if cut < 0:
                break
            start, raw = start + cut + 1, raw[cut + 1:]
            dropped.append((start, raw))
        else:
            # "till 3 07700 900123 07700 900123": after a short number the run went on into the next
            # phone number too. Drop its last group, and read on from the end of the number found.
            for s, r in dropped[:2]:
                cut = r.rfind(" ")
                if cut > 0 and is_phone(r[:cut], cued):
                    out.append(Candidate(s, s + cut, KIND))
                    pos = s + cut
                    break
    return out

"""Street addresses: a house number or flat, then a street name ending in a street word.

"12 Acacia Avenue", "flat 3, 27 high st", "221b Baker Street, Leeds". A street named without a
number counts after "lives on/at", "moved to", "address is" and the like. The town after an
address, and a postcode, are taken with it so the whole address goes as one.
"""

from __future__ import annotations

import re

from bot.privacy.lexicon import common_words, places
from bot.privacy.recognizers.base import Candidate, Doc, caseless_twin
from bot.privacy.recognizers.name import Tokens, joined, words
from bot.privacy.trie import trie_pattern

KIND = "address"

_SUFFIX = (r"street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|close|cl|way|crescent|cres|court|ct|place|pl|"
           r"terrace|terr|grove|gardens|gdns|park|square|sq|hill|row|walk|mews|boulevard|blvd|parade|green|"
           r"rise|view|vale|wharf|yard|estate|broadway|circus|embankment|highway|hwy|parkway|pkwy|"
           r"cottages|meadows|fields|heights|croft|chase|approach|wynd|brae|gate|end|quay")
_WORD = r"(?:[A-Za-z][A-Za-z'’.-]{0,20})"
_NUMBER = r"\d{1,4}[A-Za-z]?(?:\s?-\s?\d{1,4})?"
_UNIT = r"(?:(?:flat|apartment|apt|unit|suite|room|no\.?)\s{1,2}\d{1,4}[A-Za-z]?[,\s]{1,3})"
_STREET = re.compile(
    r"\b" + _UNIT + r"?" + _NUMBER + r",?\s{1,2}(?:" + _WORD + r"\s{1,2}){0,3}(?:" + _SUFFIX + r")\b\.?",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"\b(?:lives|living|lived|live|moved|moving|stays|staying|address(?:\s+is)?|resides|delivered|deliver|"
    r"deliveries|delivery|posted|send\s+it|sent\s+it|house|home|flat)\s{1,3}(?:on|at|in|to|is|:)?\s{0,3}"
    r"((?:the\s{1,2})?(?:" + _UNIT + r")?(?:" + _NUMBER + r",?\s{1,2})?(?:[A-Z][A-Za-z'’-]{1,20}\s{1,2}){1,3}"
    r"(?:" + _SUFFIX + r")\b\.?)",
    re.IGNORECASE,
)
# The town after an address: a capitalized one whatever follows, a lowercase one only before
# punctuation or a postcode.
_TOWN = re.compile(r",?\s{1,2}(?:([A-Z][a-z'’-]{2,20}(?:\s[A-Z][a-z'’-]{2,20})?)\b"
                   r"|([a-z][a-z'’-]{2,20})(?=\s{0,2}(?:,|\.|!|$|\s[A-Za-z]{1,2}\d)))")
# One of these starts every cue _NAMED reads: the pattern only runs on notes holding one.
_NAMED_WORDS = ("liv", "move", "moving", "stay", "address", "resid", "deliver", "posted", "sen", "house", "home",
                "flat")
# One of these starts every cue of _NAMED_LOW ("liv" for lives/living/lived/live, "send" and "sent" for
# "send it"/"sent it", ...): on a lowercased note it can only match where one of them starts.
_NAMED_STARTS = ("liv", "mov", "stay", "address", "resid", "deliver", "posted", "send", "sent", "house", "home",
                 "flat")
_SUFFIXES = frozenset(_SUFFIX.split("|"))
# Street words that are also everyday words ("on the way", "in the park") need capitals to count.
_RISKY = frozenset("way walk row place pl court ct square sq green park hill view gate end yard chase approach estate "
                   "fields heights vale rise croft quay wharf circus broadway brae wynd meadows cottages".split())
# Words that never sit between a house number and a street name.
_STOP = frozenset("on in at to the for of and a an by with from is was are were it its my his her their our your "
                  "hours hour mins minutes min minute second seconds day days week weeks month months year years "
                  "mile miles metre metres meter meters km step steps items bags people quid pounds pence times "
                  "packs boxes bottles "
                  "cans more less than per each every all some any off over under out up down".split())
_POSTCODE_NEXT = re.compile(r",?\s{1,2}(?:[A-Za-z][a-z'’-]{2,20},?\s{1,2})?"
                            r"[A-Za-z]{1,2}\d[A-Za-z\d]?\s{0,2}\d[A-Za-z]{2}\b")
_PRICE_UNITS = re.compile(r"^\d{1,4}\s{1,2}(?:st|rd|dr|pl|ct|ave|cl)\b\.?$", re.IGNORECASE)
# The same patterns for lowercased text (see Doc.folded).
_STREET_LOW = caseless_twin(_STREET)
_NAMED_LOW = caseless_twin(_NAMED)
# _STREET_LOW without the unit, opening on the house number's first digit with ``\b`` read behind it
# (``\b\d`` is ``\d(?<!\w\d)``), so the engine skips ahead to digits. The street words are a trie, which
# matches the same words; their order does not matter, as no two of them are followed by ``\b`` at once.
_STREET_AT_NUMBER_LOW = caseless_twin(re.compile(
    r"\d(?<!\w\d)\d{0,3}[A-Za-z]?(?:\s?-\s?\d{1,4})?,?\s{1,2}(?:" + _WORD + r"\s{1,2}){0,3}(?:"
    + trie_pattern(set(_SUFFIXES)) + r")\b\.?",
    re.IGNORECASE,
))
# A unit ("flat 3, ") ending right where a house number starts.
_UNIT_BEFORE_LOW = caseless_twin(re.compile(r"\b" + _UNIT + r"\Z", re.IGNORECASE))
_UNIT_LONGEST = len("apartment") + 2 + 4 + 1 + 3


def _street_spans_low(low: str) -> list[tuple[int, int]]:
    """The spans of ``_STREET_LOW.finditer(low)``, from the number-led pattern.

    A match with a unit is the unit ("flat 3, ") and then a match of the number-led pattern, which
    reads on from the house number exactly as _STREET does; the number-led pattern never matches at
    the unit's own number when the whole does (what follows it is a blank and a digit, not a street
    word). So each number-led match, in order, is a match of _STREET, taking the unit before it when
    there is one after the previous match.
    """
    spans = []
    last = 0
    for m in _STREET_AT_NUMBER_LOW.finditer(low):
        start = m.start()
        unit = _UNIT_BEFORE_LOW.search(low, max(last, start - _UNIT_LONGEST), start)
        if unit:
            start = unit.start()
        spans.append((start, m.end()))
        last = m.end()
    return spans


def _street_word(tokens: Tokens) -> bool:
    """False when no word of a lowercased note can be the street word of a match of _STREET_LOW.

    That street word follows a blank, so it starts a word, and ``\\b`` follows it: the word is the street
    word itself (a possessive is cut off in the words' lowercase forms), or it goes on after an apostrophe
    or hyphen.
    """
    return not _SUFFIXES.isdisjoint(tokens.lows) or joined(tokens)


def _named_starts(low: str) -> list[int]:
    """Where a word of _NAMED_STARTS starts in ``low``, in order: the only places _NAMED_LOW can match."""
    starts = []
    for word in _NAMED_STARTS:
        i = low.find(word)
        while i >= 0:
            starts.append(i)
            i = low.find(word, i + 1)
    if len(starts) > 1:
        starts.sort()  # no two of the words start alike, so no place comes twice
    return starts


def find(doc: Doc) -> list[Candidate]:
    """Street addresses with a number, named streets after a living/delivery cue, and the town after them."""
    text = doc.text
    out = []
    has_upper = text != doc.lower
    if doc.has_digits:
        if doc.caseless:
            spans = _street_spans_low(doc.lower) if _street_word(words(doc)) else []
        else:
            spans = [m.span() for m in _STREET.finditer(text)]
        for start, end in spans:
            raw = text[start:end]
            # A lowercase street with an everyday street word ("orchard way") counts after a flat
            # number, before a postcode, or in a note typed all in lowercase.
            lenient = (raw[:1].isalpha() or not has_upper or bool(_POSTCODE_NEXT.match(text, end)))
            if _PRICE_UNITS.match(raw) or not _plausible(raw, lenient):
                continue  # "2 st" (stone), "3 dr", "2 hours on the way" and the like
            out.append(_with_town(text, start, end))
    low = doc.lower
    if doc.caseless:
        # finditer, tried only where a match can start: after one match, the next starts past its end.
        last = 0
        for pos in _named_starts(low):
            if pos >= last and (m := _NAMED_LOW.match(low, pos)):
                out.append(_with_town(text, m.start(1), m.end(1)))
                last = m.end()
    elif any(w in low for w in _NAMED_WORDS):
        for m in _NAMED.finditer(text):
            out.append(_with_town(text, m.start(1), m.end(1)))
    return out


def _with_town(text: str, start: int, end: int) -> Candidate:
    t = _TOWN.match(text, end)
    # A lowercase town counts when it is a known place or not an everyday word ("swindon", not "then").
    if t and (t.group(1) or t.group(2) in places() or t.group(2) not in common_words()):
        end = t.end()
    return Candidate(start, end, KIND)


def _plausible(raw: str, lenient: bool = False) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z'’.-]*", re.sub(r"\d+[A-Za-z]?\b", " ", raw))
    # Drop the unit word ("flat") and the letter of a house number ("221b") from the street words.
    units = ("flat", "apartment", "apt", "unit", "suite", "room", "no")
    words = [w for w in words if w.lower().rstrip(".") not in units]
    if not words:
        return False
    suffix, street = words[-1].lower().rstrip("."), words[:-1]
    if any(w.lower() in _STOP for w in street):
        return False
    if suffix in _RISKY:
        return bool(street) and (lenient or all(w[0].isupper() for w in street))
    return True

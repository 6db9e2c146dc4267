"""Email addresses, including the spelled-out "jane at gmail dot com" form staff type on phones."""

from __future__ import annotations

import re

from bot.privacy.recognizers.base import Candidate, Doc

KIND = "email"

# Bounded repetition: a long run of dots or letters cannot make this backtrack badly.
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}",
)
_DOMAIN = (r"(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|live|aol|btinternet|"
           r"sky|protonmail|proton|me|mail|[\w-]{2,30}\s{1,3}dot\s{1,3}[\w-]{2,30})")
_SPOKEN = re.compile(
    r"\b[\w.'-]{1,64}\s{1,3}(?:at|@)\s{1,3}" + _DOMAIN + r"(?:\s{1,3}dot\s{1,3}[a-z]{2,6}|\.[a-z]{2,6}){1,3}\b",
    re.IGNORECASE,
)
# The part of a spelled-out address from "at" to its first "dot"/".": every _SPOKEN match without an "@"
# holds one. For lowercased text (see Doc.caseless); it opens on a literal, so the engine jumps from one
# "at" to the next instead of trying _SPOKEN at every position.
_SPOKEN_AT = re.compile(r"at\s{1,3}" + _DOMAIN + r"(?:\s{1,3}dot\s{1,3}[a-z]{2,6}|\.[a-z]{2,6})")


def find(doc: Doc) -> list[Candidate]:
    """Every email address in ``doc``, written normally or spelled out with "at" and "dot"."""
    text = doc.text
    low = doc.lower
    has_at_sign = "@" in text
    # Every written address holds an "@".
    out = [Candidate(m.start(), m.end(), KIND) for m in _EMAIL.finditer(text)] if has_at_sign else []
    if " at " in low and (has_at_sign or not doc.caseless or _SPOKEN_AT.search(low)):
        out += [Candidate(m.start(), m.end(), KIND) for m in _SPOKEN.finditer(text)]
    return out

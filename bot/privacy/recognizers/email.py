"""Email addresses, including the spelled-out "jane at gmail dot com" form staff type on phones."""

from __future__ import annotations

import re

from bot.privacy.recognizers.base import Candidate, Doc

KIND = "email"

# Bounded repetition: a long run of dots or letters cannot make this backtrack badly.
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}",
)
_SPOKEN = re.compile(
    r"\b[\w.'-]{1,64}\s{1,3}(?:at|@)\s{1,3}(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|live|aol|btinternet|"
    r"sky|protonmail|proton|me|mail|[\w-]{2,30}\s{1,3}dot\s{1,3}[\w-]{2,30})"
    r"(?:\s{1,3}dot\s{1,3}[a-z]{2,6}|\.[a-z]{2,6}){1,3}\b",
    re.IGNORECASE,
)


def find(doc: Doc) -> list[Candidate]:
    """Every email address in ``doc``, written normally or spelled out with "at" and "dot"."""
    text = doc.text
    if "@" not in text and " at " not in doc.lower and " dot " not in doc.lower:
        return []
    out = [Candidate(m.start(), m.end(), KIND) for m in _EMAIL.finditer(text)]
    if " at " in doc.lower:
        out += [Candidate(m.start(), m.end(), KIND) for m in _SPOKEN.finditer(text)]
    return out

"""Per-workspace custom patterns (say, a store's own membership-number format), run safely.

Patterns come from settings, typed by an admin, so they are untrusted: they are validated before
they are saved and again before use, and run with the ``regex`` module's timeout so a pattern that
backtracks badly stops instead of stalling the app.
"""

from __future__ import annotations

import re as _stdre
from functools import lru_cache

import regex

from bot.privacy.recognizers.base import Candidate, Doc

KIND = "custom"

MAX_PATTERN_LENGTH = 300
_TIMEOUT_S = 0.02
# Nested quantifiers such as (a+)+ or (\w*)* are the classic catastrophic-backtracking shape.
_NESTED = _stdre.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]")


def validate_pattern(pattern: str) -> str | None:
    """An error message for the settings screen, or ``None`` when ``pattern`` is safe to use.

    The message describes the problem and never repeats the pattern.
    """
    if not isinstance(pattern, str) or not pattern.strip():
        return "the pattern is empty"
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"the pattern is longer than {MAX_PATTERN_LENGTH} characters"
    if _NESTED.search(pattern):
        return "the pattern repeats a repeated group, which can make it very slow; simplify it"
    if regex.search(r"\\[1-9]|\(\?<?[=!]", pattern):
        return "back-references and look-around are not supported in custom patterns"
    try:
        compiled = _compile(pattern)
    except regex.error:
        return "the pattern is not a valid regular expression"
    try:
        if compiled.fullmatch("", timeout=_TIMEOUT_S) is not None:
            return "the pattern matches empty text; it must match at least one character"
        compiled.search("a" * 2000 + "!", timeout=_TIMEOUT_S * 5)
    except TimeoutError:
        return "the pattern is too slow on long text; simplify it"
    return None


@lru_cache(maxsize=256)
def _checked(pattern: str) -> str | None:
    # Settings hold a handful of patterns used on every note: validate each once per process.
    return validate_pattern(pattern)


@lru_cache(maxsize=256)
def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.IGNORECASE | regex.V0)


def find(doc: Doc) -> list[Candidate]:
    """Matches of the workspace's valid custom patterns; invalid or slow ones are skipped, never raised."""
    out = []
    for pattern in doc.extra_patterns:
        if _checked(pattern) is not None:
            continue
        try:
            for m in _compile(pattern).finditer(doc.text, timeout=_TIMEOUT_S):
                if m.end() > m.start():
                    out.append(Candidate(m.start(), m.end(), KIND))
        except (TimeoutError, regex.error):
            continue
    return out

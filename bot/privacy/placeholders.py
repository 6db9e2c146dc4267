"""Typed placeholders: how they are written, and how to recognise one already in a text.

Placeholders in the input are left exactly as they are, which is what makes ``scrub`` idempotent.
"""

from __future__ import annotations

import re

# Kinds get placeholders named after them in upper case: "national_id" -> "[NATIONAL_ID]".
PLACEHOLDER_RE = re.compile(r"\[(?:[A-Z][A-Z_]{1,19})(?:-\d{1,3})?\]")


def placeholder(kind: str, number: int | None = None) -> str:
    """The placeholder for ``kind``; ``number`` tells repeated people apart: ``[NAME-2]``."""
    tag = kind.upper()
    return f"[{tag}-{number}]" if number is not None else f"[{tag}]"

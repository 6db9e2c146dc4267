"""IP addresses (v4 and v6), validated by the standard library."""

from __future__ import annotations

import ipaddress
import re

from bot.privacy.recognizers.base import Candidate, Doc

KIND = "ip"

# Opening on the digit with the look-behind read after it lets the engine skip to digits.
_V4 = re.compile(r"\d(?<![\w.]\d)\d{0,2}(?:\.\d{1,3}){3}(?![\w]|\.\d)")
# What every match of _V4 is in a note's shape (Doc._shape).
_V4_SHAPE = re.compile(rb"0\.0{1,3}\.0{1,3}\.0")
_V6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_VERSION = re.compile(r"(?:\bv|version|firmware|build)\s{0,2}$", re.IGNORECASE)


def find(doc: Doc) -> list[Candidate]:
    """Valid IPv4 addresses (not software versions) and IPv6 addresses with at least one hex group."""
    text = doc.text
    out = []
    # d.d.d.d: four joined digits, three dots between them.
    if doc.digits >= 4 and doc.longest_number >= 4 and "." in text and doc.may_hold(_V4_SHAPE):
        for m in _V4.finditer(text):
            if _VERSION.search(text, max(0, m.start() - 12), m.start()):
                continue
            try:
                ipaddress.IPv4Address(m.group())
            except ValueError:
                continue
            out.append(Candidate(m.start(), m.end(), KIND))
    if text.count(":") >= 2:
        for m in _V6.finditer(text):
            if m.group().count(":") < 2 or not any(c.isalnum() for c in m.group()):
                continue
            try:
                ipaddress.IPv6Address(m.group())
            except ValueError:
                continue
            out.append(Candidate(m.start(), m.end(), KIND))
    return out

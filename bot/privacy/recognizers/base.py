"""What every recognizer reads and returns."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import methodcaller
from typing import Any, Generic, NamedTuple, TypeVar

_T = TypeVar("_T")


class _once(Generic[_T]):
    """``functools.cached_property`` without its per-access lock (3.11 takes one on every first read):
    the value is computed on first read and then stored on the instance, which shadows this descriptor."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj: object, cls: type | None = None) -> _T:
        if obj is None:
            raise AttributeError(self.name)
        value = self.func(obj)
        obj.__dict__[self.name] = value
        return value

_NON_DIGIT = re.compile(r"\D+")
_DIGIT = re.compile(r"\d")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Digits joined by at most a closing bracket, one of `` .-/`` and an opening bracket: every phone number,
# card number, national ID, IP address, sort code and long account number is one of these runs or
# inside one (their patterns put nothing else between digits).
_NUMBER = re.compile(r"\d(?:\)?+[ .\-/]?+\(?+\d)*+")
# The same on the note's shape (see Doc._shape: every digit made "0"): the pattern opens on a literal,
# which the engine finds far faster than a class. (The quantifiers are possessive: a joiner given back
# could only be read as the next one, which no joiner is, so the engine need keep no places to return to.)
_NUMBER_SHAPE = re.compile(rb"0(?:\)?+[ .\-/]?+\(?+0)*+")
_ZERO_COUNT = methodcaller("count", b"0")
_SHAPE = bytes(48 if 48 <= c <= 57 else 97 if chr(c).isascii() and chr(c).isalpha() else c if c in b" .-/()" else 120
               for c in range(256))


def caseless(text: str, lower: str) -> bool:
    """True when a pattern that ignores case may read ``lower`` (``text.lower()``) instead of ``text``:
    same length, same positions, and no character whose case rules reach across into ASCII letters."""
    # The only characters whose lowercase is longer than one character or an ASCII letter, or that match
    # an ASCII letter when case is ignored: dotted and dotless i, long s, the Kelvin sign. Four substring
    # tests are far cheaper than hashing every character of the note into a set.
    return text.isascii() or (len(lower) == len(text) and "\u0130" not in text and "\u0131" not in text
                              and "\u017f" not in text and "\u212a" not in text)


def caseless_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (compiled with IGNORECASE) as a case-sensitive pattern for lowercased text.

    Every letter outside an escape is lowercased (``[A-Z]`` becomes ``[a-z]``; ``\\D``, ``\\W`` and
    ``\\S`` stay as they are). On text for which :attr:`Doc.caseless` holds, it matches at exactly
    the places ``pattern`` matches the original text, and the engine does about half the work.
    """
    src = pattern.pattern
    out = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch == "\\":
            out.append(src[i:i + 2])
            i += 2
            continue
        out.append(ch.lower() if ch.isascii() else ch)
        i += 1
    return re.compile("".join(out), pattern.flags & ~re.IGNORECASE)


class Candidate(NamedTuple):
    """A span on the decoded text that a recognizer believes is personal data of ``kind``."""

    start: int
    end: int
    kind: str


@dataclass
class Doc:
    """The decoded note as the recognizers see it; derived views are computed once and shared.

    The cheap views (``lower``, ``digits``) let each recognizer skip a note that cannot hold its kind
    before running any pattern: most notes have no phone-length digit run, no ``@``, no date.
    """

    text: str
    region: str | None = None
    extra_patterns: tuple[str, ...] = ()
    found: list[Candidate] = field(default_factory=list)
    # True when reading an already scrubbed text again: context only changed around placeholders.
    reread: bool = False
    # The note's words (name.Tokens), split once by name.words for every recognizer that reads words and
    # left for the scrubber's check of its result (name.quiet_after); None until one has asked.
    tokens: Any = None

    @_once
    def lower(self) -> str:
        return self.text.lower()

    @_once
    def caseless(self) -> bool:
        """True when a pattern that ignores case may read ``lower`` instead of ``text`` (see caseless)."""
        return caseless(self.text, self.lower)

    def folded(self, pattern: re.Pattern[str], twin: re.Pattern[str]) -> tuple[re.Pattern[str], str]:
        """The pattern and text to scan: ``twin`` on ``lower`` when that is the same, else the original.

        Matches give positions on ``text``; read what they cover from ``text``, not from the match.
        """
        return (twin, self.lower) if self.caseless else (pattern, self.text)

    @_once
    def _shape(self) -> bytes | None:
        """The note as one byte per character: digits as "0", ASCII letters as "a", `` .-/()`` as they are
        and anything else as "x"; None for a note with a digit outside ASCII (``\\d`` reads digits of every
        script)."""
        if self.text.isascii():
            return self.text.encode().translate(_SHAPE)
        if any(ch.isdecimal() for ch in set(_NON_ASCII.findall(self.text))):
            return None
        # "£", emoji, accented letters: each becomes one "?", then "x".
        return self.text.encode("ascii", "replace").translate(_SHAPE)

    def may_hold(self, shape: bytes | re.Pattern[bytes]) -> bool:
        """False when the note does not hold ``shape``, a run of characters written as in ``_shape``
        (b"aa00": two ASCII letters, then two digits) or a pattern over it; True when it may."""
        own = self._shape
        if own is None:
            return True
        return shape in own if isinstance(shape, bytes) else shape.search(own) is not None

    @_once
    def digits(self) -> int:
        """How many digits the note holds (any script: ``\\d`` is what the patterns read)."""
        if self._shape is not None:
            return self._shape.count(b"0")  # only 0-9 are digits there
        return len(_NON_DIGIT.sub("", self.text))

    @property
    def has_digits(self) -> bool:
        return self.digits > 0

    @_once
    def first_digit(self) -> int:
        """Where the note's first digit is (-1 when it has none)."""
        if self._shape is not None:
            return self._shape.find(b"0")
        m = _DIGIT.search(self.text)
        return m.start() if m else -1

    @_once
    def last_digit(self) -> int:
        """Where the note's last digit is (-1 when it has none)."""
        if self._shape is not None:
            return self._shape.rfind(b"0")
        found = _DIGIT.findall(self.text)
        return self.text.rfind(found[-1]) if found else -1  # no later digit is that character

    @_once
    def longest_number(self) -> int:
        """The most digits in one run of joined digits (see ``_NUMBER``): no number in the note has more
        digits, so a recognizer needing more has nothing to find."""
        if not self.digits:
            return 0
        if self._shape is not None:
            return max(map(_ZERO_COUNT, _NUMBER_SHAPE.findall(self._shape)))
        return max(len(_NON_DIGIT.sub("", run)) for run in _NUMBER.findall(self.text))

"""Word lists the recognizers read: the name gazetteer, and brands and places that must survive.

Loaded once, lazily, from ``bot/privacy/data`` (see ``build.py`` for where the names come from).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data"


def _lines(name: str) -> list[str]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """Lowercase name -> flags: ``f`` first name, ``e`` widely used first name, ``l`` surname,
    ``w`` also an ordinary English word, ``c`` a very common English word."""
    out: dict[str, str] = {}
    for line in _lines("names.tsv"):
        key, _, flags = line.partition("\t")
        out[key] = flags
    return out


@lru_cache(maxsize=1)
def brands() -> tuple[str, ...]:
    """Lowercase brand and product names that contain a person's name ("mr kipling")."""
    return tuple(_lines("brands.txt"))


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Lowercase place names that are also given names or surnames ("florence", "chester")."""
    return frozenset(_lines("places.txt"))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The most frequent English words (lowercase), names among them."""
    return frozenset(common_rank())


@lru_cache(maxsize=1)
def common_rank() -> dict[str, int]:
    """Each frequent English word's rank, 1 for the most frequent ("the")."""
    out: dict[str, int] = {}
    for i, word in enumerate(_lines("common_words.txt"), 1):
        out.setdefault(word, i)
    return out

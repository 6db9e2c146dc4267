"""Words from a note, the same way everywhere in the digest: lower case, light stemming, typo repair."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

_WORD = re.compile(r"[a-z][a-z']*")
_PLACEHOLDER = re.compile(r"\[[A-Z]+(?:-\d+)?\]")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _PLACEHOLDER.sub(" ", text).lower().replace("-", " ").replace("’", "'")


def stem(word: str) -> str:
    """A light suffix stripper: enough to make "queues", "queuing" and "queued" one word."""
    word = word.removesuffix("'s").strip("'")
    if len(word) <= 3:
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
                continue
            base = word[: len(word) - len(suffix)] + keep
            if suffix in ("ing", "ed") and len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # stopped -> stop, shopping -> shop
            return _drop_e(base)
    return _drop_e(word)


def _drop_e(word: str) -> str:
    # queue/queued/queuing and price/priced/pricing meet at "queu" and "pric".
    return word[:-1] if len(word) >= 4 and word.endswith("e") else word


def raw_words(text: str) -> list[str]:
    return [w.strip("'") for w in _WORD.findall(normalise(text))]


def words(text: str) -> list[str]:
    return [stem(w) for w in raw_words(text)]


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class TypoFixer:
    """Symmetric-delete spelling repair against a known vocabulary: a word one edit (or one swap of
    neighbours) away from exactly one known word becomes that word. With ``counts``, a word that is itself
    known but rare is still repaired towards a neighbour used ``RATIO`` times as often: in a large period the
    same slip ("refll") recurs often enough to look like a word of its own."""

    RATIO = 10

    def __init__(self, vocabulary: Iterable[str], *, min_length: int = 4, counts: Mapping[str, int] | None = None
                 ) -> None:
        self.known = set(vocabulary)
        self.min_length = min_length
        self.counts = counts or {}
        self._index: dict[str, set[str]] = {}
        for word in self.known:
            if len(word) >= min_length:
                for key in deletions(word) | {word}:
                    self._index.setdefault(key, set()).add(word)
        self._cache: dict[str, str] = {}

    def fix(self, word: str) -> str:
        if len(word) < self.min_length:
            return word
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        found: set[str] = set()
        for key in deletions(word) | {word}:
            found |= self._index.get(key, set())
        found.discard(word)
        if word in self.known:
            # Known: only a far commoner neighbour (in the lexicon's words, or by count) replaces it.
            own = self.counts.get(word, 0)
            found = {w for w in found if own and self.counts.get(w, 0) >= self.RATIO * own}
        result = next(iter(found)) if len(found) == 1 else word
        self._cache[word] = result
        return result

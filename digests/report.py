"""``build_report``: from scrubbed notes to what a digest says. Pure: no database, no Slack, no clock.

A theme is shown only when at least 3 notes from at least 2 staff support it, not all about one linked
customer (and, in a busy period, at least 1.5% of its notes), so no single note or customer can be traced;
everything else is counted as "other". Quotes never come from a note flagged sensitive, and each is scrubbed
again before it is kept.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from bot.privacy import scrub
from digests.model import Mood, Report, Theme
from digests.period import Period
from digests.sentiment import score
from digests.text import words
from digests.themes import GENERIC_STEMS, group

MIN_NOTES = 3
MIN_STAFF = 2
MIN_SUBJECTS = 2
MIN_SHARE = 0.015
MIN_SHARE_DATA_DRIVEN = 0.04
MAX_THEMES = 12
QUOTE_CHARS = 220
QUOTE_OVERLAP = 0.5  # quotes sharing this much of what they add to the theme's words say the same thing
RISING, FALLING = 1.5, 1 / 1.5


def build_report(notes: Sequence[Any], *, period: Period, previous: Sequence[Any] | None = None,
                 nominations: Iterable[Any] = ()) -> Report:
    """The digest of ``notes`` (those of ``period``), compared with ``previous`` (the period before).

    Notes are any objects with ``id``, ``text`` (scrubbed) and ``created_at``; ``author``, ``sensitive``,
    ``kind``, ``sentiment``, ``causes`` and ``customers`` are read when present.
    """
    previous = list(previous or ())
    current = list(notes)
    grouping = group([(n.id, n.text) for n in current + previous])
    now_ids = {n.id for n in current}
    by_theme: dict[str, list[Any]] = defaultdict(list)
    before_theme: dict[str, list[Any]] = defaultdict(list)
    for note in current + previous:
        key = grouping.theme_of.get(note.id)
        if key is not None:
            (by_theme if note.id in now_ids else before_theme)[key].append(note)

    def qualifies(key: str, members: Sequence[Any], total: int) -> bool:
        share = MIN_SHARE_DATA_DRIVEN if key in grouping.data_driven else MIN_SHARE
        return _supported(members, max(MIN_NOTES, math.ceil(share * total)))

    themes: list[Theme] = []
    for key, members in by_theme.items():
        if not qualifies(key, members, len(current)):
            continue
        earlier = before_theme.get(key, [])
        was_theme = qualifies(key, earlier, len(previous))
        trend = _trend(len(members), len(current), len(earlier), len(previous), was_theme)
        quotes = _quotes(members, grouping.cues.get(key, frozenset()), grouping.tokens, grouping.typos)
        themes.append(Theme(label=grouping.labels[key], note_ids=tuple(sorted(n.id for n in members)),
                            quotes=tuple(q for _, q in quotes), quote_ids=tuple(i for i, _ in quotes),
                            count=len(members), staff_count=_staff(members), trend=trend,
                            previous_count=len(earlier), key=key,
                            previous_ids=tuple(sorted(n.id for n in earlier))))
    themes.sort(key=lambda t: (-t.count, t.label))
    themes = themes[:MAX_THEMES]
    shown_keys = {t.key for t in themes}
    gone = [Theme(label=grouping.labels[key], note_ids=(), quotes=(), count=len(by_theme.get(key, [])),
                  staff_count=0, trend="gone", previous_count=len(earlier), key=key,
                  previous_ids=tuple(sorted(n.id for n in earlier)))
            for key, earlier in before_theme.items()
            if key not in shown_keys and qualifies(key, earlier, len(previous))
            and not qualifies(key, by_theme.get(key, []), len(current))]
    gone.sort(key=lambda t: (-t.previous_count, t.label))

    in_themes = sum(t.count for t in themes)
    return Report(
        period=period, themes=themes, gone=gone, other_count=len(current) - in_themes,
        note_count=len(current), staff_count=_staff(current),
        mood=Mood(average=_mood(current), previous_average=_mood(previous), notes=len(current),
                  previous_notes=len(previous)),
        empathy=dict(Counter(getattr(n, "kind", None) or "other" for n in current)),
        causes=dict(Counter(c for n in current for c in (getattr(n, "causes", None) or ()))),
        nominations=dict(Counter(nom.cause for nom in nominations if getattr(nom, "status", "") == "approved")),
        sensitive=dict(Counter(c for n in current for c in (getattr(n, "sensitive", None) or ()))),
        previous_note_count=len(previous),
        sensitive_ids=frozenset(n.id for n in current + previous if getattr(n, "sensitive", None)),
    )


def _supported(members: Sequence[Any], minimum: int) -> bool:
    return len(members) >= minimum and _staff(members) >= MIN_STAFF and _subjects(members) >= MIN_SUBJECTS


def _subjects(notes: Sequence[Any]) -> int:
    """Customers a theme is about: the linked customers, and each note without a link as someone else.
    A theme whose every note is about one customer would point at that customer, however many staff wrote."""
    linked: set[Any] = set()
    unlinked = 0
    for note in notes:
        customers = tuple(getattr(note, "customers", None) or ())
        linked.update(customers)
        unlinked += not customers
    return len(linked) + unlinked


def _staff(notes: Iterable[Any]) -> int:
    authors = {getattr(n, "author", None) for n in notes}
    # A note without an author (an import, a test) counts as its own person rather than as no one.
    return len(authors - {None}) + sum(1 for n in notes if getattr(n, "author", None) is None)


def _trend(count: int, total: int, before: int, total_before: int, was_theme: bool) -> str:
    if not was_theme or total_before == 0:
        return "new"
    # Shares, not counts: a busier week is not a rising theme.
    now_share, then_share = count / max(total, 1), before / total_before
    if now_share >= RISING * then_share and count - before >= 2:
        return "rising"
    if now_share <= FALLING * then_share and before - count >= 2:
        return "falling"
    return "steady"


def _mood(notes: Sequence[Any]) -> float | None:
    values = [n.sentiment if getattr(n, "sentiment", None) is not None else score(n.text) for n in notes]
    return round(sum(values) / len(values), 3) if values else None


def _quotes(members: Sequence[Any], cues: frozenset[str], tokens: dict[int, list[str]], typos: dict[int, int]
            ) -> list[tuple[int, str]]:
    """Up to three notes that say the theme plainly and differ from each other; never a sensitive note."""
    ranked = []
    for note in members:
        if getattr(note, "sensitive", None):
            continue
        said = tokens.get(note.id) or words(note.text)
        hits = sum(1 for t in said if t in cues)
        placeholders = note.text.count("[")
        # Compared on what they add to the theme's own words, typos repaired: "only 1 checkout staffed, the
        # line was out the door" and "only 1 checkout satffed tonight, line out the door" are one quote.
        extra = {t for t in said if len(t) >= 3 and t not in GENERIC_STEMS} - cues
        fixed = typos.get(note.id, 0)
        ranked.append((-(hits * 2 - placeholders - fixed - abs(len(note.text) - 90) / 60), note.id, note, extra))
    ranked.sort(key=lambda r: (r[0], r[1]))
    chosen: list[tuple[int, str]] = []
    seen: list[set[str]] = []
    for _rank, note_id, note, extra in ranked:
        if len(chosen) == 3:
            break
        if any(_overlap(extra, other) >= QUOTE_OVERLAP for other in seen):
            continue
        text = " ".join(note.text.split())
        if len(text) > QUOTE_CHARS:
            text = text[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"
        checked = scrub(text)
        if checked.findings or checked.sensitive:
            continue  # fail closed: anything the filter still finds is not quoted
        chosen.append((note_id, text))
        seen.append(extra)
    return chosen


def _overlap(a: set[str], b: set[str]) -> float:
    """How much of the shorter set the other shares; 1.0 when they are equal or differ in one word of three."""
    if a == b or (len(a ^ b) <= 1 and len(a | b) >= 3):
        return 1.0
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0

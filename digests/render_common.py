"""What every rendering of a report shares: wording of trends and mood, and the last privacy check."""

from __future__ import annotations

from bot.privacy import scrub
from digests.model import Mood, Report, Theme

TREND_WORDS = {"new": ":new: new", "rising": ":arrow_upper_right: rising", "falling": ":arrow_lower_right: falling",
               "steady": ":left_right_arrow: steady", "gone": ":white_check_mark: gone"}
TREND_PLAIN = {"new": "new", "rising": "rising", "falling": "falling", "steady": "steady", "gone": "gone"}
EMPATHY_ORDER = ("says", "thinks", "does", "feels", "pain", "gain", "other")


def safe_quotes(report: Report, theme: Theme) -> list[str]:
    """The theme's quotes that pass the check again now: not from a sensitive note, and nothing the filter
    finds. Fail closed: a quote whose note is unknown is kept only when the filter finds nothing in it."""
    out = []
    ids = theme.quote_ids or (None,) * len(theme.quotes)
    for note_id, text in zip(ids, theme.quotes, strict=False):
        if note_id is not None and note_id in report.sensitive_ids:
            continue
        checked = scrub(text)
        if checked.findings or checked.sensitive:
            continue
        out.append(text)
    return out


def count(n: int, word: str = "note") -> str:
    """``1 note``, ``3 notes``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def mood_line(mood: Mood) -> str:
    if mood.average is None:
        return "No notes, so no mood this period."
    feel = "positive" if mood.average >= 0.05 else "negative" if mood.average <= -0.05 else "neutral"
    line = f"{mood.average:+.2f} ({feel}) from {count(mood.notes)}"
    change = mood.change
    if change is not None:
        direction = "better than" if change > 0.02 else "worse than" if change < -0.02 else "about the same as"
        line += f"; {direction} the period before ({change:+.2f}, {count(mood.previous_notes)})"
    return line


def theme_line(theme: Theme) -> str:
    was = f", was {theme.previous_count}" if theme.trend != "new" else ""
    return f"{theme.count} notes from {theme.staff_count} staff, {TREND_PLAIN[theme.trend]}{was}"


def counts_line(counts: dict[str, int], order: tuple[str, ...] = ()) -> str:
    keys = [k for k in order if k in counts] + sorted(k for k in counts if k not in order)
    return ", ".join(f"{k} {counts[k]}" for k in keys if counts[k])

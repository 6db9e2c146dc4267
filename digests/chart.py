"""The digest's picture: themes by size beside the period before, and the mood over the last weeks.

Drawn with matplotlib's Agg backend (no display, thread-safe through the object API, no pyplot state).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from digests.model import Report

MAX_BARS = 10


def chart_png(report: Report, mood_history: Sequence[tuple[datetime, float | None]]) -> bytes:
    figure = Figure(figsize=(10, 4.2), dpi=100)
    FigureCanvasAgg(figure)
    themes_ax, mood_ax = figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})

    themes = list(reversed(report.themes[:MAX_BARS]))
    labels = [_short(t.label) for t in themes]
    positions = range(len(themes))
    themes_ax.barh([p + 0.2 for p in positions], [t.previous_count for t in themes], height=0.4,
                   color="#b8c4d6", label="period before")
    themes_ax.barh([p - 0.2 for p in positions], [t.count for t in themes], height=0.4, color="#2c4a6e",
                   label="this period")
    themes_ax.set_yticks(list(positions), labels=labels, fontsize=8)
    themes_ax.set_xlabel("notes")
    themes_ax.set_title("Themes", fontsize=10)
    if themes:
        themes_ax.legend(fontsize=7, loc="lower right")
    else:
        themes_ax.text(0.5, 0.5, "no themes this period", ha="center", va="center", transform=themes_ax.transAxes)

    points = [(when, value) for when, value in mood_history if value is not None]
    if points:
        mood_ax.plot([w for w, _ in points], [v for _, v in points], marker="o", color="#2c4a6e")
    mood_ax.axhline(0, color="#999999", linewidth=0.8)
    mood_ax.set_ylim(-1, 1)
    mood_ax.set_title("Mood by week", fontsize=10)
    mood_ax.tick_params(axis="x", labelsize=7, rotation=30)
    if not points:
        mood_ax.text(0.5, 0.5, "no mood data yet", ha="center", va="center", transform=mood_ax.transAxes)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def chart_alt_text(report: Report, mood_history: Sequence[tuple[datetime, float | None]]) -> str:
    """What the chart shows, for people who cannot see it."""
    parts = [f"Bar chart of the {min(len(report.themes), MAX_BARS)} largest themes, this period against the one "
             "before: " + "; ".join(f"{t.label} {t.count} (was {t.previous_count})" for t in report.themes[:MAX_BARS])
             if report.themes else "No themes this period."]
    values = [(w, v) for w, v in mood_history if v is not None]
    if values:
        parts.append(f"Line chart of mood over {len(mood_history)} weeks, from {values[0][1]:+.2f} "
                     f"to {values[-1][1]:+.2f} (scale -1 to +1).")
    return " ".join(parts)[:1000]


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"

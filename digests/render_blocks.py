"""A report as a Slack message: within 50 blocks, 3,000 characters a section and 12,000 in all."""

from __future__ import annotations

import json
from typing import Any

from digests.model import Report
from digests.render_common import EMPATHY_ORDER, TREND_WORDS, count, counts_line, mood_line, safe_quotes

MAX_BLOCKS = 48
MAX_CHARS = 11_000
SECTION = 2_900


def blocks(report: Report, *, chart_note: str | None = None) -> list[dict[str, Any]]:
    """Block Kit for ``report``. Quotes are checked again here and dropped when anything is found; when
    the message would be too long, the least important quotes go first, then the smallest themes."""
    quotes = {i: safe_quotes(report, t) for i, t in enumerate(report.themes)}
    shown = len(report.themes)
    while True:
        out = _build(report, quotes, shown, chart_note)
        if len(out) <= MAX_BLOCKS and len(json.dumps(out)) <= MAX_CHARS:
            return out
        longest = max(quotes, key=lambda i: (len(quotes[i]), i), default=None)
        if longest is not None and quotes[longest]:
            quotes[longest] = quotes[longest][:-1]
        elif shown > 1:
            shown -= 1
        else:
            return out[:MAX_BLOCKS]


def _build(report: Report, quotes: dict[int, list[str]], shown: int, chart_note: str | None
           ) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"Customer digest, {report.period.label}"[:150]}},
        _context(f"{count(report.note_count)} from {report.staff_count} staff "
                 f"(the period before: {count(report.previous_note_count)})"),
    ]
    if report.summary:
        out.append(_section(_escape(report.summary)))
    out.append(_context(report.summary_note))
    out.append(_section(f"*Mood* {mood_line(report.mood)}"))
    empathy = counts_line(report.empathy, EMPATHY_ORDER)
    if empathy:
        out.append(_context(f"Empathy map: {empathy}"))
    out.append({"type": "divider"})
    if report.themes:
        out.append(_section(f"*Themes* (each from at least 3 notes and 2 staff; {count(report.other_count)} "
                            f"{'fits' if report.other_count == 1 else 'fit'} no theme, counted as other)"))
    else:
        out.append(_section(f"*Themes*: none this period; {count(report.other_count)}, too few on any one topic "
                            "to show without pointing at someone."))
    for i, theme in enumerate(report.themes[:shown]):
        lines = [f"*{i + 1}. {_escape(theme.label)}*  {TREND_WORDS[theme.trend]}",
                 f"{theme.count} notes from {theme.staff_count} staff"
                 + (f" (the period before: {theme.previous_count})" if theme.trend != "new" else "")]
        lines += [f"> {_escape(q)}" for q in quotes.get(i, [])]
        out.append(_section("\n".join(lines)))
    if shown < len(report.themes):
        out.append(_context(f"{len(report.themes) - shown} smaller themes are in the Markdown export."))
    if report.gone:
        gone = ", ".join(f"{_escape(t.label)} (was {t.previous_count})" for t in report.gone[:10])
        out.append(_context(f":white_check_mark: No longer raised: {gone}"))
    if report.causes or report.nominations:
        out.append({"type": "divider"})
        text = "*Causes and recognition*"
        if report.causes:
            text += "\nNotes per cause: " + ", ".join(f"#{_escape(k)} {v}" for k, v in sorted(report.causes.items()))
        if report.nominations:
            text += "\nApproved nominations: " + ", ".join(
                f"#{_escape(k)} {v}" for k, v in sorted(report.nominations.items()))
        out.append(_section(text))
    if report.sensitive:
        out.append(_context(":lock: Sensitive topics, counted and never quoted: "
                            + counts_line(report.sensitive)))
    if chart_note:
        out.append(_context(chart_note))
    return out


def _section(text: str) -> dict[str, Any]:
    if len(text) > SECTION:
        text = text[: SECTION - 1] + "…"
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:2000]}]}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

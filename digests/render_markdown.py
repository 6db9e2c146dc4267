"""A report as Markdown: the whole digest, every theme, for the archive and the file in Slack."""

from __future__ import annotations

from digests.model import Report
from digests.render_common import EMPATHY_ORDER, count, counts_line, mood_line, safe_quotes, theme_line


def markdown(report: Report) -> str:
    lines = [f"# Customer digest, {report.period.label}", "",
             f"{count(report.note_count)} from {report.staff_count} staff "
             f"(the period before: {count(report.previous_note_count)}).", ""]
    if report.summary:
        lines += ["## Summary", "", report.summary, ""]
    lines += [f"_{report.summary_note}_", "", "## Mood", "", mood_line(report.mood), ""]
    empathy = counts_line(report.empathy, EMPATHY_ORDER)
    if empathy:
        lines += [f"Empathy map: {empathy}.", ""]
    lines += ["## Themes", ""]
    if not report.themes:
        lines += ["No theme had at least 3 notes from at least 2 staff.", ""]
    for i, theme in enumerate(report.themes, 1):
        lines += [f"### {i}. {theme.label}", "", f"{theme_line(theme)}.", ""]
        lines += [f"> {quote}" for quote in safe_quotes(report, theme)]
        lines.append("")
    lines += [f"Other: {count(report.other_count)} {'fits' if report.other_count == 1 else 'fit'} no theme.", ""]
    if report.gone:
        lines += ["No longer raised: " + ", ".join(f"{t.label} (was {t.previous_count})" for t in report.gone) + ".",
                  ""]
    if report.causes or report.nominations:
        lines += ["## Causes and recognition", ""]
        lines += [f"- #{k}: {v} notes" for k, v in sorted(report.causes.items())]
        lines += [f"- #{k}: {v} approved nominations" for k, v in sorted(report.nominations.items())]
        lines.append("")
    if report.sensitive:
        lines += ["## Sensitive topics", "", f"Counted, never quoted: {counts_line(report.sensitive)}.", ""]
    return "\n".join(lines).rstrip() + "\n"

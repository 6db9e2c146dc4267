"""Renderings of a report: Slack's limits, the last privacy check, Markdown completeness, the chart."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

from bot.emulator.slack_api import blocks_within_limits
from digests import Theme, build_report
from digests.chart import chart_alt_text, chart_png
from digests.render_blocks import blocks
from digests.render_markdown import markdown
from tests.digests.notes import WEEK, notes

QUEUE = ["queue at the tills was 20 mins at lunch", "customer waited ages to pay, only one till open",
         "long line at checkout again, people walked out"]


def _huge_report():  # type: ignore[no-untyped-def]
    report = build_report(notes(QUEUE), period=WEEK)
    long_quote = "the queue " + "went on and on " * 14
    themes = [Theme(label=f"Theme number {i} " + "x" * 40, note_ids=tuple(range(i * 10, i * 10 + 9)),
                    quotes=(long_quote, long_quote + "a", long_quote + "b"), count=9, staff_count=3, trend="rising",
                    previous_count=4, key=f"k{i}") for i in range(40)]
    return replace(report, themes=themes, summary="s" * 2900, causes={f"cause-{i}": i for i in range(30)},
                   sensitive={"health": 2, "financial": 1})


def test_a_huge_report_stays_within_slack_limits() -> None:
    out = blocks(_huge_report(), chart_note="chart below")

    assert len(out) <= 50
    assert len(json.dumps(out)) <= 12_000
    assert blocks_within_limits(out)
    assert "smaller themes are in the Markdown export" in json.dumps(out)


def test_markdown_holds_every_theme_even_when_slack_cannot() -> None:
    text = markdown(_huge_report())

    assert all(f"Theme number {i} " in text for i in range(40))
    assert "Counted, never quoted: financial 1, health 2" in text


def test_a_quote_that_now_fails_the_filter_is_dropped_at_render_time() -> None:
    report = build_report(notes(QUEUE), period=WEEK)
    leaked = replace(report.themes[0], quotes=("call her on 07700 900123 about the queue", *report.themes[0].quotes))
    flagged = replace(report, themes=[replace(leaked, quote_ids=(999, *leaked.quote_ids))],
                      sensitive_ids=frozenset({report.themes[0].quote_ids[0]}))

    shown = json.dumps(blocks(flagged)) + markdown(flagged)

    assert "07700" not in shown
    assert report.themes[0].quotes[0] not in shown  # its note is sensitive now
    assert report.themes[0].quotes[1] in shown


def test_slack_text_is_escaped() -> None:
    report = build_report(notes(["queue <!channel> & more, 20 mins"] * 3, authors=2), period=WEEK)

    out = json.dumps(blocks(report))

    assert "<!channel>" not in out and "&lt;!channel&gt; &amp; more" in out


def test_chart_is_a_png_with_alt_text() -> None:
    report = build_report(notes(QUEUE), period=WEEK, previous=notes(QUEUE[:1], start=50))
    history = [(WEEK.start - timedelta(weeks=8 - i), (i - 4) / 10 if i != 3 else None) for i in range(8)]

    png = chart_png(report, history)
    alt = chart_alt_text(report, history)

    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000
    assert "Queues and waiting 3 (was 1)" in alt and "mood over 8 weeks" in alt


def test_an_empty_report_renders() -> None:
    report = build_report([], period=WEEK)

    assert "none this period" in json.dumps(blocks(report))
    assert chart_png(report, []).startswith(b"\x89PNG")


def test_markdown_is_the_whole_digest() -> None:
    class Nom:
        cause, status = "food-bank", "approved"

    current = notes(QUEUE, kind="pain", causes=("food-bank",)) + notes(["asked about the weather"], start=9)
    report = build_report(current, period=WEEK, previous=notes(["car park full again", "no parking spaces",
                                                                "parking fine again"], start=50),
                          nominations=[Nom()])
    report = replace(report, summary="Queues were the story.", summary_note="Summary written by test-model.",
                     sensitive={"health": 1})

    text = markdown(report)

    for part in ("# Customer digest, 16-22 Nov 2026", "4 notes from 3 staff (the period before: 3 notes)",
                 "## Summary", "Queues were the story.", "_Summary written by test-model._", "## Mood",
                 "from 4 notes", "Empathy map: pain 3, other 1.", "### 1. Queues and waiting",
                 "3 notes from 3 staff, new.", "> queue at the tills was 20 mins at lunch",
                 "Other: 1 note fits no theme.", "No longer raised: Parking (was 3).",
                 "- #food-bank: 3 notes", "- #food-bank: 1 approved nominations", "Counted, never quoted: health 1."):
        assert part in text, part

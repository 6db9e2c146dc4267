"""``frontline bench digests``: it measures what it says and fails when a target is missed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.bench import digests as bench
from bot.bench.digest_corpus import make_weeks
from digests import build_report


def test_the_benchmark_passes_and_prints_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--skip-large", "--spread", "0", "--seed", "41"]) == 0

    out = capsys.readouterr().out
    for figure in ("theme recall", "precision", "sensitive quotes 0", "new/gone/rising/falling calls 4/4",
                   "VADER alone", "time for 1,500 notes", "peak memory", "targets: met"):
        assert figure in out


def test_a_missed_target_exits_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(bench.TARGETS, "precision", 1.01)

    assert bench.main(["--skip-large", "--spread", "0", "--seed", "41"]) == 1
    assert "targets: NOT met" in capsys.readouterr().out


def test_quality_scores_a_wrong_report_as_wrong() -> None:
    before, current = make_weeks(scale=0.5, seed=43)
    report = build_report(current, period=bench.PERIOD, previous=before)
    merged = replace(report.themes[0], note_ids=tuple(sorted(n.id for n in current)))  # one theme of everything
    wrong = replace(report, themes=[merged], gone=[])

    right_q, wrong_q = bench.quality(report, current, before), bench.quality(wrong, current, before)

    assert right_q.recall == 1.0 and wrong_q.recall < 0.2
    assert wrong_q.changes_right < wrong_q.changes_total  # the gone theme is no longer called


def test_a_sensitive_quote_is_counted() -> None:
    before, current = make_weeks(scale=0.5, seed=43)
    report = build_report(current, period=bench.PERIOD, previous=before)
    flagged = next(n for n in current if n.sensitive)
    leaked = replace(report.themes[0], quotes=(flagged.text,), quote_ids=(flagged.id,))

    assert bench.quality(replace(report, themes=[leaked]), current, before).sensitive_quotes >= 1

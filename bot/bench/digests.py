"""``frontline bench digests``: theme recall and precision, F1 per planted theme, trend calls, sensitive
quotes, mood accuracy, and time and peak memory for 1,500 and 50,000 notes a week.

A planted theme is found when some reported theme matches its notes with F1 >= 0.5; a reported theme is
real when it matches a planted theme that way. The headline figures use the corpus's held-out phrasings
on a seed other than the development seed (7); the development phrasings are shown beside them. Exits 1
when a target is missed.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from statistics import correlation

from bot.bench.digest_corpus import PHRASINGS, SENTIMENT_HELDOUT, SENTIMENT_LABELLED, THEMES, CorpusNote, make_weeks
from digests import Period, Report, build_report
from digests.render_blocks import blocks
from digests.render_markdown import markdown
from digests.sentiment import score

TARGETS = {"recall": 0.85, "precision": 0.80, "seconds_1500": 5.0, "seconds_50000": 60.0, "rss_mb": 1024}
PERIOD = Period(datetime(2026, 11, 16, tzinfo=timezone.utc), datetime(2026, 11, 23, tzinfo=timezone.utc))


@dataclass
class Quality:
    recall: float
    precision: float
    trends_right: int
    trends_total: int
    changes_right: int  # the calls on planted changes: new, gone, rising, falling
    changes_total: int
    sensitive_quotes: int
    rows: list[tuple[str, int, str, float, str, str]]  # planted, notes, best theme, F1, trend, expected


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="frontline bench digests")
    parser.add_argument("--seed", type=int, default=2026, help="corpus seed (development used 7)")
    parser.add_argument("--phrasing", choices=PHRASINGS, default="heldout",
                        help="which phrasings the planted notes use (headline: heldout)")
    parser.add_argument("--skip-large", action="store_true", help="skip the 50,000-note run")
    parser.add_argument("--spread", type=int, default=6, help="more seeds for the spread of the figures")
    args = parser.parse_args(argv)
    ok = True

    before, current = make_weeks(seed=args.seed, phrasing=args.phrasing)
    gc.collect()
    started = time.perf_counter()
    report = build_report(current, period=PERIOD, previous=before)
    seconds_small = time.perf_counter() - started
    rss_small = _peak_mb()
    q = quality(report, current, before)
    print(f"corpus: seed {args.seed}, {args.phrasing} phrasings; week 1 {len(before)} notes, week 2 {len(current)} "
          f"notes; {sum(1 for t in THEMES.values() if t.volumes[1])} planted themes in week 2 (+1 only in week 1); "
          f"{sum(1 for n in current if n.sensitive)} sensitive notes")
    print(f"{'planted theme':<14} {'notes':>5}  {'best reported theme':<40} {'F1':>5} {'trend':>8} {'expected':>8}")
    for row in q.rows:
        print(f"{row[0]:<14} {row[1]:>5}  {row[2][:40]:<40} {row[3]:>5.2f} {row[4]:>8} {row[5]:>8}")
    print(f"gone: {[t.label for t in report.gone]}")
    print(f"reported themes: {len(report.themes)} ({', '.join(t.label for t in report.themes)}); "
          f"other: {report.other_count} of {report.note_count}")
    print(f"theme recall {q.recall:.2f} (target >= {TARGETS['recall']}), precision {q.precision:.2f} "
          f"(target >= {TARGETS['precision']}), sensitive quotes {q.sensitive_quotes} (target 0), "
          f"new/gone/rising/falling calls {q.changes_right}/{q.changes_total} (target all), "
          f"all trend calls incl. steady {q.trends_right}/{q.trends_total}")
    ok &= q.recall >= TARGETS["recall"] and q.precision >= TARGETS["precision"]
    ok &= q.sensitive_quotes == 0 and q.changes_right == q.changes_total
    seeds = range(args.seed + 100, args.seed + 100 + args.spread)
    for phrasing in dict.fromkeys((args.phrasing, "dev", "dev2") if args.spread else ()):
        runs = []
        for seed in seeds:
            b, c = make_weeks(seed=seed, phrasing=phrasing)
            runs.append(quality(build_report(c, period=PERIOD, previous=b), c, b))
        tuned = "" if phrasing == "heldout" else " (tuned on)"
        print(f"  {len(runs)} more seeds, {phrasing} phrasings{tuned}: recall min {min(r.recall for r in runs):.2f}"
              f" mean {_mean(r.recall for r in runs):.2f}; precision min {min(r.precision for r in runs):.2f} mean "
              f"{_mean(r.precision for r in runs):.2f}; change calls {sum(r.changes_right for r in runs)}/"
              f"{sum(r.changes_total for r in runs)}; all trend calls {sum(r.trends_right for r in runs)}/"
              f"{sum(r.trends_total for r in runs)}; sensitive quotes {sum(r.sensitive_quotes for r in runs)}")
        if phrasing == args.phrasing:
            ok &= all(r.sensitive_quotes == 0 for r in runs)

    _sentiment(current + before)
    print(f"mood: {report.mood.average} (previous {report.mood.previous_average}, change {report.mood.change})")

    print(f"time for {len(current):,} notes (+{len(before):,} previous): {seconds_small:.2f} s "
          f"(target < {TARGETS['seconds_1500']} s); peak memory so far {rss_small:.0f} MB")
    ok &= seconds_small < TARGETS["seconds_1500"]
    if not args.skip_large:
        scale = 50_000 / len(current)
        big_before, big_current = make_weeks(scale=scale, seed=args.seed + 1, phrasing=args.phrasing)
        for note in big_before + big_current:  # stored notes carry their sentiment, as in production
            note.sentiment = 0.0
        gc.collect()
        started = time.perf_counter()
        big = build_report(big_current, period=PERIOD, previous=big_before)
        seconds_large = time.perf_counter() - started
        rss_large = _peak_mb()
        big_q = quality(big, big_current, big_before)
        print(f"time for {len(big_current):,} notes (+{len(big_before):,} previous): {seconds_large:.1f} s "
              f"(target < {TARGETS['seconds_50000']} s); peak memory {rss_large:.0f} MB (target < "
              f"{TARGETS['rss_mb']} MB); recall {big_q.recall:.2f}, precision {big_q.precision:.2f}, "
              f"change calls {big_q.changes_right}/{big_q.changes_total}, sensitive quotes {big_q.sensitive_quotes}")
        ok &= seconds_large < TARGETS["seconds_50000"] and big_q.sensitive_quotes == 0
    rss = _peak_mb()
    ok &= rss < TARGETS["rss_mb"]
    print("(one process, one thread: the engine does not use the second core)")
    print("targets: met" if ok else "targets: NOT met")
    return 0 if ok else 1


run = main


def quality(report: Report, notes: Sequence[CorpusNote], before: Sequence[CorpusNote] = ()) -> Quality:
    planted: dict[str, set[int]] = {}
    for note in notes:
        if note.theme:
            planted.setdefault(note.theme, set()).add(note.id)
    rows = []
    found = 0
    for theme, ids in sorted(planted.items()):
        best = max(report.themes, key=lambda t: _f1(set(t.note_ids), ids), default=None)
        f1 = _f1(set(best.note_ids), ids) if best else 0.0
        found += f1 >= 0.5
        trend = best.trend if best and f1 >= 0.5 else "-"
        rows.append((theme, len(ids), best.label if best else "-", f1, trend, THEMES[theme].trend))
    # A theme only in the week before must be reported as gone, and as nothing else.
    only_before: dict[str, set[int]] = {}
    for note in before:
        if note.theme and note.theme not in planted:
            only_before.setdefault(note.theme, set()).add(note.id)
    for theme, ids in sorted(only_before.items()):
        called = any(_f1(set(g.previous_ids), ids) >= 0.5 for g in report.gone)
        rows.append((theme, 0, "(gone)" if called else "-", 1.0 if called else 0.0, "gone" if called else "-",
                     THEMES[theme].trend))
    real = sum(1 for t in report.themes if any(_f1(set(t.note_ids), ids) >= 0.5 for ids in planted.values()))
    changes = [row for row in rows if row[5] != "steady"]
    return Quality(found / max(len(planted), 1), real / max(len(report.themes), 1),
                   sum(1 for row in rows if row[4] == row[5]), len(rows),
                   sum(1 for row in changes if row[4] == row[5]), len(changes),
                   _sensitive_quotes(report, list(notes) + list(before)), rows)


def _sensitive_quotes(report: Report, notes: Sequence[CorpusNote]) -> int:
    """Quotes from a sensitive note, counted in the report and in what is rendered (Slack and Markdown)."""
    sensitive = {n.id: n.text for n in notes if n.sensitive}
    from_report = sum(1 for t in report.themes for i in t.quote_ids if i in sensitive)
    rendered = json.dumps(blocks(report)) + markdown(report)
    in_output = sum(1 for text in set(sensitive.values()) if _escaped(text) in rendered or text in rendered)
    return from_report + in_output


def _escaped(text: str) -> str:
    return json.dumps(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))[1:-1]


def _sentiment(corpus: Sequence[CorpusNote]) -> None:
    from digests.sentiment import vader  # VADER alone, for comparison (vaderSentiment is a dependency)

    sets = [("corpus notes", [(n.text, n.sentiment_label) for n in corpus]),
            ("hand-labelled notes (tuned on)", SENTIMENT_LABELLED),
            ("hand-labelled held-out notes", SENTIMENT_HELDOUT)]
    for name, labelled in sets:
        ours = _agreement(labelled, score)
        theirs = _agreement(labelled, vader)
        print(f"sentiment on {len(labelled)} {name}: ours sign accuracy {ours[0]:.2f}, correlation {ours[1]:.2f}, "
              f"complaints read negative {ours[2]:.2f}; VADER alone {theirs[0]:.2f}, {theirs[1]:.2f}, {theirs[2]:.2f}")


def _agreement(labelled: Sequence[tuple[str, int]], scorer: Callable[[str], float]) -> tuple[float, float, float]:
    def sign(value: float) -> int:
        return 0 if abs(value) < 0.05 else (1 if value > 0 else -1)

    values = [scorer(text) for text, _ in labelled]
    labels = [label for _, label in labelled]
    right = sum(1 for v, label in zip(values, labels, strict=True) if sign(v) == label)
    negatives = [v for v, label in zip(values, labels, strict=True) if label < 0]
    return (right / max(len(labelled), 1), correlation(values, labels) if len(set(values)) > 1 else 0.0,
            sum(1 for v in negatives if sign(v) < 0) / max(len(negatives), 1))


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / max(len(items), 1)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _f1(found: set[int], truth: set[int]) -> float:
    hit = len(found & truth)
    if not hit:
        return 0.0
    p, r = hit / len(found), hit / len(truth)
    return 2 * p * r / (p + r)

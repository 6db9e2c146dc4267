"""``build_report`` on small labelled sets: themes found, the support rule, trends, quotes and counts."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from bot.bench.digest_corpus import make_weeks
from digests import Period, Report, build_report
from tests.digests.notes import WEEK, N, notes

QUEUE = ["queue at the tills was 20 mins at lunch", "customer waited ages to pay, only one till open",
         "long line at checkout again, people walked out", "the queue went back to the bakery",
         "she said the wait to be served is getting worse"]
STOCK = ["oat milk out of stock again", "no oat milk on the shelf this morning, third time",
         "oat milk shelf empty by 10am", "regular asked why we keep running out of oat milk"]
NOISE = ["chatted about the football", "asked about the weather", "showed me her holiday photos"]


def _theme(report: Report, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in report.themes if word in t.label.lower())


def test_planted_themes_are_found_with_counts_staff_and_quotes() -> None:
    report = build_report(notes(QUEUE) + notes(STOCK, start=20) + notes(NOISE, start=40), period=WEEK)

    queues = _theme(report, "queue")
    stock = _theme(report, "stock")
    assert set(queues.note_ids) == {1, 2, 3, 4, 5}
    assert set(stock.note_ids) == {20, 21, 22, 23}  # "no oat milk on the shelf" joins by its words
    assert (queues.count, queues.staff_count) == (5, 3)
    assert 1 <= len(queues.quotes) <= 3 and all(q in QUEUE for q in queues.quotes)
    assert report.other_count == 3 and report.note_count == 12


def test_a_theme_needs_three_notes_from_two_staff() -> None:
    one_author = [N(i, t, author="U1") for i, t in enumerate(QUEUE, 1)]
    two_notes = notes(QUEUE[:2])

    assert build_report(one_author, period=WEEK).themes == []
    assert build_report(two_notes, period=WEEK).themes == []
    assert build_report(notes(QUEUE[:3], authors=2), period=WEEK).themes != []


def test_sensitive_notes_are_counted_never_quoted() -> None:
    flagged = notes(["waited in the queue for 30 mins feeling faint, she is pregnant"] * 3, start=50,
                    sensitive=("health",))
    report = build_report(notes(QUEUE[:3]) + flagged, period=WEEK)

    queues = _theme(report, "queue")
    assert {50, 51, 52} <= set(queues.note_ids)
    assert not set(queues.quote_ids) & {50, 51, 52}
    assert all("pregnant" not in q for q in queues.quotes)
    assert report.sensitive == {"health": 3}


def test_quotes_differ_from_each_other() -> None:
    same = notes(["queue at the tills was 20 mins"] * 4 + ["people walked out of the long queue"], authors=2)

    quotes = build_report(same, period=WEEK).themes[0].quotes

    assert len(quotes) == len(set(quotes)) == 2


@pytest.mark.parametrize(("before", "now", "expected"), [
    (0, 6, "new"), (2, 6, "new"),  # two notes before were not a theme
    (3, 9, "rising"), (9, 3, "falling"), (6, 6, "steady"), (6, 7, "steady"),
])
def test_trend_against_the_period_before(before: int, now: int, expected: str) -> None:
    old = notes((QUEUE * 3)[:before], start=100)
    new = notes((QUEUE * 3)[:now], start=1)
    filler = notes(NOISE * 3, start=200)  # same volume each period, so shares follow counts

    report = build_report(new + filler, period=WEEK, previous=old + filler[:len(filler)])

    assert _theme(report, "queue").trend == expected


def test_a_theme_that_disappeared_is_listed_as_gone() -> None:
    report = build_report(notes(STOCK, start=1), period=WEEK, previous=notes(QUEUE, start=100))

    assert [t.label for t in report.gone] == ["Queues and waiting"]
    assert report.gone[0].previous_count == 5


def test_mood_empathy_causes_and_nominations() -> None:
    class Nom:
        def __init__(self, cause: str, status: str) -> None:
            self.cause, self.status = cause, status

    current = [N(1, "thanked us, lovely staff", kind="gain", sentiment=0.8, causes=("food-bank",)),
               N(2, "queue too long", kind="pain", sentiment=-0.6, causes=("food-bank",)),
               N(3, "asked about the weather", kind="says")]
    report = build_report(current, period=WEEK, previous=[N(9, "rude staff", sentiment=-0.9)],
                          nominations=[Nom("food-bank", "approved"), Nom("food-bank", "pending")])

    assert report.empathy == {"gain": 1, "pain": 1, "says": 1}
    assert report.causes == {"food-bank": 2}
    assert report.nominations == {"food-bank": 1}
    assert report.mood.previous_average == -0.9
    assert report.mood.average is not None and report.mood.change is not None and report.mood.change > 0


def test_report_round_trips_through_json() -> None:
    report = build_report(notes(QUEUE) + notes(STOCK, start=20), period=WEEK, previous=notes(QUEUE, start=90))

    again = Report.from_dict(json.loads(json.dumps(report.to_dict())))

    assert again == report


def test_an_empty_period_is_a_report_with_nothing_in_it() -> None:
    report = build_report([], period=WEEK)

    assert (report.themes, report.note_count, report.other_count, report.mood.average) == ([], 0, 0, None)


def test_corpus_themes_found_and_trends_called() -> None:
    before, current = make_weeks(scale=0.5, seed=11)
    period = Period(datetime(2026, 11, 16, tzinfo=timezone.utc), datetime(2026, 11, 23, tzinfo=timezone.utc))

    report = build_report(current, period=period, previous=before)

    trends = {}
    for theme_name in {n.theme for n in current if n.theme}:
        ids = {n.id for n in current if n.theme == theme_name}
        best = max(report.themes, key=lambda t: len(ids & set(t.note_ids)) / len(ids | set(t.note_ids)))
        hit = len(ids & set(best.note_ids))
        assert 2 * hit / (len(ids) + len(best.note_ids)) >= 0.5, theme_name
        trends[theme_name] = best.trend
    assert trends["app"] == "new" and trends["self_checkout"] == "rising" and trends["oat_milk"] == "falling"
    assert any("park" in t.label.lower() for t in report.gone)
    sensitive = {n.id for n in current if n.sensitive}
    assert not {i for t in report.themes for i in t.quote_ids} & sensitive


def test_a_theme_about_one_customer_is_not_shown() -> None:
    about_one = [N(i, t, author=f"U{i % 2}", customers=(7,)) for i, t in enumerate(QUEUE, 1)]
    about_two = [replace(n, customers=(7,) if n.id % 2 else (8,)) for n in about_one]

    assert build_report(about_one, period=WEEK).themes == []
    assert _theme(build_report(about_two, period=WEEK), "queue").count == 5


REFILL = ["customer asked if the refill station takes glass jars", "refill station pasta dispenser jammed",
          "regular wants more things in the refill station", "refill station scoop missing again"]


@pytest.mark.parametrize(("texts", "together", "label_has"), [
    # A word the lexicon does not know makes its own theme, and takes a note a concept claimed on weak
    # evidence ("ran out" is a stock cue).
    ([*REFILL, "refill station lentils ran out"], {1, 2, 3, 4, 5}, "refill station"),
    # The pair is the topic: "train station" does not join the refill station.
    ([*REFILL, "asked which way to the train station"], {1, 2, 3, 4}, "refill station"),
    # A note that fits two concepts equally goes to the one more notes are about.
    ([*QUEUE, "left her trolley in the aisle because the queue wasn't moving"], {1, 2, 3, 4, 5, 6}, "queue"),
    # Paraphrase and typos still meet the concept.
    (["custmer waited 20 mins to pay", "queueing was silly this morning", "only one till open, long line",
      "the wait to be served was terrible"], {1, 2, 3, 4}, "queue"),
])
def test_notes_are_grouped_into_the_right_theme(texts: list[str], together: set[int], label_has: str) -> None:
    chatter = notes([f"{n} ({i})" for i in range(4) for n in NOISE], start=100)  # a word in every note is no topic
    report = build_report(notes(texts) + chatter, period=WEEK)

    theme = next(t for t in report.themes if label_has in t.label.lower())
    assert set(theme.note_ids) == together
    assert report.other_count == len(texts) + len(chatter) - len(together)


def test_the_shops_own_words_make_no_theme() -> None:
    # "till" is a lexicon word (queues, self-checkout): repeated, it is vocabulary, not a topic.
    tills = ["girl on tills sorted it", "tills beeping a lot today", "tills were moved near the door",
             "new tills look different", "tills had a new screen"]

    assert build_report(notes(tills), period=WEEK).themes == []


def test_a_phrase_is_one_piece_of_evidence() -> None:
    from digests.text import words
    from digests.themes import PHRASE, _matcher

    assert _matcher().scores(words("the bus that used to stop by the car park"))["parking"] == PHRASE


def test_gone_themes_keep_the_notes_of_the_period_before() -> None:
    report = build_report(notes(STOCK, start=1), period=WEEK, previous=notes(QUEUE, start=100))

    assert report.gone[0].previous_ids == (100, 101, 102, 103, 104)
    assert Report.from_dict(json.loads(json.dumps(report.to_dict()))).gone == report.gone


@pytest.mark.parametrize("seed", [31, 32])
def test_held_out_phrasings_meet_the_bar(seed: int) -> None:
    from bot.bench.digests import PERIOD, quality

    before, current = make_weeks(seed=seed, phrasing="heldout")
    q = quality(build_report(current, period=PERIOD, previous=before), current, before)

    assert q.recall >= 0.85 and q.precision >= 0.8
    assert (q.changes_right, q.sensitive_quotes) == (q.changes_total, 0)  # new, gone, rising, falling


def test_quotes_in_other_voices_and_typos_count_as_the_same_quote() -> None:
    same = ["fyi a couple said she has to go to three shops to find oat milk",
            "older gent said she has to go to three shops to find oat milk",
            "cust sed she has to go to three shpos to find oat milk"]
    other = ["oat milk shelf empty by 10am", "we keep selling out of oat milk, regular asked us to order more"]
    report = build_report(notes(same + other, authors=3) + notes(NOISE * 4, start=50), period=WEEK)

    quotes = _theme(report, "oat milk").quotes
    assert len(quotes) == 3
    assert sum(1 for q in quotes if q in same) == 1


@pytest.mark.parametrize(("vocabulary", "counts", "word", "expected"), [
    ({"refill"}, None, "refll", "refill"),  # one letter dropped
    ({"queue"}, None, "qxxue", "qxxue"),  # two edits away: left alone
    ({"station", "nation"}, None, "sation", "sation"),  # two candidates: left alone
    # A slip that recurs in a busy week is "known", but a neighbour used ten times as often wins.
    ({"refill", "refll"}, {"refill": 120, "refll": 4}, "refll", "refill"),
    ({"shelf", "shell"}, {"shelf": 30, "shell": 6}, "shell", "shell"),  # both common: both real words
])
def test_typo_repair(vocabulary: set[str], counts: dict[str, int] | None, word: str, expected: str) -> None:
    from digests.text import TypoFixer

    assert TypoFixer(vocabulary, counts=counts).fix(word) == expected

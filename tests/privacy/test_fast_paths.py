"""The shortcuts that make scrub fast must not change what it finds: the sensitive-topic trigger gate,
the re-read limited to placeholders' neighbourhoods, and the per-recognizer prechecks."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.bench.privacy_corpus import DEV, HELDOUT, generate
from bot.privacy import scrub, sensitive
from bot.privacy.recognizers import account, address, dob, iban, ip, national_id, postcode
from bot.privacy.recognizers.base import Doc
from bot.privacy.recognizers.name import _tokens as name_tokens
from bot.privacy.recognizers.name import after_stand_ins, kept_words
from bot.privacy.scrubber import _detect, _glued, _placeholders, _quiet, _render, _stand_in_ranges, _with_stand_ins
from bot.privacy.slackwire import KEEP, Decoded, decode


def _ungated(text: str) -> set[str]:
    return {topic for topic, pattern in sensitive._COMPILED.items() if pattern.search(text)}


PHRASES = [p for v in (DEV, HELDOUT) for ps in v.sensitive.values() for p in ps] + [
    "she has a tumor", "he's in arrears on the flat", "struggling with bills", "came out to his mum",
    "on antidepressants", "scratch card habit", "non-binary customer", "social services called", "a&e last night",
]


@pytest.mark.parametrize("text", PHRASES)
def test_trigger_gate_finds_what_the_full_patterns_find(text: str) -> None:
    assert sensitive.detect(text) == _ungated(text)
    assert sensitive.detect(text), "each phrase names a sensitive topic"


def test_every_trigger_word_opens_a_word_of_its_match() -> None:
    # The trigger search finds a trigger only after a character that is not a letter: in each alternative
    # the trigger's word must stand first or after a blank or hyphen, and ``lead`` must bound what comes
    # before it (the alternative is searched from ``lead`` characters before the trigger).
    for pattern in sensitive._TOPICS.values():
        for alt in sensitive._alternatives(pattern):
            at, word = max(sensitive._literal_words(alt), key=lambda w: len(w[1]))
            assert alt[at:at + len(word)] == word
            assert at == 0 or alt[:at].endswith(("\\s", "\\b", "[-\\s]", " ", "-")), alt
            _trigger, lead = sensitive._trigger(alt)
            assert lead is not None and lead >= len(re.sub(r"\\[sb]|\[[^]]*\]|.\?", "x", alt[:at])) - 1, alt


def test_trigger_gate_keeps_every_topic_on_whole_notes() -> None:
    # On notes, not just phrases: the gate drops a topic only where its full pattern finds nothing, in
    # notes that hold a trigger word without the rest of the phrase ("came in", "lost the receipt") too.
    notes = [n.text for split in ("dev", "heldout") for n in generate(500, split=split, seed=19)]
    notes += [t.upper() for t in notes[:100]] + [t.replace("s", "ſ") for t in notes[100:200]]
    notes += ["came out to his mum", "came in, out of breath", "lost his job", "lost his receipt, job done",
              "short of money", "short, no money", "passed away", "passed the way", "\tcame\tout",
              "his 'cancer' came back", "the 'gp' said", "e'gP@", "owes a 'debt'", "KIng's 'aa meeting'"]
    flagged = 0
    for text in notes:
        assert sensitive.detect(text) == _ungated(text), text
        flagged += bool(_ungated(text))
    assert flagged > 200


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_corpus_notes_scrub_to_a_fixed_point(split: str) -> None:
    # The short re-read must leave nothing that a full read of the result would still find.
    for note in generate(300, split=split, seed=7):
        once = scrub(note.text, region="GB").text
        assert _detect(once, "GB", ())[0] == [], once


def test_prechecks_do_not_hide_short_identifiers() -> None:
    text = "card ending 442, tel 0161 496 0123, ni AB123456C"
    out = scrub(text, region="GB").text
    assert "442" not in out and "496 0123" not in out and "AB123456C" not in out


def _first_readings(notes: list[str]) -> Iterator[tuple[str, Decoded, list[tuple[str, int, int]], Doc, str]]:
    """Each note with findings, read as scrub reads it first: the note, its decoding, the spans, the
    recognizers' reading and the scrubbed text."""
    for text in notes:
        dec = decode(text, _placeholders(text))
        spans, doc = _detect(text, "GB", (), dec=dec)
        if spans:
            yield text, dec, spans, doc, _render(text, spans)[0]


def test_a_check_skipped_as_quiet_would_have_found_nothing() -> None:
    # _quiet skips reading a scrubbed note again; read it anyway, briefly and in full, and compare.
    notes = [n.text for split in ("dev", "heldout") for n in generate(400, split=split, seed=11)]
    notes += [t.lower() for t in notes[:200]] + [t.title() for t in notes[200:400]]
    notes += ["[NAME] said <@U123> took the card ending 4421 from Mrs Rose", "ask <mailto:a@b.co|a@b.co> &amp; Will",
              "gave it to 07700 900123's bartosz had no ID", "Sarah's a b Will said"]
    skipped = wire = 0
    for text, dec, spans, doc, out in _first_readings(notes):
        if _quiet(doc, dec, spans, out):
            skipped += 1
            wire += "<" in text or "&" in text
            assert _detect(out, "GB", (), reread=True)[0] == [], text
            assert _detect(out, "GB", ())[0] == [], text
    # The shortcut is taken often, on notes in Slack's wire format too, so the comparison means something.
    assert skipped > len(notes) // 5 and wire > 50


def test_the_quiet_check_reads_what_decoding_the_scrubbed_note_gives() -> None:
    notes = [n.text for n in generate(600, split="dev", seed=13)]
    notes += ["Sarah's <@U1> and Tom's dog", "ring Sarah'sam on 07700 900123", "Sarah's&amp; Tom's [NAME]'s",
              "told <@U2> Mrs Jacqueline Montgomery-Smithson would ring 07700 900123's owner"]
    compared = 0
    for text, dec, spans, doc, out in _first_readings(notes):
        ranges = _stand_in_ranges(dec.text, [dec.from_original(s, e) for _, s, e in spans])
        read = _with_stand_ins(dec.text, ranges)
        assert read == decode(out, _placeholders(out)).text, text
        if not _glued(read):
            # ...and the words the name rules would split it into (the note's own stand-ins count too).
            own = [(i, i + 1) for i, ch in enumerate(dec.text) if ch == KEEP and not any(s <= i < e for s, e in ranges)]
            where = kept_words(doc.tokens, sorted(ranges + own))
            assert after_stand_ins(doc.tokens, where) == name_tokens(read), text
        compared += 1
    assert compared > 300


def test_the_digit_views_read_what_the_patterns_read() -> None:
    # Doc.digits, first_digit and longest_number are read off one byte per character where they can be;
    # they must agree with \d, which reads digits of every script.
    notes = [n.text for n in generate(300, split="heldout", seed=17)]
    notes += ["£12.50 for 2", "ring ٠٧٧٠٠ ٩٠٠١٢٣ or 07700 900123", "１２３４５６７８ ok", "😀 07700-900-123 😀",
              "née 12/03/1950 à Zürich", "no digits, just café", "£", "4421", "‮0161 496 0123"]
    for text in notes:
        doc = Doc(text)
        runs = re.findall(r"\d(?:\)?[ .\-/]?\(?\d)*", text)
        assert doc.digits == len(re.findall(r"\d", text)), text
        assert doc.first_digit == (re.search(r"\d", text).start() if runs else -1), text
        assert doc.last_digit == ([m.start() for m in re.finditer(r"\d", text)] or [-1])[-1], text
        assert doc.longest_number == max((len(re.findall(r"\d", r)) for r in runs), default=0), text


def test_the_street_scan_is_skipped_only_where_it_finds_nothing() -> None:
    notes = [n.text for split in ("dev", "heldout") for n in generate(500, split=split, seed=23)]
    notes += ["12 high st-john", "4 station road's end", "flat 3, 27 high st.", "12 Road-side cafe", "9 Mill Lane’s",
              "2 hours on the way", "7 o'clock, 12 church st", "3 packs of 12 crisps"]
    skipped = 0
    for text in notes:
        low = text.lower()
        if not address._street_word(name_tokens(text)):
            skipped += 1
            assert address._street_spans_low(low) == [], text
    assert skipped > 300


def test_shape_gates_skip_only_notes_their_patterns_miss() -> None:
    # IBANs, NINOs and UK postcodes are looked for only in notes holding their opening shape.
    notes = [n.text for split in ("dev", "heldout") for n in generate(500, split=split, seed=29)]
    notes += ["GB82 WEST 1234 5698 7654 32", "nino qq 12 34 56 c", "QQ123456C", "ls1 4ap", "£3.50 x2", "B12 7XY",
              "ab-12 34", "é12 3456", "ip 10.0.0.1", "v1.2.3.4", "ssn 123-45-6789", "123 45 6789",
              "sort code 12 34 56", "12-34-56 acc 12345678"]
    gated = dict.fromkeys(("iban", "nino", "postcode", "ipv4", "sort code", "ssn"), 0)
    for text in notes:
        doc = Doc(text)
        if not doc.may_hold(b"aa00"):
            gated["iban"] += 1
            assert not iban._IBAN.search(text), text
        if doc.caseless and not doc.may_hold(national_id._NINO_SHAPE):
            gated["nino"] += 1
            assert not national_id._NINO.search(text), text
        if doc.caseless and not doc.may_hold(b"a0"):
            gated["postcode"] += 1
            assert not postcode._UK_AT_DIGIT_LOW.search(doc.lower), text
        if not doc.may_hold(ip._V4_SHAPE):
            gated["ipv4"] += 1
            assert not ip._V4.search(text), text
        if doc.caseless and "sort" not in doc.lower and "s/c" not in doc.lower and not doc.may_hold(b"00-00-00"):
            gated["sort code"] += 1
            assert not account._SORT_CODE.search(text), text
        if not doc.may_hold(national_id._SSN_SHAPE):
            gated["ssn"] += 1
            assert not national_id._SSN_PLAIN.search(text), text
    assert min(gated.values()) > 300, gated


def test_the_date_scan_is_skipped_only_where_it_finds_nothing() -> None:
    # The month words are exactly the words the date patterns read as months.
    full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december"]
    for month in full:
        for k in range(3, len(month) + 1):
            assert (re.fullmatch(dob._MONTHS, month[:k]) is not None) == (month[:k] in dob._MONTH_WORDS), month[:k]
    notes = [n.text for split in ("dev", "heldout") for n in generate(500, split=split, seed=31)]
    notes += ["born 12 march-ish", "on 3rd may", "£3.50 on 12.03.25", "1950-03-12", "o'march 12", "sept. 4",
              "paid 2.50 for 3 items"]
    skipped = 0
    for text in notes:
        doc = Doc(text)
        if doc.caseless and not dob._may_date(doc):
            skipped += 1
            assert dob._date_spans_low(doc.lower) == [], text
    assert skipped > 200

"""The pipeline behind :func:`scrub`: decode Slack's wire format, run the recognizers, merge their spans,
write placeholders, and check the result once more so scrubbing twice changes nothing."""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from bot.privacy import sensitive as sensitive_topics
from bot.privacy.placeholders import PLACEHOLDER_RE, placeholder
from bot.privacy.recognizers import PRIORITY, RECOGNIZERS, REREAD, Candidate, Doc
from bot.privacy.recognizers.name import after_stand_ins, kept_words, quiet_after
from bot.privacy.recognizers.name import find as name_find
from bot.privacy.recognizers.url import find as url_find
from bot.privacy.recognizers.url import is_personal_link
from bot.privacy.recognizers.url import may_find as url_may_find
from bot.privacy.result import Finding, Scrubbed
from bot.privacy.slackwire import KEEP, Decoded, decode

log = logging.getLogger(__name__)

_RANK = {kind: i for i, kind in enumerate(PRIORITY)}
_PLACEHOLDERS = {kind: placeholder(kind) for kind in PRIORITY}
_MAX_ROUNDS = 3
# A stand-in touching a word character, or a few separators from a digit: a pattern's look-around, or
# how a digit run splits into numbers, may read differently beside it.
_GLUED = re.compile(r"[\w+@/'’&]\ue000|\w[.\-]\ue000|\ue000[\w@/'’&]|\ue000[.\-]\w"
                    r"|\ue000[\s\-:#]{0,2}[+(]?\d|\d[\s\-]{0,2}\ue000")
_POSSESSIVE = ("'s", "’s")
_WORD_AFTER = re.compile(r"[\w'’\-]")
# Longer than any note Slack lets through a modal; past this the tail is dropped, never stored raw.
MAX_INPUT = 40_000
_TITLES = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|auntie|aunty|uncle|nan|nanna)\.?\s+", re.IGNORECASE)


class _Seg(NamedTuple):
    """A piece of the rendered text: copied from the original, or a placeholder standing for a span."""

    out_start: int
    out_end: int
    orig_start: int
    orig_end: int
    placeholder: bool


def scrub(text: str, *, region: str | None = None, extra_patterns: Sequence[str] = ()) -> Scrubbed:
    """Replace every piece of personal data in ``text`` with a typed placeholder.

    Promises: never raises; the returned text never contains what was found; placeholders already in
    ``text`` and Slack mentions, channel links and ``<!here>`` are kept as they are; and
    ``scrub(scrub(x).text).text == scrub(x).text``. ``region`` is the default phone region (ISO code such
    as ``"GB"``) for numbers written without a country code; ``extra_patterns`` are the workspace's own
    regexes, whose matches become ``[CUSTOM]`` (invalid or slow ones are skipped).
    """
    try:
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        text = text[:MAX_INPUT]
        patterns = tuple(p for p in extra_patterns if isinstance(p, str)) if extra_patterns else ()
        return _scrub(text, region if isinstance(region, str) else None, patterns)
    except Exception:  # the promise is "never raises": fail closed instead
        # Nothing of the note is kept when the filter itself fails; the log line carries no text.
        log.exception("privacy filter failed; the whole note was withheld")
        return Scrubbed("[REDACTED]", (Finding("redacted", 0, len(text) if isinstance(text, str) else 0),))


def redact(text: str, *, region: str | None = None, extra_patterns: Sequence[str] = ()) -> str:
    """Only the scrubbed text: what may be stored, logged or shown back to the person."""
    return scrub(text, region=region, extra_patterns=extra_patterns).text


def _scrub(text: str, region: str | None, patterns: tuple[str, ...]) -> Scrubbed:
    protected = _placeholders(text)
    dec = decode(text, protected)
    spans, doc = _detect(text, region, patterns, dec=dec)
    topics = sensitive_topics.detect(dec.text, doc.lower, doc.caseless)
    out, placeholders = _render(text, spans)
    # A placeholder changes its neighbours' context ("Mr [NAME] Rose"): read the result again and
    # fold anything new back into spans on the original, until nothing changes. (With no findings
    # the result is the input, so reading it again would find nothing; see _quiet for another case.)
    rounds = _MAX_ROUNDS if spans else 0
    if rounds and not patterns and _quiet(doc, dec, spans, out):
        rounds = 0
    for _ in range(rounds):
        again, _doc = _detect(out, region, patterns, reread=True)
        if not again:
            break
        segs = _segments(text, spans, placeholders)
        extra = [(k, *_out_to_orig(segs, s, e)) for k, s, e in again]
        spans = _merge(spans + extra)
        out, placeholders = _render(text, spans)
    findings = tuple(map(Finding._make, spans))
    return Scrubbed(out, findings, frozenset(topics))


def _placeholders(text: str) -> list[tuple[int, int]]:
    """Where placeholders already stand in ``text``; each becomes one stand-in for the recognizers.

    A possessive ending after one ("[NAME]'s husband") goes with it: it belongs to the person, and a
    stand-in glued to letters would make the check of a scrubbed note read it all again.
    """
    if "[" not in text:
        return []
    out = []
    for m in PLACEHOLDER_RE.finditer(text):
        end = m.end()
        if text[end:end + 2] in _POSSESSIVE and not _WORD_AFTER.match(text, end + 2):
            end += 2
        out.append((m.start(), end))
    return out


def _quiet(doc: Doc, dec: Decoded, spans: list[tuple[str, int, int]], out: str) -> bool:
    """Whether the check of ``out`` (see _detect with ``reread``) is sure to find nothing.

    With no workspace pattern, the check's text is the first reading's (``dec.text``) with one stand-in
    per span: links, escapes and earlier stand-ins decode as they did. When no stand-in there is glued
    to a word or number and the social-link recognizer finds nothing, only the name recognizer could
    find something: it finds nothing when no word near a stand-in is one it judges (name.quiet_after,
    from the words ``doc`` already read), and otherwise it is run on that text alone.
    """
    if doc.tokens is None:
        return False
    # Each span as the range of the first reading's text its stand-in takes, and the stand-ins that
    # text already had.
    ranges = _stand_in_ranges(dec.text, [dec.from_original(s, e) for _, s, e in spans])
    read = _with_stand_ins(dec.text, ranges)
    if _glued(read) or (url_may_find(doc) and url_find(Doc(read, doc.region, (), reread=True))):
        return False
    pos = dec.text.find(KEEP)
    if pos >= 0:
        own = []
        while pos >= 0:
            j = bisect_right(ranges, (pos, len(dec.text))) - 1  # the last span starting at or before it
            if j < 0 or ranges[j][1] <= pos:
                own.append((pos, pos + 1))
            pos = dec.text.find(KEEP, pos + 1)
        ranges = sorted(ranges + own)
    # Else the check is the name recognizer on ``read`` (url found nothing, and there is no custom
    # pattern): run just that.
    # The words of ``read`` are known already; the name rules need not split it.
    where = kept_words(doc.tokens, ranges)
    if quiet_after(doc.tokens, where):
        return True
    check = Doc(read, doc.region, (), reread=True)
    check.tokens = after_stand_ins(doc.tokens, where)
    return not name_find(check)


def _stand_in_ranges(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``ranges`` (spans on a first reading's decoded text) grown over the possessive ending that goes
    with a placeholder (see _placeholders): when what follows it in the scrubbed note is no word
    character (another placeholder opens with "[")."""
    out = []
    for j, (s, e) in enumerate(ranges):
        after = ranges[j + 1][0] if j + 1 < len(ranges) else len(text) + 1
        if (text[e:e + 2] in _POSSESSIVE and after >= e + 2
                and (after == e + 2 or not _WORD_AFTER.match(text, e + 2))):
            e += 2
        out.append((s, e))
    return out


def _with_stand_ins(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with each of ``ranges`` (from _stand_in_ranges) as one stand-in: what decoding the
    scrubbed note gives, read without decoding it."""
    pieces = []
    pos = 0
    for s, e in ranges:
        pieces.append(text[pos:s])
        pieces.append(KEEP)
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces)


def _detect(text: str, region: str | None, patterns: tuple[str, ...], *,
            reread: bool = False, dec: Decoded | None = None) -> tuple[list[tuple[str, int, int]], Doc]:
    """Spans ``(kind, start, end)`` on ``text``, merged and sorted, none touching a kept span, and the
    recognizers' reading of the text.

    ``reread`` is the check of a scrubbed result: only what a placeholder can have changed is read
    again. Names read the words around each placeholder; the pattern recognizers see the same text
    and context as before unless a placeholder is glued to a word or number ("[NAME]07700..."), since
    none of their patterns or context windows reaches across a stand-in.
    ``dec`` is ``text`` already decoded, when the caller has it.
    """
    if dec is None:
        dec = decode(text, _placeholders(text))
    doc = Doc(dec.text, region, patterns, reread=reread)
    recognizers = RECOGNIZERS
    if reread and not _glued(dec.text):
        recognizers = REREAD
    for recognizer in recognizers:
        doc.found.extend(recognizer(doc))
    found = _trim(doc.found, dec.text)
    if dec.plain:
        spans = [(c.kind, c.start, c.end) for c in found]
    else:
        spans = [(c.kind, *dec.to_original(c.start, c.end)) for c in found]
    spans += _link_spans(dec)
    spans = _grow_to_links(spans, dec)
    spans = _drop_kept(spans, dec.kept)
    return _merge(spans), doc


def _glued(text: str) -> bool:
    """``_GLUED.search(text)``, read only around the stand-ins: every match holds one and is at most
    three characters before it and five after."""
    pos = text.find(KEEP)
    while pos >= 0:
        if _GLUED.search(text, max(0, pos - 3), pos + 6):
            return True
        pos = text.find(KEEP, pos + 1)
    return False


def _trim(found: list[Candidate], text: str) -> list[Candidate]:
    # Spans never start or end on blanks or stand-ins, so placeholders sit snugly in the sentence.
    out = []
    for c in found:
        s, e = c.start, c.end
        while s < e and (text[s].isspace() or text[s] in "\ue000\ue001"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in "\ue000\ue001"):
            e -= 1
        if e > s:
            out.append(c if s == c.start and e == c.end else Candidate(s, e, c.kind))
    return out


def _link_spans(dec: Decoded) -> list[tuple[str, int, int]]:
    out = []
    for ent in dec.links:
        target = ent.target.strip().lower()
        if target.startswith("mailto:"):
            out.append(("email", ent.start, ent.end))
        elif target.startswith(("tel:", "sms:", "callto:")):
            out.append(("phone", ent.start, ent.end))
        elif is_personal_link(ent.target):
            out.append(("url", ent.start, ent.end))
    return out


def _grow_to_links(spans: list[tuple[str, int, int]], dec: Decoded) -> list[tuple[str, int, int]]:
    # Personal data in a link's label is usually in its target too: the whole entity goes.
    if not dec.links:
        return spans
    out = []
    for kind, s, e in spans:
        for ent in dec.links:
            if s < ent.end and ent.start < e:
                s, e = min(s, ent.start), max(e, ent.end)
        out.append((kind, s, e))
    return out


def _drop_kept(spans: list[tuple[str, int, int]], kept: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    if not kept:
        return spans
    out = []
    for kind, s, e in spans:
        pieces = [(s, e)]
        for ks, ke in kept:
            nxt = []
            for ps, pe in pieces:
                if pe <= ks or ke <= ps:
                    nxt.append((ps, pe))
                    continue
                if ps < ks:
                    nxt.append((ps, ks))
                if ke < pe:
                    nxt.append((ke, pe))
            pieces = nxt
        out += [(kind, ps, pe) for ps, pe in pieces if pe > ps]
    return out


def _merge(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Overlapping spans become one, named by the highest-priority kind among them."""
    spans = sorted(spans, key=lambda t: (t[1], -t[2]))
    out: list[tuple[str, int, int]] = []
    for kind, s, e in spans:
        if out and s < out[-1][2]:
            pk, ps, pe = out[-1]
            best = pk if _RANK.get(pk, 99) <= _RANK.get(kind, 99) else kind
            out[-1] = (best, ps, max(pe, e))
        else:
            out.append((kind, s, e))
    return out


def _name_key(raw: str) -> str:
    words = _TITLES.sub("", raw.strip()).lower().replace("'s", "").split()
    return words[-1] if words else raw.lower()


def _render(text: str, spans: list[tuple[str, int, int]]) -> tuple[str, list[str]]:
    """The scrubbed text, and the placeholder written for each span."""
    # People are numbered when a note mentions more than one, the same person keeping their number.
    many = [kind for kind, _, _ in spans].count("name") > 1
    keys = [_name_key(text[s:e]) for kind, s, e in spans if kind == "name"] if many else []
    names: dict[str, int] = {}
    for key in keys:
        names.setdefault(key, len(names) + 1)
    numbered = iter(keys) if len(names) > 1 else None
    parts: list[str] = []
    placeholders: list[str] = []
    pos = 0
    for kind, s, e in spans:
        if s > pos:
            parts.append(text[pos:s])
        if kind == "name" and numbered is not None:
            ph = placeholder(kind, names[next(numbered)])
        else:
            ph = _PLACEHOLDERS.get(kind) or placeholder(kind)
        parts.append(ph)
        placeholders.append(ph)
        pos = e
    parts.append(text[pos:])
    return "".join(parts), placeholders


def _segments(text: str, spans: list[tuple[str, int, int]], placeholders: list[str]) -> list[_Seg]:
    """How the rendered text lines up with ``text``: copied pieces and placeholders, in order."""
    segs: list[_Seg] = []
    pos = out_len = 0
    for (_kind, s, e), ph in zip(spans, placeholders, strict=True):
        if s > pos:
            segs.append(_Seg(out_len, out_len + s - pos, pos, s, False))
            out_len += s - pos
        segs.append(_Seg(out_len, out_len + len(ph), s, e, True))
        out_len += len(ph)
        pos = e
    if pos < len(text):
        segs.append(_Seg(out_len, out_len + len(text) - pos, pos, len(text), False))
    return segs


def _out_to_orig(segs: list[_Seg], start: int, end: int) -> tuple[int, int]:
    o_start = o_end = None
    for seg in segs:
        if o_start is None and seg.out_start <= start < seg.out_end:
            o_start = seg.orig_start if seg.placeholder else seg.orig_start + start - seg.out_start
        if seg.out_start < end <= seg.out_end:
            o_end = seg.orig_end if seg.placeholder else seg.orig_start + end - seg.out_start
    return (o_start or 0), (o_end if o_end is not None else segs[-1].orig_end if segs else 0)

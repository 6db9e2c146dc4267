"""Slack's wire format, decoded for the recognizers with a map back to the original characters.

Slack sends ``<mailto:a@b.c|a@b.c>``, ``<tel:+44...|...>``, ``<https://...|label>``, mentions such as
``<@U123>``, ``<#C123|general>`` and ``<!here>``, and escapes ``& < >`` as ``&amp; &lt; &gt;``. The
recognizers read plain text; every span they find is mapped back to the original input, and a span
touching a link entity grows to cover the whole entity so neither its target nor its label survives.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

# Characters from Unicode's private use area stand in for things the recognizers must not read:
# a kept Slack entity (mention, channel, broadcast) or a placeholder already in the text. No
# recognizer pattern matches them, and they break words, so nothing spans across them.
KEEP = "\ue000"
LINK = "\ue001"

# Bounded quantifiers everywhere: the input is untrusted and may be long.
_ENTITY = re.compile(r"<([^<>|\n]{1,2000})(?:\|([^<>\n]{0,2000}))?>")
_ESCAPES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_ESCAPE_RE = re.compile(r"&(?:amp|lt|gt);")


@dataclass(frozen=True)
class Entity:
    """A ``<...>`` link entity on the original text: its span, target and optional label."""

    start: int
    end: int
    target: str
    label: str | None


@dataclass
class Decoded:
    """Plain text for the recognizers, with where each of its characters came from in the original."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]
    links: list[Entity] = field(default_factory=list)
    kept: list[tuple[int, int]] = field(default_factory=list)
    # True when the text is the original itself: every position maps to itself.
    plain: bool = False

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` on the decoded text to the original input."""
        return self.starts[start], self.ends[end - 1]

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """The decoded characters that ``[start, end)`` of the original covers, for a span made of
        whole decoded characters (as every span :func:`decode`'s recognizers give is)."""
        if self.plain:
            return start, end
        return bisect_left(self.starts, start), bisect_left(self.starts, end)


def unescape(s: str) -> str:
    """Undo Slack's ``&amp; &lt; &gt;`` escapes (message and command text arrive with them)."""
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], s)


def decode(text: str, protected: list[tuple[int, int]]) -> Decoded:
    """Decode ``text``; ``protected`` spans (placeholders already present) become opaque stand-ins."""
    if not protected and "<" not in text and "&" not in text:
        # Most notes: nothing to decode, and positions map to themselves.
        return Decoded(text, range(len(text)), range(1, len(text) + 1), plain=True)
    if "<" not in text and "&" not in text:
        return _decode_kept(text, protected)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    links: list[Entity] = []
    kept: list[tuple[int, int]] = list(protected)

    def emit(s: str, o_start: int, o_end: int) -> None:
        # Each character maps to its own original position when the text is copied as is, or to
        # the whole original run when it was transformed (an escape, a stand-in).
        if len(s) == o_end - o_start:
            out.append(s)
            starts.extend(range(o_start, o_end))
            ends.extend(range(o_start + 1, o_end + 1))
        else:
            out.append(s)
            starts.extend([o_start] * len(s))
            ends.extend([o_end] * len(s))

    def emit_plain(o_start: int, o_end: int) -> None:
        pos = o_start
        for m in _ESCAPE_RE.finditer(text, o_start, o_end):
            emit(text[pos:m.start()], pos, m.start())
            emit(_ESCAPES[m.group()], m.start(), m.end())
            pos = m.end()
        emit(text[pos:o_end], pos, o_end)

    events: list[tuple[int, int, str]] = [(s, e, "kept") for s, e in protected]
    for m in _ENTITY.finditer(text):
        events.append((m.start(), m.end(), "entity"))
    events.sort()
    pos = 0
    for s, e, what in events:
        if s < pos:
            continue  # an entity inside a placeholder or vice versa: the earlier one wins
        emit_plain(pos, s)
        if what == "kept":
            emit(KEEP, s, e)
        else:
            found = _ENTITY.match(text, s)
            if found is None:  # cannot happen: the event came from this pattern
                continue
            m = found
            target, label = m.group(1), m.group(2)
            if target[:1] in "@#!":
                kept.append((s, e))
                emit(KEEP, s, e)
            else:
                ent = Entity(s, e, unescape(target), unescape(label) if label is not None else None)
                links.append(ent)
                # The label (or the bare target) is what the person wrote: read it in place so names
                # and numbers in it are found; its surroundings stay readable as ordinary words.
                if label:
                    emit(LINK, s, m.start(2))
                    emit_plain(m.start(2), m.end(2))
                    emit(LINK, m.end(2), e)
                else:
                    emit(LINK, s, m.start(1))
                    emit_plain(m.start(1), m.end(1))
                    emit(LINK, m.end(1), e)
        pos = e
    emit_plain(pos, len(text))
    return Decoded("".join(out), starts, ends, links, kept)


def _decode_kept(text: str, protected: list[tuple[int, int]]) -> Decoded:
    """What :func:`decode` gives for a text with no entity and no escape (a scrubbed note, mostly):
    each protected span becomes one stand-in, the rest is copied as is."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for s, e in sorted(protected):
        if s < pos:
            continue  # overlapping spans: the earlier one wins, as in decode
        out.append(text[pos:s])
        starts.extend(range(pos, s))
        ends.extend(range(pos + 1, s + 1))
        out.append(KEEP)
        starts.append(s)
        ends.append(e)
        pos = e
    out.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return Decoded("".join(out), starts, ends, [], list(protected))


def plain(text: str) -> str:
    """Slack wire text made readable outside Slack: link entities show their label, escapes are undone.

    Use it on *scrubbed* text only (for example in a Markdown export); mentions stay as ``<@U...>``.
    """
    def link(m: re.Match[str]) -> str:
        target, label = m.group(1), m.group(2)
        if target[:1] in "@#!":
            return m.group()
        return label if label else target

    return unescape(_ENTITY.sub(link, text))

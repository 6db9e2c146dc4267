"""Links that identify a person: social profiles, and any link carrying an email or a long number."""

from __future__ import annotations

import re

from bot.privacy.recognizers.base import Candidate, Doc
from bot.privacy.recognizers.name import words

KIND = "url"

_SOCIAL_HOSTS = (
    r"facebook\.com|fb\.com|instagram\.com|twitter\.com|x\.com|linkedin\.com|tiktok\.com|youtube\.com|"
    r"threads\.net|snapchat\.com|pinterest\.[a-z.]{2,6}|reddit\.com|github\.com|t\.me|wa\.me|"
    r"bsky\.app|mastodon\.social|onlyfans\.com|vk\.com|medium\.com|soundcloud\.com|twitch\.tv"
)
# Every social host above holds one of these (lowercase), so a note without any has no profile link.
_HOST_WORDS = ("facebook.com", "fb.com", "instagram.com", "twitter.com", "x.com", "linkedin.com", "tiktok.com",
               "youtube.com", "threads.net", "snapchat.com", "pinterest.", "reddit.com", "github.com", "t.me",
               "wa.me", "bsky.app", "mastodon.social", "onlyfans.com", "vk.com", "medium.com", "soundcloud.com",
               "twitch.tv")
# A profile is a social host with a path (the bare home page names nobody).
_SOCIAL = re.compile(
    r"(?:https?://)?(?:www\.|m\.|[a-z]{2}\.)?(?:" + _SOCIAL_HOSTS + r")/[^\s<>|]{1,300}", re.IGNORECASE
)
# "x" is a cue only before ":" or "is" ("her x is jane_d", "X: jane_d"): "2 x 500ml", "x marks" are not handles.
_HANDLE = re.compile(
    r"(?:\b(?:insta(?:gram)?|ig|twitter|tiktok|snap(?:chat)?|handle)\b[\s:]{1,3}(?:is\s{1,3})?"
    r"|\bx(?:\s{0,2}:\s{0,3}|\s{1,3}is\s{1,3}))(?!is\b)(@?[\w.]{2,30})",
    re.IGNORECASE,
)
# The handle cues too short to test as substrings ("x" is in most notes): tested as words.
_SHORT_CUES = frozenset(("ig", "x"))
_AT_HANDLE = re.compile(r"(?<![\w@<])@[A-Za-z0-9_.]{3,30}\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>|]{1,500}", re.IGNORECASE)
_PERSONAL_IN_URL = re.compile(r"[\w.+-]{1,64}(?:@|%40)[\w-]{1,63}\.[\w.-]{2,60}|\d{7,}")


def is_personal_link(target: str) -> bool:
    """True when a link target identifies someone: a social profile, or an email or long number in it."""
    return bool(_SOCIAL.search(target) or _PERSONAL_IN_URL.search(target))


def _handles(doc: Doc) -> bool:
    """Whether the note holds a character or word every handle match needs: an "@", one of the longer
    cues, or "ig" or "x" as a word of its own (they stand between word boundaries in _HANDLE)."""
    low = doc.lower
    # Written out rather than any(...) over a tuple: this runs on every note, twice.
    return ("@" in doc.text or "insta" in low or "twitter" in low or "tiktok" in low or "snap" in low
            or "handle" in low or not _SHORT_CUES.isdisjoint(words(doc).lows))


def may_find(doc: Doc) -> bool:
    """False when :func:`find` is sure to find nothing in ``doc``, nor in ``doc``'s text with spans of it
    replaced by stand-ins: the tests read plain substrings, which a stand-in joins none of, and whole
    words, which a stand-in leaves as they are."""
    return "/" in doc.text or _handles(doc)


def find(doc: Doc) -> list[Candidate]:
    """Social-profile links, social handles after a cue ("insta @jane_d"), and links with personal data."""
    text = doc.text
    out = []
    low = doc.lower
    if "/" in text:
        if not doc.caseless or any(h in low for h in _HOST_WORDS):
            out += [Candidate(m.start(), m.end(), KIND) for m in _SOCIAL.finditer(text)]
        # Every link _URL reads opens with "http://", "https://" or "www." (in any case).
        for m in _URL.finditer(text) if not doc.caseless or "://" in text or "www." in low else ():
            if _PERSONAL_IN_URL.search(m.group()):
                out.append(Candidate(m.start(), m.end(), KIND))
    if _handles(doc):
        out += [Candidate(m.start(1), m.end(1), KIND) for m in _HANDLE.finditer(text)]
        out += [Candidate(m.start(), m.end(), KIND) for m in _AT_HANDLE.finditer(text)]
    return out

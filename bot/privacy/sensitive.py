"""Sensitive topics: health, addiction, domestic abuse, financial hardship, and the other special
categories of personal data (religion, ethnicity, sexual orientation, politics, union membership).

A flagged note is stored (scrubbed) but marked, and digests never quote it. The lexicon is a list of
word stems per topic matched on word boundaries; it errs towards flagging, since a missed flag can
put a customer's illness in a manager's digest while an extra one only keeps a quote out.
"""

from __future__ import annotations

import re
import re._parser
from typing import NamedTuple

from bot.privacy.recognizers.base import caseless, caseless_twin
from bot.privacy.trie import trie_pattern

_TOPICS: dict[str, str] = {
    "health": (
        r"ill(?:ness)?|sick|poorly|unwell|diagnos\w*|cancer|chemo\w*|tumou?r|diabet\w*|insulin|asthma\w*|inhaler|"
        r"epilep\w*|seizure\w*|stroke|heart\s(?:attack|condition|problem)|dementia|alzheimer\w*|parkinson\w*|"
        r"arthritis|hospital\w*|surgery|operation|a&e|gp|doctor'?s?|nurse|pregnan\w*|expecting\sa\sbaby|"
        r"miscarri\w*|maternity|medication|medicine|meds|prescription\w*|pills|antidepressant\w*|"
        r"disab\w*|wheelchair|blind|deaf|hearing\said|guide\sdog|large\sprint|visually\simpaired|"
        r"partially\ssighted|hard\sof\shearing|mobility\sscooter|walking\sstick|crutches|autis\w*|adhd|dyslexi\w*|"
        r"mental\shealth|depress\w*|anxiety|anxious|panic\sattack\w*|bipolar|schizo\w*|ptsd|self[-\s]harm|"
        r"suicid\w*|eating\sdisorder|anorexi\w*|bulimi\w*|therap(?:y|ist)|counsell\w*|hiv|aids|std|"
        r"allerg\w*|coeliac|celiac|anaphyla\w*|epipen|dialysis|covid|flu|infection|injur\w*|broken\s(?:arm|leg|hip|wrist)|"
        r"first\said|had\sa\sfall|pharmacy|chemist|carer|care\shome|terminal\w*|hospice|bereave\w*|grie(?:f|ving)|passed\saway|died|funeral"
    ),
    "addiction": (
        r"alcohol\w*|drunk|booze|drinking|sober\w*|rehab|aa\smeeting\w*|relapse\w*|addict\w*|"
        r"drugs?|cocaine|heroin|cannabis|weed|methadone|overdos\w*|gambl\w*|betting\sproblem|bookies|"
        r"slot\smachine\w*|scratch\s?cards?\shabit|hangover"
    ),
    "domestic": (
        r"domestic\s(?:abuse|violence)|abus\w*|beat(?:s|en)?\sher|hits?\sher|hit\sher|hits?\shim|controlling\s(?:partner|husband|wife|boyfriend)|"
        r"refuge|restraining\sorder|non[-\s]molestation|coercive|bruis\w*|black\seye|scared\sof\s(?:her|his)\s"
        r"(?:husband|partner|ex|boyfriend|wife)|afraid\sto\sgo\shome|safeguarding|social\sservices|police"
    ),
    "financial": (
        r"debts?|in\sdebt|arrears|overdrawn|overdraft|can'?t\safford|cannot\safford|couldn'?t\safford|"
        r"skint|broke|no\smoney|short\sof\smoney|struggling\s(?:to\spay|with\s(?:money|bills|rent))|food\sbank|"
        r"foodbank|benefits|universal\scredit|\buc\b|pip\spayment\w*|jobseeker\w*|dole|evict\w*|repossess\w*|"
        r"bailiff\w*|bankrupt\w*|iva|payday\sloan\w*|loan\sshark\w*|hardship|redundan\w*|lost\s(?:her|his|their)\sjob|"
        r"unemployed|homeless\w*|rough\ssleep\w*|cost\sof\sliving|behind\son\s(?:rent|bills|payments)|missed\spayments?"
    ),
    "religion": (
        r"church|mosque|synagogue|temple|gurdwara|mandir|christian\w*|catholic\w*|protestant\w*|muslim\w*|"
        r"islam\w*|jewish|judaism|jew|hindu\w*|sikh\w*|buddhis\w*|atheis\w*|ramadan|eid|diwali|passover|"
        r"hanukkah|yom\skippur|lent|fasting|halal|kosher|prayer\w*|praying|pray|rabbi|imam|vicar|priest|"
        r"pastor|bible|quran|koran|torah|religio\w*|faith"
    ),
    "ethnicity": (
        r"ethnic\w*|race|racis\w*|racial\w*|black\s(?:man|woman|lady|guy|customer|family)|asian\s(?:man|woman|lady|"
        r"guy|customer|family)|white\s(?:man|woman|lady|guy|customer|family)|traveller\w*|gypsy|roma|immigra\w*|"
        r"refugee\w*|asylum|nationality|foreigner\w*|accent|heritage"
    ),
    "sexuality": (
        r"gay|lesbian|bisexual|bi\s(?:woman|man)|queer|lgbt\w*|transgender|trans\s(?:woman|man|person)|"
        r"non[-\s]binary|coming\sout|came\sout|sexual\w*|same[-\s]sex|her\swife|his\shusband|pride\smarch"
    ),
    "politics": (
        r"politic\w*|labour\sparty|tory|tories|conservative\w*|lib\sdem\w*|liberal\sdemocrat\w*|reform\suk|"
        r"green\sparty|snp|plaid|ukip|brexit|remainer\w*|leaver\w*|vot(?:e|ed|ing|er)s?|election\w*|campaign(?:ing|er)|"
        r"protest\w*|activis\w*|democrat\w*|republican\w*|trump|maga"
    ),
    "union": (
        r"trade\sunion\w*|union\s(?:member|rep|meeting|dues)\w*|unionis\w*|unite\sunion|unison|gmb|usdaw|rmt|"
        r"strike\w*|picket\w*|shop\ssteward|collective\sbargaining"
    ),
}
# What each topic matches (detect searches the equivalent _SEARCH patterns below).
_COMPILED = {topic: re.compile(r"(?<![\w&])(?:" + pattern + r")(?![\w&])", re.IGNORECASE)
             for topic, pattern in _TOPICS.items()}


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (a ``|`` inside a group does not split)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch == "(" and pattern[i - 1:i] != "\\":
            depth += 1
        elif ch == ")" and pattern[i - 1:i] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


# What _literal_words takes out of an alternative: groups, escapes, classes and optional characters.
_NOT_LITERAL = re.compile(r"\((?:[^()]|\([^()]*\))*\)\??|\\[wsb][*+?]?|\[[^\]]*\][*+?]?|.\?")
_WORD = re.compile(r"[a-z&']{2,}")


def _literal_words(alt: str) -> list[tuple[int, str]]:
    """The words of two or more letters that every match of one alternative holds as written, with where
    each stands in the alternative: what is left once groups, escapes, classes and optional characters
    are taken out ("can", "afford" for ``can'?t\\safford``)."""
    out = []
    pos = 0
    for m in [*_NOT_LITERAL.finditer(alt), None]:
        end = m.start() if m else len(alt)
        out += [(w.start(), w.group()) for w in _WORD.finditer(alt, pos, end)]
        pos = m.end() if m else end
    return out


def _trigger(alt: str) -> tuple[str, int | None]:
    """The longest literal word of one alternative, cut to six letters: a note can only match the
    alternative if one of its words starts with it ("debt" for ``in debt``, "tumo" for ``tumou?r``).
    With it, at most how many characters of a match come before it (None when that has no bound)."""
    words = _literal_words(alt)
    if not words:
        return "", None
    at, word = max(words, key=lambda w: len(w[1]))
    lead = re._parser.parse(alt[:at]).getwidth()[1]  # type: ignore[attr-defined]
    return word[:6], lead if lead < 1000 else None


class _Alternative(NamedTuple):
    """One alternative of a topic's pattern, read where its trigger was found."""

    topic: str
    words: tuple[str, ...]  # the literal words every match holds
    lead: int | None  # at most this many characters of a match before the trigger (None: no bound)
    pattern: re.Pattern[str]  # the alternative alone, for lowercased text, as _SEARCH_LOW reads it


# Each trigger and the alternatives it stands for: "came" names sexuality only in a note that also holds
# "out", and only in a match of "came out" that starts at most a few characters before the trigger.
_BY_TRIGGER: dict[str, list[_Alternative]] = {}
for _topic, _pattern in _TOPICS.items():
    for _alt in _alternatives(_pattern):
        _word, _lead = _trigger(_alt)
        _BY_TRIGGER.setdefault(_word, []).append(_Alternative(
            _topic, tuple(w for _at, w in _literal_words(_alt)), _lead,
            caseless_twin(re.compile(r"[^\w&](?:" + _alt + r")(?![\w&])", re.IGNORECASE))))
# Topics with an alternative that has no literal word always run their own pattern.
_ALWAYS = frozenset(alt.topic for alt in _BY_TRIGGER.pop("", []))
# Read on " " + the lowercased note: the look-behind ``(?<![a-z&])`` becomes a consumed character, which
# lets the engine skip ahead to candidates; the leading blank stands for the start of the note. (A match
# ends on a letter, so the next one cannot need that letter as its consumed character.) An apostrophe may
# stand before a trigger, as before a topic's word: "his 'cancer' came back".
_TRIGGER_RE = re.compile(r"[^a-z&](" + trie_pattern(set(_BY_TRIGGER)) + ")")

# A literal first character of an alternative: a letter, digit, "&" or "'" that no quantifier follows.
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789&'")


def _factored(alts: list[str]) -> str:
    """``alts`` as one alternation with shared leading characters pulled out (``a(?:b|c)`` for ``ab|ac``):
    the engine tests a handful of first letters instead of every alternative in turn. It matches the
    same strings, possibly preferring another one first, so it serves where only "is there a match"
    counts."""
    groups: dict[str, list[str]] = {}
    rest = []
    for alt in alts:
        if alt[:1] in _PLAIN and alt[1:2] not in ("?", "*", "+", "{"):
            groups.setdefault(alt[0], []).append(alt[1:])
        else:
            rest.append(alt)
    out = []
    for head, tails in sorted(groups.items()):
        tail = _factored(tails)
        out.append(re.escape(head) + ("(?:" + tail + ")" if len(_alternatives(tail)) > 1 else tail))
    return "|".join(out + rest)


# _COMPILED with factored alternatives, read on " " + the note like _TRIGGER_RE: the consumed
# ``[^\w&]`` is the look-behind (the blank stands for the start). Only for ``search``.
_SEARCH = {topic: re.compile(r"[^\w&](?:" + _factored(_alternatives(pattern)) + r")(?![\w&])", re.IGNORECASE)
           for topic, pattern in _TOPICS.items()}
# The same for lowercased text, which the engine reads about twice as fast.
_SEARCH_LOW = {topic: caseless_twin(pattern) for topic, pattern in _SEARCH.items()}


def detect(text: str, lower: str | None = None, folds: bool | None = None) -> set[str]:
    """The sensitive topics ``text`` touches, as lowercase names (``"health"``, ``"financial"``, ...).
    ``lower`` is ``text.lower()`` and ``folds`` is ``caseless(text, lower)``, when the caller has them."""
    if lower is None:
        lower = text.lower()
    if not (caseless(text, lower) if folds is None else folds):
        # A letter whose case rules reach into ASCII ("ſ" matches "s") may stand in a trigger word and
        # not show in the lowercased note: every topic reads the note itself.
        padded = " " + text
        return {topic for topic, pattern in _SEARCH.items() if pattern.search(padded)}
    low = " " + lower
    found = {topic for topic in _ALWAYS if _SEARCH_LOW[topic].search(low)}
    # Every match of an alternative holds its trigger, found by _TRIGGER_RE, and starts at most ``lead``
    # characters before it: the alternative is searched from there, once per place it could start.
    searched: dict[int, int] = {}
    for m in _TRIGGER_RE.finditer(low):
        at = m.start(1)
        for alt in _BY_TRIGGER[m.group(1)]:
            if alt.topic in found or not all(w in low for w in alt.words):
                continue
            start = 0 if alt.lead is None else max(0, at - alt.lead - 1)
            if searched.get(id(alt), len(low) + 1) <= start:
                continue  # already searched from before here, and it found nothing
            searched[id(alt)] = start
            if alt.pattern.search(low, start):
                found.add(alt.topic)
    return found


TOPICS: tuple[str, ...] = tuple(_TOPICS)

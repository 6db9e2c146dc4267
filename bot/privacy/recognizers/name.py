"""Person names, from three kinds of evidence: the name gazetteer, word frequency, and context.

- A token the gazetteer lists as a first name or surname, and that is not an ordinary English word,
  is a name in any case: "Sarah", "sarah", "Okafor".
- A name that is also a word ("Will", "Grace", "Rose", "Mark") needs context: a title ("Mrs Rose"),
  a relation or cue word ("her son Will", "called Grace", "spoke to Mark"), a verb people do
  ("Grace said"), a possessive ("Will's card"), or another name beside it ("Grace Hopper").
- A token the gazetteer does not know is a name after a title or cue ("Mrs Oyelaran", "named Kofi"),
  beside a known name ("Priya Ramaswamy"), or before a reporting verb ("Kwabena said").
- Brands named after people ("Mr Kipling", "Jack Daniels"), places ("Florence"), months and days
  survive unless a title or relation says otherwise.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import itemgetter, sub
from typing import Any, NamedTuple

from bot.privacy.lexicon import brands, common_rank, names, places
from bot.privacy.recognizers.base import Candidate, Doc, caseless_twin
from bot.privacy.slackwire import KEEP

KIND = "name"

# Letters, with apostrophes or hyphens inside ("O'Brien", "Smith-Jones"); each separator needs a letter
# after it, so the pattern cannot backtrack, and its quantifiers are possessive (``++``) to tell the engine
# so: it keeps no places to return to, which makes the split a good part faster.
_TOKEN = re.compile(r"[^\W\d_]++(?:['’\-][^\W\d_]++)*+")
# The same, as a group: splitting on it gives gap, token, gap, token, ..., gap.
_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")
# On ASCII text a letter is [A-Za-z]: the same split, and the engine tests each character faster.
_TOKEN_SPLIT_ASCII = re.compile(r"([A-Za-z]++(?:['\-][A-Za-z]++)*+)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_POSSESSIVE = ("'s", "’s", "s'")

TITLES = frozenset("mr mrs ms miss mx dr prof professor sir dame auntie aunty uncle nan nana nanna grandma grandad "
                   "granny grandpa fr rev reverend madam madame mme mlle monsieur señor senor herr frau sr mister "
                   "missus".split())
_RELATIONS = frozenset(
    "son daughter husband wife partner mum mom mother dad father brother sister friend boyfriend girlfriend fiance "
    "fiancé fiancee fiancée grandson granddaughter grandchild nephew niece cousin carer caregiver colleague "
    "neighbour neighbor boss kid kids child baby twin stepson stepdaughter stepmum stepdad flatmate housemate mate "
    "pal toddler customer customers client patient guest regular member gentleman gent lady man woman guy chap "
    "girl boy resident visitor caller cardholder tenant lad lass fella bloke teenager student pensioner "
    "named called nicknamed aka surname forename firstname".split()
)
# Verbs and prepositions after which a known given name is a person even when it is also a word.
_CONTACT = frozenset(
    "to with for from by told tell asked ask thanked thank thanks helped help served serve met meet saw see "
    "call ring rang text texted email emailed phoned contact contacted remind reminded let spoke speak talked "
    "chatted handed gave give via cc dear hi hello hey bye and or nominate nominated congratulate praised "
    "introduced".split()
)
_AFTER = frozenset(
    "said says asked asks told tells came comes wanted wants bought buys paid pays rang complained complains "
    "mentioned mentions returned returns dropped brought needed needs loved loves likes liked thinks thought felt "
    "feels seemed looked reckons ordered booked phoned emailed wrote explained struggled couldn't can't didn't "
    "doesn't won't wasn't isn't would could should popped tried got gets goes went visited waited picked collected "
    "shouted cried laughed smiled thanked praised nominated volunteered organised organized helped raised donated "
    "showed forgot lost found spent used uses insisted refused demanded agreed signed joined cancelled arrived "
    "queued recommended kept turned was is has had will who whose herself himself family household twins".split()
)
# Person verbs strong enough to make an unknown capitalized word a name ("Kwabena said").
_SPEECH = frozenset("said says asked asks told tells complained mentioned explained rang phoned emailed "
                    "thanked insisted reckons wanted came typed tagged".split())
# Family words after which even a common word is a name ("her daughter Mark" is rare, "her son will" is not).
_FAMILY = frozenset("son daughter husband wife partner mum mom dad brother sister boyfriend girlfriend grandson "
                    "granddaughter nephew niece cousin friend carer".split())
_FUNCTION = frozenset("will may can said more must among each us my were are was is has had did do does not "
                      "also just even see saw".split())
_CALENDAR = frozenset("january february march april may june july august september october november december "
                      "jan feb mar apr jun jul aug sep sept oct nov dec "
                      "monday tuesday wednesday thursday friday saturday sunday christmas easter xmas ramadan eid "
                      "diwali hanukkah chanukah passover lent advent halloween thanksgiving hogmanay vaisakhi navratri "
                      "pentecost boxing".split())
# Words that stand where a name would ("He said", "Someone rang") and are never one.
_PRONOUNS = frozenset("i he she they we you it him her them us me someone somebody everyone everybody nobody anyone "
                      "this that these those who which what one another other both all staff manager team "
                      "the a an my his their our your its".split())
_PARTICLES = frozenset("van von der de del della da di du le la bin binti al el ibn ben mac st".split())
# Lowercase shop and food words that some locale also lists as a given name.
_SHOP_WORDS = frozenset("panini latte mocha chai brie prosecco rosé cava salsa pasta pizza tikka masala naan "
                        "sushi ramen bao tofu kale quinoa chia acai açaí matcha oat soya hummus falafel halloumi "
                        "feta paneer ghee tapas nacho nachos churro churros crêpe crepe gelato sorbet cola fanta "
                        "pepsi sprite tango vimto irn oreo kitkat twix mars bounty lion snickers rolo aero "
                        "maltesers haribo nutella lotus biscoff tesco asda lidl aldi costa nero pret greggs "
                        "argos currys boots primark zara mango next river island ikea amazon ebay paypal "
                        "klarna clubcard nectar visa amex".split())
_SENTENCE_END = frozenset(".!?\n:;•*-–—\ue000\ue001\"“(")


@lru_cache(maxsize=1)
def _brand_re() -> re.Pattern[str]:
    alts = sorted((re.escape(b).replace(r"\ ", r"\s{1,3}").replace("'", "['’]?") for b in brands()),
                  key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _brand_low() -> re.Pattern[str]:
    return caseless_twin(_brand_re())


def _brand_spans(doc: Doc, at: list[int]) -> list[tuple[int, int]]:
    """The brands (``_brand_re``) that start at one of ``at``, in order and apart.

    :func:`find` gives the starts of the note's words that are the first word of a brand: a brand is read
    where a word of the note opens one ("Jack Daniels", "jack's"), not inside a word ("x-Argos")."""
    brand, text = (_brand_low(), doc.lower) if doc.caseless else (_brand_re(), doc.text)
    out = []
    last = 0
    for pos in at:
        if pos < last:
            continue
        m = brand.match(text, pos)
        if m:
            out.append((pos, m.end()))
            last = m.end()
    return out


@lru_cache(maxsize=1)
def _brand_words() -> frozenset[str]:
    # The first word of every brand: the brand pattern is tried only at words of the note that are one.
    return frozenset(re.split(r"[\s'’.]", b, maxsplit=1)[0] for b in brands())


# How rare a word must be (its rank among English words) to pass for a name when context is strong:
# "gave Mei a refund", "registered to Mei Wood". Ordinary words rank far higher than this.
_UNCOMMON_RANK = 8000
_RARE = 10**9  # the rank of a word outside the list
_PERSON_CUES = frozenset("named called nicknamed aka".split())
# Words before "to", "from", "for" or "with" that make what follows a person, not a place: "registered
# to Mei", "a text from Bartosz", "spoke to oluwaseun" (but "visitors from Swindon", "moved to Luton").
_PERSON_BEFORE_PREP = frozenset(
    "registered belongs belonged belonging spoke speak speaking talked talking chatted chatting said say explained "
    "explain apologised apologized gave give given giving handed passed lent sold showed introduced wrote write "
    "written replied reply listened complained application call calls message messages text texts email emails "
    "letter letters note notes complaint complaints gift gifts present presents review reviews donation donations "
    "flowers thanks thank request requests feedback referral referred refund refunds receipt voucher card cards "
    "nomination shoutout shout-out compliment compliments apology belong issued addressed quoted served signed "
    "approved helped seen paid made brought left dropped handled recommended collected".split())
# Words that close a clause, after which a new subject (a person) may follow: "..., bartosz had no ID".
_CLAUSE = frozenset("and but so then because cos coz when while if though although as until unless once "
                    "think thinks thought reckon reckons guess".split())
# After a relation ("her son will ..."), these follow a person, not a modal verb.
# Verbs whose object is a person, never a thing: "told chidi", not "email bounced".
_OBJECT_VERBS = frozenset("told tell asked ask thanked thank helped help served serve met meet saw rang texted emailed "
                          "phoned contacted remind reminded let gave give handed dear hi hello hey bye cc nominate "
                          "nominated congratulate congratulated praised introduced".split())
_NOT_AFTER_NAME = frozenset("will would could should who whose family household twins herself himself be".split())


# Verbs that follow a person far more often than a thing: what a lowercase word at the start of a
# clause needs after it to be read as a name ("bartosz had no ID", not "rota needs another person").
_PERSON_VERBS = _SPEECH | frozenset(
    "had will wants wanted came popped paid bought brought dropped forgot tried went thanked typed tagged left gave "
    "quoted picked collected signed booked ordered returned waited queued cried laughed smiled shouted insisted "
    "refused agreed seemed looked felt thinks thought loves loved likes liked couldn't can't didn't doesn't won't "
    "wasn't isn't would could should nominated volunteered donated".split())


_VERB_ENDINGS = ("ed", "ing", "ly")
_WEAK_OBJECT_VERBS = frozenset("let help see saw gave give meet met dear hi hello hey bye cc".split())
_AFTER_OBJECT = frozenset("for about and to that with at on when if".split())


def _word_rank(rank: dict[str, int], low: str) -> int:
    # A plural is as ordinary as its singular: "rang donors" is not a name because "donors" ranks
    # lower in the word list than "donor" does.
    best = rank.get(low, _RARE)
    if low.endswith("s") and len(low) > 3:
        best = min(best, rank.get(low[:-1], _RARE), rank.get(low[:-2], _RARE) if low.endswith("es") else _RARE)
    return best


@lru_cache(maxsize=1 << 16)
def _uncommon(low: str) -> bool:
    """Rarer than an ordinary word (see _word_rank); depends only on the word, so it is kept per word."""
    return _word_rank(common_rank(), low) > _UNCOMMON_RANK


def _person_verb(lows: Sequence[str], k: int) -> bool:
    if k >= len(lows) or lows[k] not in _PERSON_VERBS:
        return False
    # "will pop in" follows a person, "will be" and "will need" follow anything.
    return not (lows[k] in ("will", "would", "could", "should") and k + 1 < len(lows)
                and lows[k + 1] in ("be", "need", "have", "take", "get", "go", "run", "end", "start"))


# Every rule for a lowercase or word-like name reads one of these beside it (a superset, for speed).
_PREV_CUES = (_RELATIONS | _FAMILY | _CONTACT | _OBJECT_VERBS | _PERSON_CUES | TITLES
              | frozenset(("is", "name's", "to", "from", "for", "with", "by")))
_NEXT_CUES = _AFTER | _SPEECH | _PERSON_VERBS | _RELATIONS | frozenset(("family", "and", "&"))
# Shop-floor shorthand for customers and people ("cust said", "custs asked"): never a name.
_SHORTHAND = frozenset("cust custs cust's cx cus ppl pple pt pts abt thx pls plz asap fyi btw app apps".split())
_NEVER = TITLES | _RELATIONS | _PRONOUNS | _SHORTHAND
# After these an unknown word is a place or a thing, not a person ("from Swindon", "on chemo").
_NOT_BEFORE_PERSON = frozenset("from in at near to around outside on of about into onto over off".split())
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# How frequent a word must be for a near-miss spelling of it to be read as a typo, not a name: a doubled
# or swapped letter is plainly a slip, a changed or missing letter could as well be a rare name ("chidi"
# is one letter from "chili"), so those count only against the most frequent words.
_TYPO_RANK = 30000
_TYPO_RANK_CHANGED = 5000


# What the candidate test in :func:`find` reads of a (lowercase, possessive-stripped) word by itself.
_SKIP, _STRONG, _PREV, _MAY_NEXT, _NEXT, _CAP = 1, 2, 4, 8, 16, 64
# Some kinds of word have one way only to become a name in :func:`find`: a cue word just before them, or
# (the first kind) just after. A token of such a kind with neither beside it is not judged at all.
# Each entry is (words before, words after); see _gate for which kind a token is and why.
_GATES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset(), frozenset()),  # no limit
    (TITLES | _RELATIONS | frozenset(("is", "name's")), _SPEECH | _RELATIONS),
    (TITLES | _FAMILY | _OBJECT_VERBS | frozenset(("named", "called", "nicknamed")), frozenset()),
    (TITLES, frozenset()),
    (TITLES | frozenset(("named", "called", "nicknamed", "is", "aka")), frozenset()),
)


def _gate(low: str, f: str, cap: bool) -> int:
    """Which entry of _GATES limits a token (0: none), read off the branches of :func:`find`'s judgement.

    1. Capitalized, unknown to the gazetteer, and an ordinary word (``rare`` and ``uncommon`` false):
       a name only when titled, after a relation or "name is", before a speech verb, or possessive
       before a relation ("Baker's son").
    2. Lowercase, a very common word the gazetteer lists ("will", "over"), not a month or place: only
       when titled, after a family word, after "named"/"called", or as the object of a person verb.
    3. Lowercase, unknown to the gazetteer, a shop word or ending like a verb or adverb: only titled.
    4. Lowercase, unknown to the gazetteer, an ordinary word: only titled or after "named", "called",
       "nicknamed", "aka" or "is".
    """
    special = low in _CALENDAR or low in places()
    if cap:
        return 1 if not f and low in common_rank() and not _uncommon(low) else 0
    if special:
        return 0
    if f:
        return 2 if "c" in f else 0
    if low in _SHOP_WORDS or low.endswith(_VERB_ENDINGS):
        return 3
    return 4 if not _uncommon(low) else 0


@lru_cache(maxsize=1 << 16)
def _word_facts(low: str) -> tuple[str, int]:
    """The word's gazetteer flags, and bits: never a name itself (``_SKIP``), a gazetteer name that is no
    word (``_STRONG``), a cue before a name (``_PREV``), known or rare enough to be a name beside a cue
    (``_MAY_NEXT``), a cue after a name (``_NEXT``). Depends only on the word, so it is kept per word."""
    f = names().get(low, "")
    bits = 0
    if low in _NEVER or len(low) < 2:
        bits |= _SKIP
    if f and "c" not in f and "w" not in f:
        bits |= _STRONG
    if low in _PREV_CUES:
        bits |= _PREV
    if f or common_rank().get(low, _RARE) > _UNCOMMON_RANK:
        bits |= _MAY_NEXT
    if low in _NEXT_CUES:
        bits |= _NEXT
    return f, bits


_Facts = tuple[str, int, str, int, bool, int]
# _token_facts per token seen, emptied when full: a dict lookup per token is a good part cheaper than an
# lru_cache's, and a note has thirty tokens or so, read twice.
_FACTS: dict[str, _Facts] = {}
_FACTS_MAX = 1 << 16


def _facts_of(raws: list[str]) -> list[_Facts]:
    """_token_facts of each token."""
    facts = list(map(_FACTS.get, raws))
    if None in facts:
        if len(_FACTS) > _FACTS_MAX:
            _FACTS.clear()
        for i, fact in enumerate(facts):
            if fact is None:
                facts[i] = _FACTS[raws[i]] = _token_facts(raws[i])
    return facts  # type: ignore[return-value]  # every None was replaced


def _token_facts(raw: str) -> _Facts:
    """What :func:`find` reads of a token by itself: its lowercase form without a possessive ending,
    that ending's length, the gazetteer flags, the bits of :func:`_word_facts` with ``_CAP``, whether it
    is capitalized (an all-capitals word of two to four letters is an acronym, not a capital), and its
    entry in _GATES."""
    low = raw.lower()
    cut = 0
    if "'" in low or "’" in low:
        for suffix in _POSSESSIVE:
            if low.endswith(suffix) and len(low) > len(suffix) + 1:
                cut = len(suffix)
                low = low[:-cut]
                break
    f, bits = _word_facts(low)
    cap = raw[0].isupper() and not (raw.isupper() and 1 < len(raw) <= 4)
    return low, cut, f, bits | (_CAP if cap else 0), cap, _gate(low, f, cap)


@lru_cache(maxsize=1 << 14)
def _typo_of_common(low: str) -> bool:
    """True when ``low`` is one edit (a letter added, dropped, swapped with its neighbour or changed)
    away from a frequent English word: notes are typed fast on phones, and "aboout", "coulpe" and
    "reggulars" in a person's place in a sentence are typos, not names."""
    if len(low) < 4 or not low.isascii() or not low.isalpha():
        return False
    rank = common_rank()

    def common(word: str, limit: int = _TYPO_RANK) -> bool:
        return rank.get(word, _RARE) <= limit

    n = len(low)
    # Past five letters a near-miss of a rarer word is still far likelier a slip than a name.
    changed = _TYPO_RANK if n > 5 else _TYPO_RANK_CHANGED
    for k in range(n):
        if common(low[:k] + low[k + 1:]):
            return True  # a letter too many: "aboout", "reggulars"
        if k + 1 < n and common(low[:k] + low[k + 1] + low[k] + low[k + 2:]):
            return True  # two letters swapped: "coulpe"
        for c in _LETTERS:
            if c != low[k] and common(low[:k] + c + low[k + 1:], changed):
                return True  # a letter changed: "coyple"
    # a letter missing: "abot"
    return any(common(low[:k] + c + low[k:], changed) for k in range(n + 1) for c in _LETTERS)


class Tokens(NamedTuple):
    """The words of a text as :func:`find` reads them: where each starts and ends (possessive included),
    and what _token_facts says of it."""

    starts: Sequence[int]
    ends: Sequence[int]
    lows: Sequence[str]
    cuts: Sequence[int]
    flags: Sequence[str]
    wbits: Sequence[int]
    caps: Sequence[bool]
    gates: Sequence[int]


def words(doc: Doc) -> Tokens:
    """The words of ``doc`` as :func:`find` reads them, split once per note (``Doc.tokens``)."""
    if doc.tokens is None:
        doc.tokens = _tokens(doc.text)
    return doc.tokens  # type: ignore[no-any-return]


def joined(tokens: Tokens) -> bool:
    """True when a word has an apostrophe or hyphen inside it (a possessive ending aside): a pattern that
    needs a word boundary may then start or end inside that word ("x-road", "march-ish")."""
    joined_lows = "|".join(tokens.lows)
    return "-" in joined_lows or "'" in joined_lows or "’" in joined_lows


def find(doc: Doc) -> list[Candidate]:
    """Names of people in ``doc``; see the module docstring for the evidence each needs."""
    text = doc.text
    starts, rends, lows, cuts, flags, wbits, caps, gates = words(doc)
    n = len(starts)
    if not n:
        return []
    near, split = _near_stand_ins(text, starts, n) if doc.reread else (None, frozenset())
    # "Will's", "Sarah’s": the name is the token without its possessive ending.
    ends = list(map(sub, rends, cuts)) if any(cuts) else rends
    rank = common_rank()
    cand = _candidates(lows, wbits, gates, near, split)
    if not cand:
        return []

    # Characters already claimed by another recognizer, or inside a brand, are never part of a name.
    claimed = bytearray(len(text) + 1)
    for c in doc.found:
        claimed[c.start:c.end] = b"\x01" * (c.end - c.start)
    heads = _brand_words().intersection(lows)
    if heads:
        for bs, be in _brand_spans(doc, [starts[k] for k in range(n) if lows[k] in heads]):
            claimed[bs:be] = b"\x02" * (be - bs)

    def blocked(k: int) -> bool:
        return bool(claimed[starts[k]]) or bool(claimed[ends[k] - 1])

    def in_brand(k: int) -> bool:
        return claimed[starts[k]] == 2

    def loose(k: int) -> bool:
        # Context words may sit one comma, space or possessive away: "her son, Will", "Ravi's daughter".
        if k + 1 >= n:
            return False
        gap = text[ends[k]:starts[k + 1]]
        if gap[:2] in _POSSESSIVE:
            gap = gap[2:]
        return len(gap) <= 3 and gap.strip(" ,") == "" and "\n" not in gap

    def adjacent(a: int, b: int) -> bool:
        # Two tokens are parts of one name when only a space (or a hyphen) separates them.
        gap = text[ends[a]:starts[b]]
        return 0 < len(gap) <= 2 and gap.strip(" -") == "" and "\n" not in gap

    def starts_sentence(k: int) -> bool:
        if k == 0:
            return True
        gap = text[rends[k - 1]:starts[k]]
        stripped = gap.strip()
        return (bool(stripped) and stripped[-1] in _SENTENCE_END) or "\n" in gap

    def clause_start(k: int) -> bool:
        if starts_sentence(k) or "," in text[rends[k - 1]:starts[k]]:
            return True
        return lows[k - 1] in _CLAUSE and (k < 2 or lows[k - 2] not in ("the", "a", "an"))

    common = rank.keys()
    places_ = places()
    is_name = [False] * n
    for i in cand:
        low = lows[i]
        if blocked(i):
            continue
        f = flags[i]
        special = low in _CALENDAR or low in places_
        if f and caps[i] and "w" not in f and "c" not in f and not special:
            # A capitalized gazetteer name that is no ordinary word, month or place: a name whatever
            # its neighbours (the rules below all come to the same answer).
            is_name[i] = True
            continue
        # A cue word inside a brand ("Hugo Boss stock") is not a cue.
        has_prev = i > 0 and loose(i - 1) and not blocked(i - 1)
        prev = lows[i - 1] if has_prev else ""
        prev2 = lows[i - 2] if has_prev and i > 1 else ""
        has_next = loose(i)
        nxt = lows[i + 1] if has_next else ""
        possessive = (text[ends[i]:ends[i] + 2] in _POSSESSIVE
                      or (text[ends[i]:ends[i] + 1] in "'’" and low.endswith("s")))
        cap = caps[i]
        titled = prev.rstrip(".") in TITLES
        related = prev in _RELATIONS or (prev == "is" and prev2 in ("name", "names")) or prev == "name's"
        person_prep = prev in ("to", "from", "for", "with", "by") and prev2 in _PERSON_BEFORE_PREP
        contact = prev in _CONTACT or person_prep
        after = nxt in _AFTER
        family_possessive = possessive and nxt in _RELATIONS
        surname_family = nxt == "family" and ("l" in f or low not in common)
        uncommon = _uncommon(low)
        # "told will about", "thanked grace for": the object of a person verb, then a preposition.
        object_of_verb = (prev in _OBJECT_VERBS and prev not in _WEAK_OBJECT_VERBS
                          and (not has_next or nxt in _AFTER_OBJECT))
        if titled:
            is_name[i] = True
        elif not f:
            rare = low not in common
            # Unknown to the gazetteer: context decides, and a common word needs a speech verb.
            after_brand = i > 0 and loose(i - 1) and in_brand(i - 1)
            if after_brand or (prev in _NOT_BEFORE_PERSON and not person_prep):
                # "visitors from Swindon said": after a preposition an unknown word is a place, and
                # after a brand it is a product ("the Sara Lee multipack says").
                is_name[i] = False
            elif special:
                is_name[i] = related and low not in _CALENDAR
            elif cap:
                # "Chidi Wood": an unknown rare word before a capitalized surname is a given name.
                before_surname = (has_next and caps[i + 1] and "l" in flags[i + 1] and "c" not in flags[i + 1])
                is_name[i] = ((related or nxt in _SPEECH or family_possessive or surname_family
                               or (uncommon and after) or (rare and contact and not starts_sentence(i))
                               or (uncommon and (before_surname or prev in _OBJECT_VERBS or person_prep)))
                              # "Gntleman couldn't log in", "btw Sommeone asked": a capital opening a
                              # sentence says nothing, and a slip of a common word is no name.
                              and not (rare and not related
                                       and (starts_sentence(i) or (i > 0 and lows[i - 1] in _SHORTHAND))
                                       and _typo_of_common(low)))
            elif low in _SHOP_WORDS or low.endswith(_VERB_ENDINGS):
                is_name[i] = False  # "thanked will", "rota needs": verbs and adverbs are not names
            else:
                # Lowercase and unknown: a name only in a person's place in the sentence ("told
                # chidi", "mei's daughter", ", bartosz had no ID"), never "rota needs another person",
                # and never a slip of a common word ("a coulpe said"); the typo check is the dearest, so last.
                is_name[i] = ((related and prev in ("named", "called", "nicknamed", "is", "aka"))
                              or (uncommon and (nxt in _SPEECH or family_possessive or surname_family
                                                or person_prep or prev in _OBJECT_VERBS
                                                or (has_next and _person_verb(lows, i + 1) and clause_start(i)))
                                  and not (rare and _typo_of_common(low))))
        elif special:
            # A place that is also a name ("Florence") needs a person cue, and never after "from".
            is_name[i] = low not in _CALENDAR and (related or family_possessive or (
                cap and nxt in _SPEECH and prev not in ("from", "in", "at", "to", "near", "and")))
        elif cap:
            wordlike = "w" in f or "c" in f
            if not wordlike:
                is_name[i] = True
            elif "c" in f and not (related or (after and not starts_sentence(i))):
                # "Will came in": a very common word opening a sentence is a name before a person verb.
                is_name[i] = (starts_sentence(i) and after and nxt not in _NOT_AFTER_NAME
                              and low not in _CALENDAR)
            else:
                is_name[i] = related or after or possessive or surname_family or (contact and not starts_sentence(i))
        else:
            if prev in _FAMILY and (low in _FUNCTION or "c" in f):
                # "her son will had a fall", not "her son will be in": a modal is followed by a verb.
                # "young mum said" at the end of a note is the verb.
                is_name[i] = low not in _SPEECH and (not has_next or possessive or nxt in ("and", "&")
                                                     or (after and nxt not in _NOT_AFTER_NAME))
            elif low in _FUNCTION or low in _SHOP_WORDS:
                is_name[i] = object_of_verb and low in ("will", "may", "mark", "said")
            elif "c" in f:
                is_name[i] = prev in ("named", "called", "nicknamed") or object_of_verb
            elif "w" in f:
                is_name[i] = related or nxt in _SPEECH or family_possessive or surname_family or object_of_verb
            elif "e" in f:
                is_name[i] = True
            else:
                is_name[i] = (related or (contact and "f" in f) or nxt in _SPEECH or family_possessive
                              or surname_family or (has_next and _person_verb(lows, i + 1) and clause_start(i)))

    _grow(text, is_name, lows, flags, caps, blocked, adjacent, starts_sentence, n)
    out = []
    last = -1
    for i in compress(range(n), is_name):
        if i <= last:
            continue  # already inside the name before
        j = i
        while j + 1 < n and is_name[j + 1] and adjacent(j, j + 1):
            j += 1
        # A particle between two name parts belongs to the name: "Ana de Souza".
        if (j + 2 < n and lows[j + 1] in _PARTICLES and is_name[j + 2]
                and adjacent(j, j + 1) and adjacent(j + 1, j + 2)):
            j += 2
            while j + 1 < n and is_name[j + 1] and adjacent(j, j + 1):
                j += 1
        out.append(Candidate(starts[i], ends[j], KIND))
        last = j
    return out


def _ascii_letters(text: str) -> bool:
    """True when _TOKEN_SPLIT_ASCII splits ``text`` as _TOKEN_SPLIT does: no character outside ASCII is
    a letter to the pattern (``\\w`` but not ``\\d``) or the curly apostrophe. "£", emoji and the
    stand-ins of a scrubbed note are not."""
    if text.isascii():
        return True
    for ch in _NON_ASCII.findall(text):
        if ch == "’" or (ch.isalnum() and not ch.isdecimal()):
            return False
    return True


def _candidates(lows: Sequence[str], wbits: Sequence[int], gates: Sequence[int], near: list[int] | None,
                split: frozenset[int] = frozenset()) -> list[int]:
    """The tokens :func:`find` judges, in order.

    Only tokens the gazetteer knows, capitalized ones, rare ones, and ones after a relation or "is" can
    be names; the rest of the note (most of it) is never looked at twice: a token with none of the bits
    ``_CAP``, ``_STRONG``, ``_PREV``, ``_MAY_NEXT`` is neither a candidate itself nor a cue for its
    neighbour. On a re-read only the tokens ``near``
    a placeholder are judged (see _near_stand_ins); ``split`` holds the tokens with a stand-in just
    before them. A word is a cue for its neighbour only when nothing but blanks, a comma or a possessive
    sits between them (:func:`find`'s ``loose``), so none is across a stand-in.
    """
    n = len(wbits)
    if near is None:
        # Every token, each read once with its neighbours' bits.
        out = []
        before = 0
        for i, b in enumerate(wbits):
            if ((b & (_CAP | _STRONG) or before & _PREV or (b & _MAY_NEXT and i + 1 < n and wbits[i + 1] & _NEXT))
                    and not b & _SKIP and (not gates[i] or _cued(lows, gates, i, n))):
                out.append(i)
            before = b
        return out
    # A few tokens near stand-ins: a neighbour across one is none.
    return [i for i in near
            if (wbits[i] & (_CAP | _STRONG) or (i and i not in split and wbits[i - 1] & _PREV)
                or (wbits[i] & _MAY_NEXT and i + 1 < n and i + 1 not in split and wbits[i + 1] & _NEXT))
            and not wbits[i] & _SKIP and (not gates[i] or _cued(lows, gates, i, n, split))]


def _cued(lows: Sequence[str], gates: Sequence[int], i: int, n: int, split: frozenset[int] = frozenset()) -> bool:
    """False for a kind of word that needs a cue beside it (see _gate) and has none. (Titles, relations
    and pronouns, ``_SKIP``, are never names themselves: they are ruled out before this.)"""
    g = gates[i]
    return (not g or (i > 0 and i not in split and lows[i - 1] in _GATES[g][0])
            or (i + 1 < n and i + 1 not in split and lows[i + 1] in _GATES[g][1]))


def _tokens(text: str) -> Tokens:
    # One split gives the tokens and the gaps between them; positions are running sums of lengths.
    parts = (_TOKEN_SPLIT_ASCII if _ascii_letters(text) else _TOKEN_SPLIT).split(text)
    n = len(parts) // 2
    if not n:
        return Tokens((), (), (), (), (), (), (), ())
    bounds = list(accumulate(map(len, parts)))
    lows, cuts, flags, wbits, caps, gates = zip(*_facts_of(parts[1::2]), strict=False)  # every fact has six
    return Tokens(bounds[0:2 * n:2], bounds[1::2], lows, cuts, flags, wbits, caps, gates)


class Kept(NamedTuple):
    """How the words of a text sit once spans of it are stand-ins (see :func:`kept_words`)."""

    kept: list[int]  # the words no span overlaps, by index, in order
    shifts: list[int]  # for each span, how far back the words kept after it move
    split: list[int]  # for each span, the position in ``kept`` of the first word after it


def kept_words(tokens: Tokens, spans: Sequence[tuple[int, int]]) -> Kept:
    """The words of the text with each of ``spans`` (sorted, apart: what each stand-in takes, a
    possessive ending with it) replaced by one stand-in that touches no word.

    Such a stand-in neither cuts nor joins words: the words of that text are the words of this one that
    no span overlaps, in order, each moved back by what the spans before it lost.
    """
    starts, ends = tokens.starts, tokens.ends
    kept: list[int] = []
    shifts: list[int] = []
    split: list[int] = []
    pos = shift = 0
    for s, e in spans:
        first = max(bisect_right(ends, s), pos)  # the first word ending after the span starts
        kept.extend(range(pos, first))
        split.append(len(kept))  # the stand-in stands before the next word kept
        shift += e - s - 1
        shifts.append(shift)
        pos = max(bisect_left(starts, e), pos)  # the first word starting at or after its end
    kept.extend(range(pos, len(starts)))
    return Kept(kept, shifts, split)


def _pick(kept: list[int]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    if len(kept) > 1:
        return itemgetter(*kept)
    return lambda seq: tuple(seq[i] for i in kept)


def after_stand_ins(tokens: Tokens, where: Kept) -> Tokens:
    """The words of the text ``where`` (kept_words of ``tokens``) describes, as :func:`find` would split
    that text: given as ``Doc.tokens``, it reads the text as if it had split it itself."""
    if not where.kept:
        return Tokens((), (), (), (), (), (), (), ())
    moved = list(repeat(0, where.split[0] if where.split else len(where.kept)))
    for j, (at, shift) in enumerate(zip(where.split, where.shifts, strict=True)):
        upto = where.split[j + 1] if j + 1 < len(where.split) else len(where.kept)
        moved.extend(repeat(shift, upto - at))
    pick = _pick(where.kept)
    return Tokens(list(map(sub, pick(tokens.starts), moved)), list(map(sub, pick(tokens.ends), moved)),
                  *(pick(column) for column in tokens[2:]))


def quiet_after(tokens: Tokens, where: Kept) -> bool:
    """True when :func:`find`, reading as a re-read the text ``where`` (kept_words of ``tokens``)
    describes, would judge no token at all, so finds nothing: it judges only tokens near a stand-in, and
    this tests those without splitting the text or moving every word."""
    m = len(where.kept)
    near = sorted({i for k in where.split for i in range(max(k - 3, 0), min(k + 3, m))})
    if not near:
        return True
    pick = _pick(where.kept)
    return not _candidates(pick(tokens.lows), pick(tokens.wbits), pick(tokens.gates), near, frozenset(where.split))


def _near_stand_ins(text: str, starts: Sequence[int], n: int) -> tuple[list[int], frozenset[int]]:
    """The tokens within three words of a stand-in, and the tokens with a stand-in just before them.

    On a re-read only those near a stand-in have a new context; every rule reads at most two tokens
    either side, so the others were judged the same way the first time."""
    near: set[int] = set()
    split: set[int] = set()
    pos = text.find(KEEP)
    while pos >= 0:
        k = bisect_left(starts, pos)
        split.add(k)
        near.update(range(max(k - 3, 0), min(k + 3, n)))
        pos = text.find(KEEP, pos + 1)
    return sorted(near), frozenset(split)


def _grow(text: str, is_name: list[bool], lows: Sequence[str], flags: Sequence[str], caps: Sequence[bool],
          blocked: Callable[[int], bool], adjacent: Callable[[int, int], bool],
          starts_sentence: Callable[[int], bool], n: int) -> None:
    """Grow each name over the surname or given name beside it ("Grace Hopper", "priya ramaswamy"),
    and over a given name joined to it by "and" ("Dawn and Priya")."""
    rank = common_rank()
    places_ = places()
    todo = list(compress(range(n), is_name))
    while todo:
        i = todo.pop()
        for j in (i - 1, i + 1):
            if not 0 <= j < n or is_name[j] or blocked(j):
                continue
            a, b = (j, i) if j < i else (i, j)
            if not adjacent(a, b):
                continue
            if (j > i and starts_sentence(j)) or (j < i and starts_sentence(i)):
                continue
            u = lows[j]
            if u in _CALENDAR or u in TITLES or u in _RELATIONS or u in _AFTER or u in _CONTACT or u in _PRONOUNS:
                continue
            fu = flags[j]
            if caps[i] and caps[j] and "c" not in fu and (j < i or u not in places_):
                is_name[j] = True
            elif (not caps[i] and not caps[j] and fu and "c" not in fu
                  and ("w" not in fu or (j > i and "l" in fu))):
                is_name[j] = True
            elif (not caps[j] and not fu and u not in _SHOP_WORDS and len(u) > 2
                  and (u not in rank or (j < i and rank[u] > _UNCOMMON_RANK))
                  and u not in _FUNCTION):
                # "oluwaseun lloyd": a rare word beside a lowercase name is part of it.
                is_name[j] = True
            if is_name[j]:
                todo.append(j)
        for ia, op in ((i - 2, i - 1), (i + 2, i + 1)):
            if not 0 <= ia < n or is_name[ia] or lows[op] not in ("and", "&") or blocked(ia):
                continue
            ta, fa = lows[ia], flags[ia]
            if ta in places_ or ta in _CALENDAR or ta in _PRONOUNS:
                continue
            if not fa and caps[ia] and rank.get(ta, _RARE) > _UNCOMMON_RANK:
                is_name[ia] = True  # "Sarah and Mei"
                todo.append(ia)
                continue
            if "f" not in fa:
                continue
            if caps[ia] or ("c" not in fa and ta not in _FUNCTION) or starts_sentence(ia):
                is_name[ia] = True
                todo.append(ia)

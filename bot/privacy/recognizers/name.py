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
from functools import lru_cache

from bot.privacy.lexicon import brands, common_words, names, places
from bot.privacy.recognizers.base import Candidate, Doc

KIND = "name"

_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_])){0,40}")
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
                      "monday tuesday wednesday thursday friday saturday sunday christmas easter".split())
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
def _brand_words() -> frozenset[str]:
    # The first word of every brand: the brand pattern runs only on notes holding one of them.
    return frozenset(re.split(r"[\s'’.]", b, maxsplit=1)[0] for b in brands())


class _Tok:
    __slots__ = ("cap", "end", "flags", "key", "low", "start", "starts_sentence")

    def __init__(self, text: str, start: int, end: int, starts_sentence: bool) -> None:
        raw = text[start:end]
        low = raw.lower()
        for suffix in _POSSESSIVE:
            if low.endswith(suffix) and len(low) > len(suffix) + 1:
                end -= len(suffix)
                low = low[: -len(suffix)]
                break
        self.start, self.end, self.low = start, end, low
        self.cap = raw[:1].isupper() and not (raw.isupper() and len(raw) > 1 and len(raw) <= 4)
        self.key = low
        self.flags = names().get(low, "")
        self.starts_sentence = starts_sentence


def _tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    last_end = 0
    for m in _TOKEN.finditer(text):
        gap = text[last_end:m.start()]
        stripped = gap.strip()
        starts = not toks or (bool(stripped) and stripped[-1] in _SENTENCE_END) or "\n" in gap
        toks.append(_Tok(text, m.start(), m.end(), starts))
        last_end = m.end()
    return toks


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    # Two tokens are parts of one name when only a space (or a hyphen) separates them.
    gap = text[a.end:b.start]
    return 0 < len(gap) <= 2 and gap.strip(" -") == "" and "\n" not in gap


def find(doc: Doc) -> list[Candidate]:
    """Names of people in ``doc``; see the module docstring for the evidence each needs."""
    text = doc.text
    toks = _tokens(text)
    loose = [_adjacent_loose(text, toks[k], toks[k + 1]) for k in range(len(toks) - 1)] + [False]
    if not toks:
        return []
    # Characters already claimed by another recognizer, or inside a brand, are never part of a name.
    spans = [(c.start, c.end) for c in doc.found]
    bwords = _brand_words()
    if any(t.low in bwords for t in toks):
        spans += [(m.start(), m.end()) for m in _brand_re().finditer(text)]
    claimed = bytearray(len(text) + 1)
    for s, e in spans:
        claimed[s:e] = b"\x01" * (e - s)

    def blocked(t: _Tok) -> bool:
        return bool(claimed[t.start]) or bool(claimed[t.end - 1])

    n = len(toks)
    is_name = [False] * n
    for i, t in enumerate(toks):
        if len(t.low) < 2 or blocked(t) or t.low in TITLES or t.low in _RELATIONS or t.low in _PRONOUNS:
            continue
        # A cue word inside a brand ("Hugo Boss stock") is not a cue.
        prev = toks[i - 1].low if i > 0 and loose[i - 1] and not blocked(toks[i - 1]) else ""
        prev2 = toks[i - 2].low if i > 1 and prev else ""
        nxt = toks[i + 1].low if loose[i] else ""
        nxt_tok = toks[i + 1] if loose[i] else None
        possessive = text[t.end:t.end + 2] in _POSSESSIVE or (text[t.end:t.end + 1] in "'’" and t.low.endswith("s"))
        titled = prev.rstrip(".") in TITLES
        related = prev in _RELATIONS or (prev == "is" and prev2 in ("name", "names")) or prev in ("name's",)
        contact = prev in _CONTACT
        after = nxt in _AFTER
        f = t.flags
        special = t.low in _CALENDAR or t.low in places()
        family_possessive = possessive and nxt in _RELATIONS
        if titled:
            is_name[i] = True
        elif not f:
            # Unknown to the gazetteer: context decides, and a common word needs a speech verb.
            rare = t.low not in common_words()
            after_brand = i > 0 and loose[i - 1] and blocked(toks[i - 1])
            if after_brand or prev in ("from", "in", "at", "near", "to", "around", "outside"):
                # "visitors from Swindon said": after a preposition an unknown word is a place, and
                # after a brand it is a product ("the Sara Lee multipack says").
                is_name[i] = False
            elif special:
                is_name[i] = related and t.low not in _CALENDAR
            elif t.cap:
                # "Chidi Wood": an unknown rare word before a capitalized surname is a given name.
                before_surname = (nxt_tok is not None and nxt_tok.cap and "l" in nxt_tok.flags
                                  and "c" not in nxt_tok.flags)
                is_name[i] = (related or nxt in _SPEECH or family_possessive
                              or (rare and (after or before_surname or (contact and not t.starts_sentence))))
            else:
                is_name[i] = ((related and prev in ("named", "called", "nicknamed", "is", "aka"))
                              or (rare and (nxt in _SPEECH or family_possessive)))
        elif special:
            # A place that is also a name ("Florence") needs a person cue, and never after "from".
            is_name[i] = t.low not in _CALENDAR and (related or family_possessive or (
                t.cap and nxt in _SPEECH and prev not in ("from", "in", "at", "to", "near", "and")))
        elif t.cap:
            wordlike = "w" in f or "c" in f
            if not wordlike:
                is_name[i] = True
            elif "c" in f and not (related or (after and not t.starts_sentence)):
                is_name[i] = False
            else:
                is_name[i] = related or after or possessive or (contact and not t.starts_sentence)
        else:
            if t.low in _FUNCTION or t.low in _SHOP_WORDS:
                is_name[i] = False
            elif "c" in f:
                is_name[i] = prev in _FAMILY or prev in ("named", "called", "nicknamed")
            elif "w" in f:
                is_name[i] = related or nxt in _SPEECH or family_possessive
            elif "e" in f:
                is_name[i] = True
            else:
                is_name[i] = related or (contact and "f" in f) or nxt in _SPEECH or family_possessive

    # Grow each name over the surname or given name beside it: "Grace Hopper", "priya ramaswamy".
    changed = True
    while changed:
        changed = False
        for i in range(n):
            if not is_name[i]:
                continue
            for j in (i - 1, i + 1):
                if not 0 <= j < n or is_name[j] or blocked(toks[j]):
                    continue
                a, b = (toks[j], toks[i]) if j < i else (toks[i], toks[j])
                if not _adjacent(text, a, b):
                    continue
                u = toks[j]
                if j > i and u.starts_sentence:
                    continue
                if j < i and toks[i].starts_sentence:
                    continue
                if u.low in _CALENDAR or u.low in TITLES or u.low in _RELATIONS or u.low in _AFTER or u.low in _CONTACT:
                    continue
                fu = u.flags
                if toks[i].cap and u.cap and (not fu or ("c" not in fu)) and (j < i or u.low not in places()):
                    is_name[j] = changed = True
                elif (not toks[i].cap and not u.cap and fu and "c" not in fu
                      and ("w" not in fu or (j > i and "l" in fu))):
                    is_name[j] = changed = True
        # "Dawn and Priya": a given name joined by "and" to a name is a name too.
        for i in range(n - 2):
            for ia, ib in ((i, i + 2), (i + 2, i)):
                ta = toks[ia]
                if (is_name[ib] and not is_name[ia] and toks[i + 1].low in ("and", "&") and ta.cap
                        and "f" in ta.flags and ta.low not in _FUNCTION and not blocked(ta)
                        and ta.low not in places() and ta.low not in _CALENDAR):
                    is_name[ia] = changed = True
    out = []
    i = 0
    while i < n:
        if not is_name[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and is_name[j + 1] and _adjacent(text, toks[j], toks[j + 1]):
            j += 1
        # A particle between two name parts belongs to the name: "Ana de Souza".
        if (j + 2 < n and toks[j + 1].low in _PARTICLES and is_name[j + 2]
                and _adjacent(text, toks[j], toks[j + 1]) and _adjacent(text, toks[j + 1], toks[j + 2])):
            j += 2
            while j + 1 < n and is_name[j + 1] and _adjacent(text, toks[j], toks[j + 1]):
                j += 1
        out.append(Candidate(toks[i].start, toks[j].end, KIND))
        i = j + 1
    return out


def _adjacent_loose(text: str, a: _Tok, b: _Tok) -> bool:
    # Context words may sit one comma, space or possessive away: "her son, Will", "Ravi's daughter".
    gap = text[a.end:b.start]
    if gap[:2] in _POSSESSIVE:
        gap = gap[2:]
    return len(gap) <= 3 and gap.strip(" ,") == "" and "\n" not in gap

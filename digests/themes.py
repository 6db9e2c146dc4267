"""Group notes into themes, offline.

1. Concepts: each note is matched against a lexicon of what customers raise at a counter
   (``digests.lexicon``), after typo repair (against the lexicon and the period's own common words) and
   light stemming. Phrases weigh more than words, weak cues ("line", "basket") less; a note joins its
   strongest concept, and a tie goes to the concept more notes are about.
2. Propagation: a note with no cue joins the concept whose notes share two of its specific words, counting
   only words most of whose notes (matched or not) are that concept's.
3. Terms: notes still unmatched are grouped by the most widely shared specific word among them (paired
   with its usual partner: "refill station"), so a theme the lexicon does not know is still found. The
   lexicon's own words and words mostly used by matched notes ("till") never found a theme.
4. Adoption: a term theme that holds most notes using its words takes the rest of them from concepts
   that claimed them on weak evidence ("refill station lentils ran out" is about the refill station).

No model download, no GB-scale dependency: under 40 microseconds a note. Both periods are grouped together,
so a theme keeps its identity from one period to the next and trends can be called.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from digests.lexicon import CONCEPTS, GENERIC
from digests.text import TypoFixer, raw_words, stem

MIN_TERM_NOTES = 3
MAX_TERM_SHARE = 0.25  # a word in more than a quarter of all notes says nothing about a topic
PROPAGATE_MIN_NOTES = 2
PROPAGATE_SHARE = 0.5
TERM_UNEXPLAINED_SHARE = 0.5  # a term theme's word is mostly used by notes no concept explains
MIN_CONCEPT_SCORE = 1.0  # one plain cue, or two weak ones
ADOPT_SHARE = 0.6  # a term theme that holds this share of the notes using its word takes the rest of them
ADOPT_MAX_SCORE = 2.0  # ... unless a note's concept evidence is stronger than one phrase
LABEL_TERM_SHARE = 0.5  # a word in half of a concept's notes sharpens its label ("Products out of stock: oat milk")


@dataclass
class Grouping:
    """Each note's theme key (absent: no theme), each key's label and the words that define it."""

    theme_of: dict[int, str] = field(default_factory=dict)
    # Keys found by shared words rather than the lexicon: held to a higher bar (repeated small talk
    # shares words too).
    data_driven: set[str] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    # Each note's words after typo repair and stemming ("satffed" -> "staf"), for comparing quotes.
    tokens: dict[int, list[str]] = field(default_factory=dict)
    typos: dict[int, int] = field(default_factory=dict)  # words repaired in each note (a quote reads better without)


WEAK = 0.5  # a cue marked "~" in the lexicon: often about the concept, often not ("line", "basket")
SINGLE = 1.0
PHRASE = 2.0  # a phrase is stronger evidence than one word


class _Matcher:
    def __init__(self) -> None:
        # Each stemmed cue counts once per concept, however many spellings of it the lexicon lists.
        single: dict[str, dict[str, float]] = defaultdict(dict)
        phrases: dict[str, dict[tuple[tuple[str, ...], str], float]] = defaultdict(dict)
        self.cue_words: dict[str, set[str]] = defaultdict(set)
        raw_vocab: set[str] = set()
        for key, (_label, cues) in CONCEPTS.items():
            for cue in cues:
                weak = cue.startswith("~")
                raw = raw_words(cue.lstrip("~"))
                raw_vocab.update(raw)
                tokens = tuple(stem(w) for w in raw)
                if not tokens:
                    continue
                if not weak:
                    self.cue_words[key].update(t for t in tokens if t not in GENERIC_STEMS)
                if len(tokens) == 1:
                    weight = WEAK if weak else SINGLE
                    single[tokens[0]][key] = max(single[tokens[0]].get(key, 0.0), weight)
                else:
                    weight = WEAK if weak else PHRASE
                    slot = phrases[tokens[0]]
                    slot[(tokens, key)] = max(slot.get((tokens, key), 0.0), weight)
        self.single = {token: list(keys.items()) for token, keys in single.items()}
        self.phrases = {token: [(p, k, w) for (p, k), w in found.items()] for token, found in phrases.items()}
        self.raw_vocab = frozenset(w for w in raw_vocab if len(w) >= 4)
        # Every stemmed word the lexicon uses, weak cues included: such a word belongs to known concepts
        # (often several), so it never names a data-driven theme of its own.
        self.vocabulary = frozenset(stem(w) for w in raw_vocab)

    def scores(self, tokens: list[str]) -> dict[str, float]:
        found: dict[str, float] = defaultdict(float)
        # A word inside a phrase already counted for a concept is not counted again on its own for it:
        # "car park" is one piece of evidence, not a phrase plus "park".
        covered: set[tuple[str, int]] = set()
        for i, token in enumerate(tokens):
            for phrase, key, weight in self.phrases.get(token, ()):
                if tuple(tokens[i:i + len(phrase)]) == phrase:
                    found[key] += weight
                    covered.update((key, j) for j in range(i, i + len(phrase)))
        for i, token in enumerate(tokens):
            for key, weight in self.single.get(token, ()):
                if (key, i) not in covered:
                    found[key] += weight
        return found


GENERIC_STEMS = frozenset(stem(w) for w in GENERIC) | GENERIC
_MATCHER: _Matcher | None = None


def _matcher() -> _Matcher:
    global _MATCHER  # built once, read-only afterwards
    if _MATCHER is None:
        _MATCHER = _Matcher()
    return _MATCHER


def group(notes: Sequence[tuple[int, str]]) -> Grouping:
    """Theme keys for ``(id, text)`` pairs of both periods together."""
    matcher = _matcher()
    raw = [(note_id, raw_words(text)) for note_id, text in notes]
    frequency = Counter(w for _, ws in raw for w in set(ws))
    fixer = TypoFixer(matcher.raw_vocab | {w for w, n in frequency.items() if n >= 3 and len(w) >= 4},
                      counts=frequency)
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    tokens: dict[int, list[str]] = {}
    typos: dict[int, int] = {}
    for note_id, ws in raw:
        fixed = [fixer.fix(w) for w in ws]
        tokens[note_id] = [stem(w) for w in fixed]
        typos[note_id] = sum(1 for a, b in zip(ws, fixed, strict=True) if a != b)
        for word, stemmed in zip(fixed, tokens[note_id], strict=True):
            surface[stemmed][word] += 1

    result = Grouping(tokens=tokens, typos=typos)
    unmatched: list[int] = []
    strength: dict[int, float] = {}
    ties: dict[int, list[str]] = {}
    for note_id, toks in tokens.items():
        scores = matcher.scores(toks)
        best = max(scores.values(), default=0.0)
        if best < MIN_CONCEPT_SCORE:
            unmatched.append(note_id)
            continue
        winners = sorted(k for k, v in scores.items() if v == best)
        strength[note_id] = best
        if len(winners) == 1:
            result.theme_of[note_id] = winners[0]
        else:
            ties[note_id] = winners
    # A note that fits two concepts equally goes to the one more notes are about: the likelier reading
    # ("left her trolley because the queue wasn't moving" is about the queue in a week of queue notes).
    prior = Counter(result.theme_of.values())
    for note_id, winners in ties.items():
        top = max(prior[k] for k in winners)
        likely = [k for k in winners if prior[k] == top]
        result.theme_of[note_id] = likely[0] if len(likely) == 1 else _first_in_text(tokens[note_id], likely, matcher)
    for key in set(result.theme_of.values()):
        result.labels[key] = CONCEPTS[key][0]
        result.cues[key] = frozenset(matcher.cue_words[key])

    document_frequency = Counter(t for toks in tokens.values() for t in _content(toks))
    unmatched = _propagate(unmatched, tokens, result, document_frequency)
    _group_by_terms(unmatched, tokens, len(notes), result, surface, document_frequency, matcher.vocabulary)
    _adopt(tokens, result, strength, document_frequency)
    _sharpen_labels(tokens, result, matcher, surface)
    return result


def _first_in_text(tokens: list[str], keys: list[str], matcher: _Matcher) -> str:
    for token in tokens:
        for key in keys:
            if token in matcher.cue_words[key]:
                return key
    return keys[0]


def _propagate(unmatched: list[int], tokens: dict[int, list[str]], result: Grouping, df: Counter[str]
               ) -> list[int]:
    """Join a note with no concept cue to the concept whose notes share its specific words ("no oat milk on
    the shelf" joins the notes that said oat milk was out of stock). A word counts for a concept only when
    most of all the notes using it (matched or not) are that concept's: "refill" in a few "ran out" notes
    does not make every note about the refill station a stock problem. Returns the notes still unmatched."""
    in_concept: dict[str, Counter[str]] = defaultdict(Counter)
    for note_id, key in result.theme_of.items():
        in_concept[key].update(_content(tokens[note_id]))
    strength: dict[str, list[tuple[str, float, int]]] = defaultdict(list)
    for key, counts in in_concept.items():
        for term, count in counts.items():
            share = count / df[term]
            if count >= PROPAGATE_MIN_NOTES and share >= PROPAGATE_SHARE:
                strength[term].append((key, share, count))
    left = []
    for note_id in unmatched:
        votes: dict[str, float] = defaultdict(float)
        shared: Counter[str] = Counter()
        for term in _content(tokens[note_id]):
            for key, share, _count in strength.get(term, ()):
                votes[key] += share
                shared[key] += 1
        if votes:
            key = max(votes, key=lambda k: (votes[k], k))
            # Two specific words shared with a concept's notes, not one: one word is often a coincidence.
            if votes[key] >= 1.2 and shared[key] >= 2:
                result.theme_of[note_id] = key
                continue
        left.append(note_id)
    return left


def _adopt(tokens: dict[int, list[str]], result: Grouping, strength: dict[int, float], df: Counter[str]) -> None:
    """A word the lexicon does not know but most of its notes share ("refill", "bus") defines its own theme:
    its term theme takes the notes a concept claimed on weak evidence ("refill station lentils ran out")."""
    sizes = Counter(result.theme_of.values())
    adopting = {key: result.cues[key] for key in sorted(result.data_driven)
                if sizes[key] >= ADOPT_SHARE * min(df[t] for t in result.cues[key])}
    if not adopting:
        return
    wanted = {t for words in adopting.values() for t in words}
    postings: dict[str, set[int]] = defaultdict(set)
    for note_id, key in result.theme_of.items():
        if not key.startswith("term:") and strength.get(note_id, 0.0) <= ADOPT_MAX_SCORE:
            for token in wanted.intersection(tokens[note_id]):
                postings[token].add(note_id)
    for key, defining in adopting.items():
        for note_id in sorted(set.intersection(*(postings[t] for t in defining))):
            if not result.theme_of[note_id].startswith("term:"):
                result.theme_of[note_id] = key


def _content(tokens: list[str]) -> set[str]:
    return {t for t in tokens if len(t) >= 3 and t not in GENERIC_STEMS}


def _group_by_terms(unmatched: list[int], tokens: dict[int, list[str]], total: int, result: Grouping,
                    surface: dict[str, Counter[str]], df_all: Counter[str], known: frozenset[str]) -> None:
    """Themes the lexicon does not know, named by a word most unmatched notes share. A word that the
    concepts' notes mostly use too ("till" in queue and self-checkout notes) is the shop's vocabulary, not a
    topic, and makes no theme; nor does a word of the lexicon's own."""
    content = {note_id: _content(tokens[note_id]) for note_id in unmatched}
    df = Counter(t for terms in content.values() for t in terms)
    limit = max(MIN_TERM_NOTES, int(total * MAX_TERM_SHARE))
    left = set(unmatched)
    postings: dict[str, list[int]] = defaultdict(list)
    for note_id in unmatched:
        for term in content[note_id]:
            postings[term].append(note_id)
    for term, count in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])):
        if count < MIN_TERM_NOTES:
            break
        if count > limit or count < TERM_UNEXPLAINED_SHARE * df_all[term] or term in known:
            continue
        members = [n for n in postings[term] if n in left]
        if len(members) < MIN_TERM_NOTES:
            continue
        key = f"term:{term}"
        partner = _partner(term, members, content)
        if partner:  # "refill station", not every "station": the pair is the topic
            members = [n for n in members if partner in content[n]]
        for note_id in members:
            result.theme_of[note_id] = key
            left.discard(note_id)
        result.labels[key] = _term_label(term, partner, members, tokens, surface)
        result.cues[key] = frozenset({term, partner} - {""})
        result.data_driven.add(key)


def _partner(term: str, members: list[int], content: dict[int, set[str]]) -> str:
    together = Counter(t for n in members for t in content[n] if t != term)
    if not together:
        return ""
    other, count = together.most_common(1)[0]
    return other if count >= 0.6 * len(members) else ""


def _term_label(term: str, partner: str, members: list[int], tokens: dict[int, list[str]],
                surface: dict[str, Counter[str]]) -> str:
    """The words as staff wrote them, in their usual order: "oat milk", not "milk oat"."""
    if not partner:
        return _written(term, surface).capitalize()
    before = sum(1 for n in members if term in tokens[n] and partner in tokens[n]
                 and tokens[n].index(term) < tokens[n].index(partner))
    first, second = (term, partner) if before * 2 >= len(members) else (partner, term)
    return f"{_written(first, surface)} {_written(second, surface)}".capitalize()


def _written(stemmed: str, surface: dict[str, Counter[str]]) -> str:
    """The most common way staff wrote a stem."""
    forms = surface.get(stemmed)
    return forms.most_common(1)[0][0] if forms else stemmed


def _sharpen_labels(tokens: dict[int, list[str]], result: Grouping, matcher: _Matcher,
                    surface: dict[str, Counter[str]]) -> None:
    members: dict[str, list[int]] = defaultdict(list)
    for note_id, key in result.theme_of.items():
        if not key.startswith("term:"):
            members[key].append(note_id)
    for key, ids in members.items():
        if len(ids) < 6:
            continue
        terms = Counter(t for n in ids for t in _content(tokens[n]) - matcher.cue_words[key])
        if not terms:
            continue
        term, count = terms.most_common(1)[0]
        if count >= LABEL_TERM_SHARE * len(ids):
            with_term = [n for n in ids if term in tokens[n]]
            content = {n: _content(tokens[n]) - matcher.cue_words[key] for n in with_term}
            partner = _partner(term, with_term, content)
            sharper = _term_label(term, partner, with_term, tokens, surface).lower()
            result.labels[key] = f"{result.labels[key]}: {sharper}"

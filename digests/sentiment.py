"""How a note feels, in [-1, 1]: VADER for the words people use, plus the complaint cues it misses.

VADER reads "queue was 20 mins" or "oat milk out of stock again" as neutral: no sentiment words.
Frontline notes are mostly reports of what went wrong, so the cues here (waits, things missing or
broken, having to, no one, again) count against the mood, and thanks and praise count for it. A cue
after "not"/"no"/"never" within three words is turned around ("not rude at all").
"""

from __future__ import annotations

import re
import threading
from typing import Any

NEGATIVE_CUES = [
    r"\b(queue|queu(?:e|ing)|line|wait(?:ed|ing)?)\b[^.]{0,40}\b\d+\s*(?:min|mins|minutes|hours?)\b",
    r"\b\d+\s*(?:min|mins|minutes)\b[^.]{0,30}\b(?:queue|wait|line)",
    r"\btook (?:over |nearly |almost )?\d+\s*(?:min|mins|minutes|hours?)\b", r"\bgone by \d",
    r"\bout of stock\b", r"\bsold out\b", r"\bran out\b", r"\brun out\b", r"\bnone left\b", r"\bempty shel",
    r"\bbroken\b", r"\bbroke\b", r"\bnot working\b", r"\b(?:doesn't|does not|didn't|did not|won't|wouldn't) work",
    r"\bkeeps? (?:crashing|failing|breaking)\b", r"\bcrash(?:ed|es|ing)?\b", r"\berror\b",
    r"\brude\b", r"\bunhelpful\b", r"\bignored\b", r"\bovercharged\b", r"\bcharged twice\b", r"\bwrong\b",
    r"\bhad to\b", r"\bno one\b", r"\bnobody\b", r"\bno staff\b", r"\bagain\b", r"\bstill\b", r"\bmissing\b",
    r"\blate\b", r"\bdirty\b", r"\bfilthy\b", r"\bmess(?:y)?\b", r"\btoo (?:long|slow|expensive|dear|cold|hot|loud)",
    r"\b(?:can't|cannot|couldn't|could not) (?:find|get|reach|afford|pay|use|log)", r"\bgave up\b",
    r"\bwalked out\b", r"\bleft without\b", r"\bcomplain(?:ed|ing|t|ts)?\b", r"\bannoy(?:ed|ing)\b",
    r"\bfrustrat(?:ed|ing)\b", r"\bfed up\b", r"\bunhappy\b", r"\bdisappoint(?:ed|ing)\b", r"\bupset\b",
    r"\bangry\b", r"\bfurious\b", r"\brefund\b", r"\bexpensive\b", r"\boverpriced\b", r"\bpricey\b",
    r"\bstale\b", r"\bmouldy\b", r"\bout of date\b", r"\bexpired\b", r"\bdeclined\b", r"\bforever\b",
    r"\bages\b", r"\bnever\b", r"\bworse\b", r"\bwaste\b", r"\bconfus(?:ed|ing)\b", r"\bhard to\b",
    r"\bunsafe\b", r"\bslipp(?:ed|ery)\b", r"\bno longer\b", r"\bgone up\b", r"\bwent up\b",
    r"\bwhy (?:do|does|is|are|can't)",
    r"\b(?:wouldn't|won't|couldn't|can't|cannot|doesn't|didn't|isn't|wasn't) (?!mind\b|wait\b|believe\b|be happier)",
    r"\bkeeps? \w+ing\b", r"\bkept \w+ing\b", r"\bunavailable\b", r"\bjamm(?:ed|ing)\b",
    r"\bfr(?:oze|eez(?:es|ing))\b",
    r"\btoo (?:high|much|many|far|few|small|busy)\b", r"\bcheaper (?:at|elsewhere|online|in)\b", r"\bcosts? more\b",
    r"\bmore expensive\b", r"\bwaiting in the (?:queue|line)\b", r"\bqueues?\b", r"\bstruggl(?:e|es|ed|ing)\b",
    r"\bneeded help\b", r"\bonly one\b", r"\bfaint\b", r"\bscared\b", r"\bworried\b", r"\bdebt\b",
    r"\bbehind on\b",
    # a wait told as a length of time ("stood at the deli for 10 minutes", "waited half an hour")
    r"\b(?:stood|waited|waiting|queued|queuing|hung around|sat)\b[^.]{0,40}\b(?:\d+|half an?|an|two|three|four|"
    r"few|several)\s*(?:min|mins|minutes|hours?)\b",
    r"\b(?:is|was|are|were|went|been|goes) down\b", r"\bcash only\b", r"\bout of order\b",
    r"\b(?:had|have|there (?:was|were)|got) none\b", r"\bnone (?:on|in|at)\b",
    r"\b(?:cracked|damaged|leak(?:ing|ed|s)?|smashed|dented|spilt|spilled|torn|ripped)\b",
    r"\bpast (?:its|their|the) (?:date|best)\b", r"\b(?:haven't|hasn't|not) been (?:cleaned|fixed|restocked|done)\b",
    r"\btold (?:off|her off|him off)\b", r"\bfor no reason\b", r"\bate (?:her|his|their|my) (?:money|card|coins?)\b",
    r"\bnever (?:showed|turned|came|arrived)\b", r"\bdidn't match\b", r"\blate\b",
]
POSITIVE_CUES = [
    r"\bthank(?:ed|s|ful)?\b", r"\bhappy\b", r"\blov(?:ed|es|e|ely)\b", r"\bgreat\b", r"\bprais(?:ed|e)\b",
    r"\bhelpful\b", r"\bpleased\b", r"\bimpressed\b", r"\bsmil(?:ing|ed|e)\b", r"\brecommend", r"\bbrilliant\b",
    r"\bexcellent\b", r"\bfriendly\b", r"\bdelighted\b", r"\bglad\b", r"\bkind\b", r"\bquick(?:er|ly)?\b",
    r"\beasy\b", r"\bperfect\b", r"\bcompliment", r"\bbest\b", r"\benjoy(?:ed|s)?\b", r"\bfavourite\b",
    r"\b(?:clean|nic|friendli|quick|cheap|fresh)est\b", r"\bgrateful\b", r"\bchuffed\b", r"\bmade up\b",
    r"\bpatient\b", r"\bwelcoming\b", r"\bspot on\b", r"\bextra mile\b",
]
_NEGATORS = re.compile(r"\b(?:not|no|never|isn't|wasn't|aren't|weren't|don't|didn't|hardly)\W+(?:\w+\W+){0,2}$")
_NEG = re.compile("|".join(NEGATIVE_CUES), re.IGNORECASE)
_POS = re.compile("|".join(POSITIVE_CUES), re.IGNORECASE)
CUE_WEIGHT_NEG = 0.35
CUE_WEIGHT_POS = 0.3
QUESTION_DAMPING = 0.1

_analyzer: Any = None
_lock = threading.Lock()


def _vader() -> Any:
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

                _analyzer = SentimentIntensityAnalyzer()
    return _analyzer


def vader(text: str) -> float:
    """VADER's compound score alone (for comparison in the benchmark)."""
    return float(_vader().polarity_scores(text)["compound"])


def cues(text: str) -> tuple[int, int]:
    """Complaint and praise cues in ``text``: (negative, positive), negations turned around."""
    negative = positive = 0
    for pattern, sign in ((_NEG, -1), (_POS, 1)):
        for match in pattern.finditer(text):
            flipped = _NEGATORS.search(text[max(0, match.start() - 30):match.start()]) is not None
            if (sign < 0) != flipped:
                negative += 1
            else:
                positive += 1
    return negative, positive


_QUESTION = re.compile(r"\b(?:asked|asking|wondered|wondering|wanted to know|enquired)\b", re.IGNORECASE)


def score(text: str) -> float:
    """Sentiment of one (scrubbed) note in [-1, 1]: below zero for complaints, above for praise."""
    base = vader(text)
    negative, positive = cues(text)
    if not negative and not positive:
        # Without a cue VADER reacts to single words ("gift", "party"); a note that reports a question is
        # about what was asked, not how the customer felt.
        return round(base * (QUESTION_DAMPING if _QUESTION.search(text) else 1.0), 3)
    value = 0.5 * base + CUE_WEIGHT_POS * positive - CUE_WEIGHT_NEG * negative
    return round(max(-1.0, min(1.0, value)), 3)

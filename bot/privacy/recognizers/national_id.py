"""National identity numbers: US Social Security numbers, UK National Insurance and NHS numbers."""

from __future__ import annotations

import re

from stdnum.us import ssn

from bot.privacy.recognizers.base import Candidate, Doc, caseless_twin

KIND = "national_id"

_SSN = re.compile(r"(?<![\w-])\d{3}[- ]\d{2}[- ]\d{4}(?![\w-])|(?<=\bssn)[:#\s]{1,3}\d{9}\b", re.IGNORECASE)
# HMRC's rules: no D, F, I, Q, U, V in either prefix letter, no O second, some prefixes never issued.
_NINO = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
    re.IGNORECASE,
)
# What every match of _SSN_PLAIN is in a note's shape (Doc._shape).
_SSN_SHAPE = re.compile(rb"000[ \-]00[ \-]0000")
# What every NINO is in a note's shape (Doc._shape): two letters, six digits and a letter, with blanks
# or none between, found from the first digit.
_NINO_SHAPE = re.compile(rb"0(?:(?<=aa0)|(?<=aa 0))0 ?00 ?00 ?a")
# The same patterns for lowercased text (see Doc.folded).
_SSN_LOW = caseless_twin(_SSN)
_NINO_LOW = caseless_twin(_NINO)
_NHS = re.compile(r"\d(?<![\w-]\d)\d\d[ -]?\d{3}[ -]?\d{4}(?![\w-])")
# The first alternative of _SSN alone, opening on its digit: what _SSN finds in a note without "ssn".
_SSN_PLAIN = re.compile(r"\d(?<![\w-]\d)\d\d[- ]\d{2}[- ]\d{4}(?![\w-])")
_NHS_CUE = re.compile(r"\bnhs\b|\bpatient\b|\bhealth\b|\bhospital\b|\bgp\b", re.IGNORECASE)
_NHS_CUE_LOW = caseless_twin(_NHS_CUE)
_NON_DIGIT = re.compile(r"\D")
_NHS_WORDS = ("nhs", "patient", "health", "hospital", "gp")


def _nhs_valid(digits: str) -> bool:
    # Modulus 11 with weights 10..2; a remainder giving 10 is never issued.
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def find(doc: Doc) -> list[Candidate]:
    """SSNs that pass the issuing rules, NINOs in HMRC's format, and NHS numbers in a health context."""
    if doc.digits < 6 or doc.longest_number < 6:
        return []  # a NINO has six joined digits, SSNs and NHS numbers more
    out = []
    ssn_re, src = doc.folded(_SSN, _SSN_LOW)
    seek = doc.longest_number >= 9  # an SSN has nine digits
    if doc.caseless and "ssn" not in src:
        ssn_re = _SSN_PLAIN
        seek = seek and doc.may_hold(_SSN_SHAPE)
    for m in ssn_re.finditer(src) if seek else ():
        raw = doc.text[m.start():m.end()]
        digits = _NON_DIGIT.sub("", raw)
        start = m.start() + (len(raw) - len(raw.lstrip(":# \t")))
        if ssn.is_valid(digits):
            out.append(Candidate(start, m.end(), KIND))
    # A NINO's shape, read from its first digit (on a note with case traps the letters may be other
    # characters that match them when case is ignored).
    if not doc.caseless or doc.may_hold(_NINO_SHAPE):
        nino, src = doc.folded(_NINO, _NINO_LOW)
        out += [Candidate(m.start(), m.end(), KIND) for m in nino.finditer(src)]
    nhs_cue, src = doc.folded(_NHS_CUE, _NHS_CUE_LOW)
    # The cue words are plain letters: on lowercased text a substring test rules most notes out first.
    if (doc.longest_number >= 10 and (not doc.caseless or any(w in src for w in _NHS_WORDS))
            and nhs_cue.search(src)):  # an NHS number has ten digits
        for m in _NHS.finditer(doc.text):
            digits = _NON_DIGIT.sub("", m.group())
            if _nhs_valid(digits):
                out.append(Candidate(m.start(), m.end(), KIND))
    return out

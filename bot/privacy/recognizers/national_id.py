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
_NINO_LOW = caseless_twin(_NINO)  # for lowercased text (see Doc.folded)
_NHS = re.compile(r"(?<![\w-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w-])")
_NHS_CUE = re.compile(r"\bnhs\b|\bpatient\b|\bhealth\b|\bhospital\b|\bgp\b", re.IGNORECASE)


def _nhs_valid(digits: str) -> bool:
    # Modulus 11 with weights 10..2; a remainder giving 10 is never issued.
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def find(doc: Doc) -> list[Candidate]:
    """SSNs that pass the issuing rules, NINOs in HMRC's format, and NHS numbers in a health context."""
    if doc.digits < 6:
        return []  # a NINO has six digits, SSNs and NHS numbers more
    out = []
    for m in _SSN.finditer(doc.text):
        digits = re.sub(r"\D", "", m.group())
        start = m.start() + (len(m.group()) - len(m.group().lstrip(":# \t")))
        if ssn.is_valid(digits):
            out.append(Candidate(start, m.end(), KIND))
    nino, src = doc.folded(_NINO, _NINO_LOW)
    out += [Candidate(m.start(), m.end(), KIND) for m in nino.finditer(src)]
    if _NHS_CUE.search(doc.text):
        for m in _NHS.finditer(doc.text):
            digits = re.sub(r"\D", "", m.group())
            if _nhs_valid(digits):
                out.append(Candidate(m.start(), m.end(), KIND))
    return out

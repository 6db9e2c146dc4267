"""Patterns that ignore case are run as lowercase twins on the lowercased note when that reads the same:
the twins must find exactly what the originals find, and notes where lowercasing moves characters or
reaches across into ASCII letters must fall back to the originals."""

from __future__ import annotations

import re

import pytest

from bot.privacy import sensitive
from bot.privacy.recognizers import account, address, dob, national_id, phone, postcode
from bot.privacy.recognizers.base import Doc, caseless, caseless_twin
from bot.privacy.recognizers.name import _brand_re, _brand_spans, _tokens

PATTERNS = [account._AFTER_CUE, account._ENDING, account._SORT_CODE, account._PRODUCT, address._STREET,
            address._NAMED, dob._CUED, dob._ANY_DATE, dob._VISIT, postcode._UK, national_id._NINO,
            phone._PRICE_BEFORE, phone._CUE, _brand_re(), *sensitive._COMPILED.values()]

TEXTS = [
    "Account No: AB12 3456 78, sort code 12-34-56 then 12345678. DOB 3rd March 1961, born 04/05/1950",
    "FLAT 3, 27 HIGH ST, Leeds LS1 4AP; NI QQ 12 34 56 C; call 07700 900123 ext 12; ref # 99881",
    "Lives at 221B Baker Street with Mr Kipling and JACK DANIEL'S; GAMBLING debts, Ramadan, PTSD",
    "card ending in 4421, visa XXXX 1234, order no. 5544332211, SKU: 0001112223334",
    "Straße 12, Café Röse — née Öztürk, 12 Rue de l’Église; Σίσυφος ς σ; ﬁnance",
]


def test_twin_of_a_class_lowercases_letters_but_not_escapes() -> None:
    twin = caseless_twin(re.compile(r"\b[A-Z]\D\S\W\d(?:ABC)", re.IGNORECASE))
    assert twin.pattern == r"\b[a-z]\D\S\W\d(?:abc)"
    assert not twin.flags & re.IGNORECASE


@pytest.mark.parametrize("text", TEXTS)
def test_twins_match_where_the_originals_match(text: str) -> None:
    for variant in (text, text.lower(), text.upper(), text.swapcase()):
        assert caseless(variant, variant.lower())
        low = variant.lower()
        for pattern in PATTERNS:
            want = [m.span() for m in pattern.finditer(variant)]
            assert [m.span() for m in caseless_twin(pattern).finditer(low)] == want, pattern.pattern[:60]


@pytest.mark.parametrize("trap", ["\u0130", "\u0131", "\u017f", "\u212a"])
def test_case_traps_fall_back_to_the_original_patterns(trap: str) -> None:
    text = f"acc{trap}unt 12345678 at 12 High Street"
    assert not caseless(text, text.lower())
    doc = Doc(text)
    assert doc.folded(account._AFTER_CUE, account._AFTER_CUE) == (account._AFTER_CUE, text)
    brands = f"Jac{trap} Daniels and Mr Kipling"
    assert _brand_spans(Doc(brands), list(_tokens(brands).starts)) == [m.span() for m in _brand_re().finditer(brands)]


def test_lowercasing_that_changes_length_falls_back() -> None:
    text = "İstanbul flat 4, 12 High Street"
    assert len(text.lower()) != len(text)
    assert not caseless(text, text.lower())

"""A short number, then two phone numbers with only spaces between: the digit run the phone pattern
reads swallows the start of the second number, and neither may survive."""

from __future__ import annotations

import random

import pytest

from bot.privacy import scrub
from bot.privacy.recognizers import phone


@pytest.mark.parametrize("text", [
    "07700 900123 till 3 07700 900123 07700 900123",
    "till 3 07700 900123 07700 900124 thanks",
])
def test_back_to_back_numbers_after_a_short_one_are_both_caught(text: str) -> None:
    out = scrub(text, region="GB").text
    assert "900123" not in out and "900124" not in out, out
    assert scrub(out, region="GB").text == out


def test_a_single_number_after_a_till_number_is_unchanged() -> None:
    assert scrub("till 3 07700 900123", region="GB").text == "till 3 [PHONE]"


def test_the_split_run_search_finds_what_the_one_pattern_finds() -> None:
    # _run_search reads _RUN as two patterns that open on a character class; _RUN is the definition.
    rng = random.Random(3)
    alphabet = "0123456789" * 3 + " .-/()+x,ext"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(20_000)]
    texts += ["call 07700 900123 x 12", "+44 (0)20 7946 0958", "00 44 7911 123456", "(020) 7946 0958 ext 4"]
    found = 0
    for text in texts:
        signs = "+" in text or "(" in text
        pos = 0
        while True:
            want = phone._RUN.search(text, pos)
            got = phone._run_search(text, pos, signs)
            assert (got and got.span()) == (want and want.span()), text
            if want is None:
                break
            found += 1
            pos = want.end()
    assert found > 5000

"""A short number, then two phone numbers with only spaces between: the digit run the phone pattern
reads swallows the start of the second number, and neither may survive."""

from __future__ import annotations

import pytest

from bot.privacy import scrub


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

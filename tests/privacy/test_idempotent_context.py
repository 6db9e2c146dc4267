"""Scrubbing the scrubbed text changes nothing, even where a placeholder, shorter than what it replaced,
brings a cue within reach of a number ("card for Mrs [NAME] ending 4421")."""

from __future__ import annotations

import pytest

from bot.privacy import scrub

CASES = [
    "card number for Mrs Jacqueline Smith-Jones, ending 4421 was declined",
    "the card of Mrs Jacqueline Montgomery ending 4421",
    "visa for Ms Oluwaseun Adebayo-Okafor ending 4421 declined",
    "please ring Mrs Jacqueline Montgomery-Smithson-Browne back on 7700 900123",
    "call Dr Bartholomew Fitzgerald-Worthington at 415 555 0132 tomorrow",
]


@pytest.mark.parametrize("text", CASES)
def test_scrubbing_twice_changes_nothing(text: str) -> None:
    once = scrub(text, region="GB").text
    assert "[NAME]" in once
    assert scrub(once, region="GB").text == once


def test_a_card_ending_near_its_cue_is_still_found() -> None:
    assert scrub("card for Mrs Smith ending 4421", region="GB").text == "card for Mrs [NAME] ending [ACCOUNT]"

"""The account cue trie matches exactly the cue words, the longer of two first, and nothing near them."""

from __future__ import annotations

import re

from bot.privacy.recognizers.account import _CUE

WORDS = [*("account acct a/c acc advantage benefit bic booking card claim client clubcard contract customer driving "
         "employee giftcard hospital iban id licence license loan loyalty member membership mortgage nectar nhs "
         "ni passport patient pension plate points policy ref reference reg registration reservation reward rewards "
         "roll staff student swift tenancy vehicle voucher").split(), "gift card"]


def test_every_cue_word_and_nothing_one_letter_away() -> None:
    whole = re.compile(f"(?:{_CUE})\\Z")
    assert all(whole.match(w) for w in WORDS)
    letters = sorted(set("".join(WORDS)) - {" ", "/"})
    near = {w[:i] + c + w[i:] for w in WORDS for i in range(len(w) + 1) for c in letters}
    near |= {w[:i] + w[i + 1:] for w in WORDS for i in range(len(w))}
    near -= set(WORDS)
    assert [w for w in sorted(near) if whole.match(w)] == []


def test_the_longer_cue_is_taken_first() -> None:
    first = re.compile(f"(?:{_CUE})")
    for word in ("account", "acct", "membership", "rewards", "reference", "registration"):
        m = first.match(word + " 12345")
        assert m is not None and m.group() == word

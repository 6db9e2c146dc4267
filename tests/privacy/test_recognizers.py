"""Each recognizer, table-driven: what must be caught, and what must survive untouched."""

from __future__ import annotations

import pytest

from bot.privacy import scrub

CAUGHT = [
    # (kind, text, the personal part that must disappear)
    ("email", "send it to jane.doe+x@example.co.uk please", "jane.doe+x@example.co.uk"),
    ("email", "her email is jane at gmail dot com", "jane at gmail dot com"),
    ("phone", "call her on 07700 900123 after 5", "07700 900123"),
    ("phone", "mobile +44 7911 123456", "+44 7911 123456"),
    ("phone", "landline 0161 496 0123", "0161 496 0123"),
    ("phone", "US number +1 (415) 555-2671", "+1 (415) 555-2671"),
    ("card", "card 4111 1111 1111 1111 declined", "4111 1111 1111 1111"),
    ("card", "typed 5555-5555-5555-4444 by hand", "5555-5555-5555-4444"),
    ("iban", "refund to GB82 WEST 1234 5698 7654 32 today", "GB82 WEST 1234 5698 7654 32"),
    ("national_id", "NI number AB 12 34 56 C on the form", "AB 12 34 56 C"),
    ("national_id", "ssn 123-45-6789 written down", "123-45-6789"),
    ("ip", "device on 81.2.69.160 kept dropping", "81.2.69.160"),
    ("url", "her insta https://instagram.com/jane.doe_88 is lovely", "instagram.com/jane.doe_88"),
    # short cues: before, "x" and "ig" without an "@" were not read as cues at all
    ("url", "her x is jane_doe99", "jane_doe99"),
    ("url", "ig:jane_doe99 for the photos", "jane_doe99"),
    ("url", "her IG: jane_doe99", "jane_doe99"),
    ("url", "X: jane_doe99", "jane_doe99"),
    ("account", "card ending 4421 was declined", "4421"),
    ("account", "sort code 20-45-77 and account 41234567", "20-45-77"),
    ("account", "sort code 20-45-77 and account 41234567", "41234567"),
    ("account", "loyalty card 6345 9876 1234 5670 will not scan", "6345 9876 1234 5670"),
    ("account", "patient ID PT-0042871 for the repeat", "PT-0042871"),
    ("account", "policy number HM/61261160 lapsed", "HM/61261160"),
    # the first identifier's match must not swallow the second cue
    ("account", "account QQ123456C account QQ654321D", "QQ654321D"),
    ("dob", "DOB 14/02/1961 for the prescription", "14/02/1961"),
    ("dob", "she was born 3 March 1958", "3 March 1958"),
    ("address", "she lives at 12 Acacia Avenue, Leeds", "12 Acacia Avenue"),
    ("address", "flat 3, 27 high st is the new address", "27 high st"),
    ("postcode", "deliver to LS1 4AB please", "LS1 4AB"),
    ("name", "spoke to sarah about her refund", "sarah"),
    ("name", "Mrs Patel asked for a receipt", "Patel"),
    ("name", "her son Will said it was broken", "Will"),
    ("name", "customer Grace wanted a refund", "Grace"),
    ("name", "Priya Ramaswamy came back again", "Priya"),
    ("name", "Mrs Oyelaran asked about the offer", "Oyelaran"),
    ("name", "Kwabena said thanks for the help", "Kwabena"),
    # Lowercase, word-like and unknown names in context.
    ("name", "told will about the refund", "will"),
    ("name", "thanked grace for the flowers", "grace"),
    ("name", "her daughter will had a fall in aisle 3", "will"),
    ("name", "Will came in about the kettle", "Will"),
    ("name", "kaur family asked about the uniform scheme", "kaur"),
    ("name", "dob checked, bartosz had no ID", "bartosz"),
    ("name", "member card registered to Mei Wood", "Mei"),
    ("name", "email bounced for a@b.co, Chidi will pop in", "Chidi"),
    ("name", "mark and Priya from the choir dropped off donations", "mark"),
    ("name", "Sarah and Mei from the choir came in", "Mei"),
    ("name", "mei's daughter needed help", "mei"),
    ("address", "family, flat 7, 172 orchard way, asked about it", "orchard way"),
    ("phone", "sort code 12-34-56 07700 900123", "07700 900123"),
]

SURVIVES = [
    # "x" as in "times" or a key, not the social network; in a note with an "@" too
    "bought 2 x 500ml bottles, 3 x large boxes",
    "pressed x twice, x marks the spot; emailed @ the office",
    "Ben &amp; Jerry's on offer, £4.50 for two at till 3",
    "Mr Kipling cakes sold out by 10:30, aisle 7 empty",
    "Jack Daniels gift sets moving fast, 12 left",
    "table 12 asked for the gluten-free menu at 7pm",
    "SKU 5012345678900 out of stock since 12/03/2025",
    "came in on 3 March 2025 and again on Friday 14 March",
    "visitors from Florence and Chester loved the window display",
    "Will you be in tomorrow? The will was read out",
    "grace period on returns is 30 days, rose wine on offer",
    "we sold out in May, reorder placed for 2025-06-01",
    "queue of 15 people at 12:30, opened till 4",
    "thanks <@U024BE7LH>, see <#C0123ABC|floor-team> <!here>",
    "the offer ends 2025-08-25, tell customers",
    "2 hours on the way, table 4 near the end",
    "rota needs another person. <!channel> fyi",
    "email bounced for the newsletter, logged it",
    "she's fasting for Ramadan, asked about Eid opening hours",
    "her son will be in tomorrow to collect it",
    "order 2549613456789 for table 35 took 21 minutes",
    "grace period on the voucher ends 23 Feb 2026, reminded the team",
    "visitors from Swindon said our branch is friendlier",
    "thanked the team for the flowers",
]


@pytest.mark.parametrize(("kind", "text", "secret"), CAUGHT, ids=[f"{k}:{s}" for k, _, s in CAUGHT])
def test_caught(kind: str, text: str, secret: str) -> None:
    result = scrub(text, region="GB")
    assert secret not in result.text
    assert kind in result.counts()


@pytest.mark.parametrize("text", SURVIVES)
def test_survives(text: str) -> None:
    result = scrub(text, region="GB")
    assert result.text == text, result.findings
    assert result.describe_removed() == "nothing personal found"


def test_luhn_failing_sixteen_digits_are_not_a_card_but_still_removed() -> None:
    result = scrub("loyalty 6345 9876 1234 5671 keeps failing", region="GB")
    assert "card" not in result.counts() and "6345" not in result.text


def test_visit_date_survives_beside_a_date_of_birth() -> None:
    result = scrub("dob 12/03/1985, visited 12/03/2025", region="GB")
    assert result.text == "dob [DOB], visited 12/03/2025"


def test_region_reads_national_numbers() -> None:
    assert "[PHONE]" in scrub("call (415) 555-2671 today", region="US").text

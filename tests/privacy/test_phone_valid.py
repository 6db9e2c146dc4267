"""The fast validity check agrees with ``phonenumbers.is_valid_number`` on numbers of every region."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import PhoneNumberType

from bot.privacy.recognizers import phone
from bot.privacy.recognizers.phone_valid import is_valid_number

_TYPES = [PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE,
          PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.VOIP,
          PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.PAGER, PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL]


def _numbers() -> list[phonenumbers.PhoneNumber]:
    rng = random.Random(11)
    out = []
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    for region in regions:
        for kind in _TYPES:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            out.append(example)
            nsn = phonenumbers.national_significant_number(example)
            # Near misses: a digit changed, one more, one fewer.
            for variant in (nsn[:-1] + str((int(nsn[-1]) + 3) % 10), nsn + "7", nsn[:-1]):
                try:
                    out.append(phonenumbers.parse("+" + str(example.country_code) + variant, None))
                except phonenumbers.NumberParseException:
                    pass
        for _ in range(6):
            digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(5, 14)))
            try:
                out.append(phonenumbers.parse(digits, region))
            except phonenumbers.NumberParseException:
                pass
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        example = phonenumbers.example_number_for_non_geo_entity(code)
        if example is not None:
            out.append(example)
            longer = phonenumbers.national_significant_number(example) + "1"
            out.append(phonenumbers.parse(f"+{code}{longer}", None))
    # Calling codes that several regions share, where the region is chosen by leading digits or type.
    for raw in ["+44 7700 900123", "+44 1624 456789", "+44 1481 256789", "+44 1534 456789", "+1 415 555 0132",
                "+1 416 555 0199", "+1 264 235 1234", "+7 701 123 4567", "+7 912 345 6789", "+61 8 9162 1234",
                "+39 06 1234 5678", "+39 312 345 6789", "+212 650 123456", "+47 2212 3456", "+590 690 00 1234"]:
        out.append(phonenumbers.parse(raw, None))
    return out


NUMBERS = _numbers()


def test_the_sample_holds_valid_and_invalid_numbers_of_many_regions() -> None:
    valid = [n for n in NUMBERS if phonenumbers.is_valid_number(n)]
    assert len({phonenumbers.region_code_for_number(n) for n in valid}) > 200
    assert 1000 < len(valid) < len(NUMBERS) - 1000


@pytest.mark.parametrize("chunk", range(8))
def test_agrees_with_the_library(chunk: int) -> None:
    part = NUMBERS[chunk::8]
    wrong = [phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164) for n in part
             if is_valid_number(n) != phonenumbers.is_valid_number(n)]
    assert wrong == []


def _written(rng: random.Random, region: str) -> list[str]:
    """Numbers as a note writes them in digits and separators: random ones of every length, the
    region's example numbers in national format, and some opening with its prefixes."""
    out = []
    for _ in range(30):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(7, 17)))
        out.append(digits)
        out.append(" ".join(digits[i:i + rng.randint(2, 5)] for i in range(0, len(digits), 4)))
    for kind in _TYPES:
        example = phonenumbers.example_number_for_type(region, kind)
        if example is not None:
            out.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL))
            nsn = phonenumbers.national_significant_number(example)
            out += [nsn, nsn + "1", nsn[:-1], str(example.country_code) + nsn, "00" + str(example.country_code) + nsn]
    # Dialled from this region to another: its international prefix, when that is plain digits.
    idd = phonenumbers.PhoneMetadata.metadata_for_region(region).international_prefix or ""
    if idd.isdigit():
        out += [idd + "44 7400 123456", idd + "1 201 555 0123", idd + "49 30 123456"]
    return [w for w in out if phone._PLAIN.fullmatch(w)]


def test_a_parse_is_skipped_only_where_it_would_find_nothing() -> None:
    # _is_phone skips parsing a number written in digits alone when the region's rules say it can be
    # neither valid nor possible at its length; parse it anyway, in every region, and compare.
    rng = random.Random(5)
    skipped = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        rules = phone._as_written(region)
        if rules is None:
            continue
        for written in _written(rng, region):
            digits = "".join(ch for ch in written if ch.isdigit())
            if not rules.keeps(digits) or len(digits) in rules.valid:
                continue
            try:
                num = phonenumbers.parse(written, region)
            except phonenumbers.NumberParseException:
                skipped += 1
                continue
            assert not phonenumbers.is_valid_number(num), (region, written)
            if len(digits) >= phone._MIN_POSSIBLE and len(digits) not in rules.possible:
                assert not phonenumbers.is_possible_number(num), (region, written)
            skipped += 1
    assert skipped > 5000
    # The home regions of this product keep the shortcut; one with a rewriting prefix rule has none.
    assert phone._as_written("GB") is not None and phone._as_written("US") is not None
    assert phone._as_written("AR") is None

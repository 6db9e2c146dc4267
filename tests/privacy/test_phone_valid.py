"""The fast validity check agrees with ``phonenumbers.is_valid_number`` on numbers of every region."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import PhoneNumberType

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

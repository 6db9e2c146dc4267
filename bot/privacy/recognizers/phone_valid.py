"""``phonenumbers.is_valid_number``, answered from the same metadata with its patterns compiled once.

The library re-reads each pattern of a region's metadata through ``re.compile`` on every call and
walks the number types one function call at a time, which made validation the dearest step of the
whole privacy filter. :func:`is_valid_number` follows ``phonenumberutil.is_valid_number`` step for
step (the region is the first of the calling code's regions whose leading digits or number types
claim the number; the number is valid when one of that region's types matches it), with every
region's descriptions prepared once. ``tests/privacy/test_phone_valid.py`` checks it against the
library on numbers of every region, so an upgrade that changes the library's rules shows up there.
"""

from __future__ import annotations

import re
from functools import cache

from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata, PhoneNumber, national_significant_number
from phonenumbers import is_valid_number as _library_is_valid_number

_NON_GEO = "001"  # the library's region code for non-geographic numbers (+800 freephone and the like)
# A description: the national-number lengths it allows (empty: any) and its compiled pattern.
_Desc = tuple[frozenset[int], re.Pattern[str]]


def _desc(number_desc: object) -> _Desc | None:
    pattern = getattr(number_desc, "national_number_pattern", None)
    if number_desc is None or not pattern:
        return None  # the library treats a missing or empty pattern as matching nothing
    return frozenset(getattr(number_desc, "possible_length", ()) or ()), re.compile(pattern)


class _Region:
    """One region's metadata as :func:`is_valid_number` reads it."""

    def __init__(self, metadata: PhoneMetadata) -> None:
        self.country_code: int | None = metadata.country_code
        self.leading_digits = re.compile(metadata.leading_digits) if metadata.leading_digits is not None else None
        self.general = _desc(metadata.general_desc)
        types = [metadata.premium_rate, metadata.toll_free, metadata.shared_cost, metadata.voip,
                 metadata.personal_number, metadata.pager, metadata.uan, metadata.voicemail, metadata.fixed_line]
        if not metadata.same_mobile_and_fixed_line_pattern:
            types.append(metadata.mobile)  # the library reads mobile only when its pattern differs
        self.types = [d for d in map(_desc, types) if d is not None]

    def known_type(self, nsn: str) -> bool:
        """``_number_type_helper(nsn, metadata) != UNKNOWN``: the general description matches, then any type."""
        if not _matches(self.general, nsn):
            return False
        return any(_matches(d, nsn) for d in self.types)


def _matches(desc: _Desc | None, nsn: str) -> bool:
    # ``_is_number_matching_desc``: the length must be allowed (when lengths are given), then the whole
    # number must match the pattern.
    if desc is None:
        return False
    lengths, pattern = desc
    if lengths and len(nsn) not in lengths:
        return False
    return pattern.fullmatch(nsn) is not None


@cache
def _region(region_code: str, country_code: int) -> _Region | None:
    # Keyed by region (and calling code, for the non-geographic entity): metadata, never a number.
    if region_code == _NON_GEO:
        metadata = PhoneMetadata.metadata_for_nongeo_region(country_code, None)
    else:
        metadata = PhoneMetadata.metadata_for_region(region_code.upper(), None)
    return _Region(metadata) if metadata is not None else None


def is_valid_number(number: PhoneNumber) -> bool:
    """Whether ``phonenumbers.is_valid_number(number)`` holds, in a fraction of its time."""
    country_code = number.country_code
    if country_code is None:
        return _library_is_valid_number(number)
    regions = COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if not regions:
        return False  # no region has this calling code
    nsn = national_significant_number(number)
    if len(regions) == 1:
        region_code = regions[0]
    else:
        # ``_region_code_for_number_from_list``: the first region whose leading digits match, or which
        # has no leading digits and a number type the number matches. That last case is validity itself.
        for region_code in regions:
            region = _region(region_code, country_code)
            if region is None:
                continue
            if region.leading_digits is not None:
                if region.leading_digits.match(nsn):
                    break
            elif region.known_type(nsn):
                return region_code == _NON_GEO or region.country_code == country_code
        else:
            return False
    # ``is_valid_number_for_region``
    region = _region(region_code, country_code)
    if region is None or (region_code != _NON_GEO and region.country_code != country_code):
        return False
    return region.known_type(nsn)

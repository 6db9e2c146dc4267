"""One recognizer per kind of personal data; :data:`RECOGNIZERS` is the order they run in.

Each module has ``KIND`` and ``find(doc) -> list[Candidate]``. Later recognizers may read what earlier
ones found (``doc.found``), which is how names avoid re-reading an address as a surname.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.privacy.recognizers import (
    account,
    address,
    card,
    custom,
    dob,
    email,
    iban,
    ip,
    name,
    national_id,
    phone,
    postcode,
    url,
)
from bot.privacy.recognizers.base import Candidate, Doc

Recognizer = Callable[[Doc], list[Candidate]]

RECOGNIZERS: tuple[Recognizer, ...] = (
    email.find,
    url.find,
    iban.find,
    card.find,
    national_id.find,
    ip.find,
    phone.find,
    dob.find,
    account.find,
    postcode.find,
    address.find,
    name.find,
    custom.find,
)

# What the check of a scrubbed result runs: the recognizers whose context a placeholder can change
# without touching a word (a name's neighbours, "insta is [URL]").
REREAD: tuple[Recognizer, ...] = (url.find, name.find, custom.find)

# When spans overlap they merge into one, named by the kind that comes first here. A workspace's own
# pattern names its own identifiers, so it wins.
PRIORITY: tuple[str, ...] = ("custom", "email", "url", "iban", "card", "national_id", "ip", "phone", "account", "dob",
                             "address", "postcode", "name")

__all__ = ["PRIORITY", "RECOGNIZERS", "REREAD", "Candidate", "Doc", "Recognizer"]

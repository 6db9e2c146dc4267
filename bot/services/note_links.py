"""Links from a note to customers and causes: ``~alias`` and ``#slug`` in /note, or the note form's pickers.

The tokens are taken out of the text and resolved *before* the rest is scrubbed and stored: an alias or a
slug is a pointer, not part of the remark, and an unknown one stops the note (nothing stored) with a reply
naming the closest existing ones. Nothing is ever created from a ``~`` or ``#`` token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.db import Database
from bot.errors import InvalidInput, NoteNotSaved, StorageUnavailable
from bot.privacy import scrub
from bot.services import causes as cause_service
from bot.services import customers as customer_service
from bot.services.validation import check_note_text
from models.workspace import get_or_create_workspace

# ~blue-scarf-regular or ~"blue scarf regular"; not inside a word or a Slack entity, and never "~20 mins".
_CUSTOMER = re.compile(r"(?<![\w~<@|])~(?:[\"“]([^\"“”\n]{1,60})[\"”]|([^\W\d_][\w'’-]*))")
# #food-bank; not a Slack channel link (<#C..>), a URL fragment or an HTML entity, and never "#3".
_CAUSE = re.compile(r"(?<![\w<&#/|])#([A-Za-z][A-Za-z0-9_-]*)")
_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([,.;:!?])")

NEW_PREFIX, EXISTING_PREFIX, INVALID_VALUE = "new:", "c:", "invalid"


@dataclass(frozen=True)
class ParsedNote:
    """The note text without its link tokens, and the tokens in the order they appeared."""

    text: str
    customers: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()

    @property
    def has_links(self) -> bool:
        return bool(self.customers or self.causes)


@dataclass
class Links:
    """Resolved ids to link the note to, their labels for the reply, and anything worth telling the author."""

    customer_ids: list[int] = field(default_factory=list)
    cause_ids: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return ("Linked to " + ", ".join(self.labels) + ".") if self.labels else ""


class UnknownLinks(InvalidInput):
    """One or more ``~alias``/``#slug`` tokens name nothing; the message lists each with suggestions."""


def parse(text: str | None) -> ParsedNote:
    """Take ``~alias`` and ``#slug`` tokens out of ``text`` (pure; no database)."""
    raw = text or ""
    if "~" not in raw and "#" not in raw:
        return ParsedNote(raw)
    customers: list[str] = []
    causes: list[str] = []

    def take_customer(m: re.Match[str]) -> str:
        token = (m.group(1) or m.group(2) or "").rstrip("-'’_")
        if token:
            customers.append(token)
        return " "

    def take_cause(m: re.Match[str]) -> str:
        causes.append(m.group(1).rstrip("-_").lower())
        return " "

    stripped = _CAUSE.sub(take_cause, _CUSTOMER.sub(take_customer, raw))
    lines = [_SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", line)).strip() for line in stripped.splitlines()]
    cleaned = "\n".join(line for line in lines if line) if (customers or causes) else raw
    return ParsedNote(cleaned, tuple(dict.fromkeys(customers)), tuple(dict.fromkeys(causes)))


def resolve(*, db: Database, team_id: str, parsed: ParsedNote) -> Links:
    """Ids for every token in ``parsed``; :class:`UnknownLinks` naming each unknown one (nothing created)."""
    links = Links()
    if not parsed.has_links:
        return links
    problems: list[str] = []
    with db.session() as session:
        workspace = get_or_create_workspace(session, team_id)
        assert workspace.id is not None
        for token in parsed.customers:
            try:
                customer = customer_service.resolve(session, workspace.id, token)
            except customer_service.UnknownCustomer as exc:
                problems.append(exc.message)
                continue
            assert customer.id is not None
            if customer.id not in links.customer_ids:
                links.customer_ids.append(customer.id)
                links.labels.append(f"customer “{customer.alias}”")
        for slug in parsed.causes:
            try:
                cause = cause_service.resolve(session, workspace.id, slug)
            except cause_service.UnknownCause as exc:
                problems.append(exc.message)
                continue
            assert cause.id is not None
            if cause.id not in links.cause_ids:
                links.cause_ids.append(cause.id)
                links.labels.append(f"cause #{cause.slug}")
    if problems:
        raise UnknownLinks("\n".join(problems) + "\nNothing was saved: fix the link and send the note again.")
    return links


def resolve_form(*, db: Database, team_id: str, user_id: str, customer_value: str | None, ref: str | None,
                 cause_value: str | None, secret: str | None) -> Links:
    """Links from the note form: a picked or new customer, an optional number, an optional cause.

    A new customer is created here (its alias checked by the privacy filter). A number already known
    reaches its customer whatever was picked, unless a *different* existing customer was picked. Raises
    :class:`InvalidInput` with ``field`` ``customer``, ``ref`` or ``cause``.
    """
    links = Links()
    customer_value = (customer_value or "").strip()
    ref = (ref or "").strip()
    if customer_value == INVALID_VALUE:
        raise InvalidInput("That alias can't be used (it looks like personal data). Type a description "
                           "instead, such as “blue-scarf regular”.", field="customer")
    with db.session() as session:
        workspace = get_or_create_workspace(session, team_id)
        assert workspace.id is not None
        picked = None
        if customer_value.startswith(EXISTING_PREFIX):
            try:
                picked = customer_service.by_id(session, workspace.id, int(customer_value[len(EXISTING_PREFIX):]))
            except ValueError:
                picked = None
            if picked is None:
                raise InvalidInput("That customer no longer exists; pick another.", field="customer")
        new_alias = customer_value[len(NEW_PREFIX):] if customer_value.startswith(NEW_PREFIX) else None
        customer = picked
        if ref or new_alias is not None:
            if ref and picked is None and new_alias is None:
                # A number alone reaches a known customer; an unknown one needs an alias to start a record.
                hashed = customer_service.ref_hash(secret or "", team_id, ref)
                known = customer_service.by_ref_hash(session, workspace.id, hashed)
                if known is None:
                    raise InvalidInput("No customer has that number yet. Pick or create the customer in the field "
                                       "above and it will be linked to this number.", field="ref")
                customer = known
            else:
                try:
                    ensured = customer_service.ensure_customer(
                        session, team_id=team_id, user_id=user_id,
                        alias=picked.alias if picked is not None else new_alias, external_ref=ref or None,
                        secret=secret)
                except InvalidInput as exc:
                    raise InvalidInput(exc.message, field="ref" if exc.field == "ref" else "customer") from None
                if picked is not None and ensured.customer.id != picked.id:
                    raise InvalidInput(f"That number belongs to another customer, “{ensured.customer.alias}”. "
                                       "Pick that customer, or check the number.", field="ref")
                customer = ensured.customer
                if ensured.matched_by_ref and new_alias is not None and \
                        customer.alias != customer_service.normalise_alias(new_alias):
                    links.notices.append(f"That number already belongs to “{customer.alias}”, so the note is "
                                         "linked there.")
        if customer is not None:
            assert customer.id is not None
            links.customer_ids.append(customer.id)
            links.labels.append(f"customer “{customer.alias}”")
        if cause_value:
            try:
                cause = cause_service.by_id(session, workspace.id, int(cause_value))
            except ValueError:
                cause = None
            if cause is None or not cause.active:
                raise InvalidInput("That cause is not open any more; pick another.", field="cause")
            assert cause.id is not None
            links.cause_ids.append(cause.id)
            links.labels.append(f"cause #{cause.slug}")
    return links


def for_command(*, db: Database, team_id: str, text: str | None, region: str | None = None) -> tuple[str, Links]:
    """``/note`` text without its tokens, and what they link to. No tokens: the text as is, no database trip.

    Raises :class:`UnknownLinks` (nothing stored) and :class:`NoteNotSaved` when the database is down.
    """
    parsed = parse(text)
    if not parsed.has_links:
        return text or "", Links()
    try:
        return parsed.text, resolve(db=db, team_id=team_id, parsed=parsed)
    except StorageUnavailable as exc:
        raise NoteNotSaved(scrub(check_note_text(parsed.text), region=region)) from exc


def for_form(*, db: Database, team_id: str, user_id: str, text: str | None, customer_value: str | None,
             ref: str | None, cause_value: str | None, secret: str | None) -> Links:
    """:func:`resolve_form` once the note text is known to be usable (so a refused note creates no customer).
    Nothing picked: no database trip."""
    if not ((customer_value or "").strip() or (ref or "").strip() or (cause_value or "").strip()):
        return Links()
    checked = check_note_text(text)
    try:
        return resolve_form(db=db, team_id=team_id, user_id=user_id, customer_value=customer_value, ref=ref,
                            cause_value=cause_value, secret=secret)
    except StorageUnavailable as exc:
        raise NoteNotSaved(scrub(checked)) from exc

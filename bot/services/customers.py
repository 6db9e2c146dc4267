"""Pseudonymous customers: an alias staff choose and, optionally, a keyed hash of a loyalty/account number.

A customer is never stored by name or number. The alias goes through the privacy filter and is refused when
it finds anything; a number is normalised and hashed (HMAC-SHA256 with ``CUSTOMER_REF_SECRET``), so two
staff typing the same number reach one customer while the number itself is kept nowhere. Managers can read,
export (a subject-access request) and erase a customer; each of those is written to the audit log.
"""

from __future__ import annotations

import difflib
import hashlib
import hmac
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from bot.db import Database
from bot.errors import InvalidInput
from bot.privacy import scrub
from bot.services import audit
from models.base import utcnow
from models.cause import Cause
from models.customer import Customer
from models.nomination import Nomination
from models.note import Note, NoteCause, NoteCustomer, delete_note_rows
from models.staff import get_or_create_staff
from models.workspace import Workspace, get_or_create_workspace

ALIAS_MIN, ALIAS_MAX = 3, 40
REF_MIN, REF_MAX = 4, 32
SEARCH_LIMIT = 20
ALIAS_EXAMPLES = "“blue-scarf regular” or “Tuesday dog walker”"

# Letters (any script), digits, spaces, hyphens and apostrophes; it must start with a letter.
_ALIAS_CHARS = re.compile(r"^[^\W\d_][\w '’-]*$")
_DIGIT_RUN = re.compile(r"\d{4,}")
_REF_STRIP = re.compile(r"[\s\-–—._/]+")
_REF_CHARS = re.compile(r"^[A-Z0-9]+$")
# Context for the alias check and the echo: the name recognizer needs a cue to see "patel" as a person.
_ALIAS_CONTEXTS = ("{}", "customer {}")


class UnknownCustomer(InvalidInput):
    """No customer has that alias; ``suggestions`` are the closest existing aliases."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message, field="customer")
        self.suggestions = list(suggestions)


@dataclass(frozen=True)
class Ensured:
    """The customer a create reached, and how: newly ``created``, or found by its number or alias."""

    customer: Customer
    created: bool
    matched_by_ref: bool = False


@dataclass(frozen=True)
class CustomerNote:
    note: Note
    causes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CustomerView:
    customer: Customer
    notes: list[CustomerNote]
    total_notes: int
    nominations: int


@dataclass(frozen=True)
class Export:
    filename: str
    content: str
    notes: int
    nominations: int


@dataclass(frozen=True)
class Erased:
    customer_id: int
    notes_deleted: int
    links_removed: int
    nominations_deleted: int


# -- aliases and references -------------------------------------------------------------------------------

def normalise_alias(raw: str | None) -> str:
    """Trimmed, lower case, single spaces; a leading ``~`` (the /note syntax) is dropped."""
    text = unicodedata.normalize("NFC", (raw or "").strip()).lstrip("~").strip().strip("\"“”'")
    return " ".join(text.split()).lower()


def handle(alias: str) -> str:
    """The one-word form used after ``~`` in /note: spaces become hyphens (``~blue-scarf-regular``)."""
    return normalise_alias(alias).replace(" ", "-").replace("_", "-")


def check_alias(raw: str | None, *, region: str | None = None, extra_patterns: Sequence[str] = ()) -> str:
    """The normalised alias, or :class:`InvalidInput` (field ``alias``) saying what to choose instead.

    The message never repeats the alias: a refused alias may hold exactly what must not be kept.
    """
    alias = normalise_alias(raw)
    if not alias:
        raise InvalidInput(f"Give the customer an alias, such as {ALIAS_EXAMPLES}.", field="alias")
    if not ALIAS_MIN <= len(alias) <= ALIAS_MAX:
        raise InvalidInput(f"An alias is {ALIAS_MIN} to {ALIAS_MAX} characters, such as {ALIAS_EXAMPLES}.",
                           field="alias")
    if not _ALIAS_CHARS.match(alias):
        raise InvalidInput("An alias starts with a letter and uses letters, digits, spaces, hyphens and "
                           f"apostrophes only, such as {ALIAS_EXAMPLES}.", field="alias")
    if _DIGIT_RUN.search(alias):
        raise InvalidInput("An alias can't hold a long number: describe the customer instead, such as "
                           f"{ALIAS_EXAMPLES}, and put a loyalty or account number in the number field (only a "
                           "keyed hash of it is kept).", field="alias")
    # Bare as typed (capitals help the filter), and lower case after "customer" (a cue that makes "patel" or
    # "grace hopper" a person). Capitals after the cue are not tried: "Oat Milk Regular" would read as a name.
    as_typed = " ".join(unicodedata.normalize("NFC", raw or "").strip().lstrip("~").strip("\"“”'").split())
    found: set[str] = set()
    for text in dict.fromkeys((as_typed, alias, f"customer {alias}")):
        found.update(scrub(text, region=region, extra_patterns=tuple(extra_patterns)).counts())
    if found:
        kinds = ", ".join(sorted(_KIND_WORDS.get(k, k.replace("_", " ")) for k in found))
        raise InvalidInput(f"That alias looks like personal data ({kinds}), so it was not used. Describe the "
                           f"customer instead, without names or contact details, such as {ALIAS_EXAMPLES}.",
                           field="alias")
    return alias


_KIND_WORDS = {"name": "a name", "phone": "a phone number", "email": "an email address", "card": "a card number",
               "address": "an address", "postcode": "a postcode", "account": "an account number",
               "dob": "a date of birth", "national_id": "an ID number", "iban": "a bank account",
               "url": "a personal link", "custom": "a number your workspace protects"}


def normalise_ref(raw: str) -> str:
    """A loyalty or account number as typed, without spaces, dashes or dots, upper case."""
    return _REF_STRIP.sub("", unicodedata.normalize("NFKC", raw or "")).upper()


def ref_hash(secret: str, team_id: str, raw_ref: str) -> str:
    """HMAC-SHA256 (hex) of the normalised number, keyed with the secret and bound to the workspace.

    Raises :class:`InvalidInput` (field ``ref``) for something that is not a usable number.
    """
    ref = normalise_ref(raw_ref)
    if not (REF_MIN <= len(ref) <= REF_MAX and _REF_CHARS.match(ref)):
        raise InvalidInput(f"A loyalty or account number is {REF_MIN} to {REF_MAX} letters and digits "
                           "(spaces and dashes are ignored).", field="ref")
    if not secret:
        raise InvalidInput("Linking customers by number is not set up here (CUSTOMER_REF_SECRET is empty); "
                           "pick or create the customer by alias instead.", field="ref")
    message = f"{team_id}:{ref}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


# -- lookups -----------------------------------------------------------------------------------------------

def workspace_for(session: Session, team_id: str) -> Workspace | None:
    return session.exec(select(Workspace).where(Workspace.team_id == team_id)).first()


def by_handle(session: Session, workspace_id: int, token: str) -> Customer | None:
    """The customer whose alias is ``token`` once spaces and hyphens are treated alike."""
    wanted = handle(token)
    return session.exec(select(Customer).where(
        Customer.workspace_id == workspace_id,
        func.replace(col(Customer.alias), " ", "-") == wanted)).first()


def by_ref_hash(session: Session, workspace_id: int, hashed: str) -> Customer | None:
    return session.exec(select(Customer).where(Customer.workspace_id == workspace_id,
                                               Customer.ref_hash == hashed)).first()


def by_id(session: Session, workspace_id: int, customer_id: int) -> Customer | None:
    customer = session.get(Customer, customer_id)
    return customer if customer is not None and customer.workspace_id == workspace_id else None


def suggest(session: Session, workspace_id: int, token: str, n: int = 3) -> list[str]:
    """Up to ``n`` existing aliases closest to ``token`` (substring matches first, then similar spelling)."""
    aliases = list(session.exec(select(Customer.alias).where(Customer.workspace_id == workspace_id)).all())
    wanted = handle(token)
    by_handle_ = {handle(a): a for a in aliases}
    picks = [a for h, a in sorted(by_handle_.items()) if wanted and wanted in h][:n]
    for close in difflib.get_close_matches(wanted, list(by_handle_), n=n, cutoff=0.5):
        if by_handle_[close] not in picks:
            picks.append(by_handle_[close])
    return picks[:n]


def resolve(session: Session, workspace_id: int, token: str) -> Customer:
    """The customer named by ``token`` (alias or ``~handle``), or :class:`UnknownCustomer` with suggestions."""
    customer = by_handle(session, workspace_id, token)
    if customer is None:
        hints = suggest(session, workspace_id, token)
        tail = (" Did you mean " + " or ".join(f"`~{handle(a)}`" for a in hints) + "?") if hints else (
            " Customers are added from the note form (`/note` on its own), customer field.")
        raise UnknownCustomer(f"No customer has the alias {echo(token)}.{tail}", hints)
    return customer


def echo(token: str) -> str:
    """``token`` fit to show back in a reply: itself when the filter finds nothing in it, else a stand-in."""
    shown = handle(token)
    if not shown or len(shown) > ALIAS_MAX or any(scrub(t.format(shown.replace("-", " "))).findings
                                                  for t in _ALIAS_CONTEXTS):
        return "you typed"
    return f"`~{shown}`"


def search(*, db: Database, team_id: str, query: str, limit: int = SEARCH_LIMIT) -> list[Customer]:
    """Customers whose alias contains ``query`` (spaces and hyphens alike), prefix matches first.

    An empty query lists the most recently created customers.
    """
    wanted = handle(query)
    with db.session() as session:
        workspace = workspace_for(session, team_id)
        if workspace is None:
            return []
        stmt = select(Customer).where(Customer.workspace_id == workspace.id)
        if wanted:
            escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(func.replace(col(Customer.alias), " ", "-").like(f"%{escaped}%", escape="\\"))
            found = list(session.exec(stmt.order_by(col(Customer.alias)).limit(limit * 3)).all())
            found.sort(key=lambda c: (not handle(c.alias).startswith(wanted), c.alias))
            return found[:limit]
        return list(session.exec(stmt.order_by(col(Customer.created_at).desc(), col(Customer.id).desc())
                                 .limit(limit)).all())


# -- create ------------------------------------------------------------------------------------------------

def ensure_customer(session: Session, *, team_id: str, user_id: str, alias: str | None,
                    external_ref: str | None = None, secret: str | None = None) -> Ensured:
    """Find or create a customer in ``session``: by the number's hash first, then by alias.

    The same number from two staff reaches one customer whatever alias each typed. An alias that is new
    becomes a customer (after the privacy check); a number is attached to a customer that had none.
    """
    workspace = get_or_create_workspace(session, team_id)
    assert workspace.id is not None
    hashed = ref_hash(secret or "", team_id, external_ref) if external_ref and external_ref.strip() else None
    if hashed is not None:
        known = by_ref_hash(session, workspace.id, hashed)
        if known is not None:
            return Ensured(known, created=False, matched_by_ref=True)
    checked = check_alias(alias, region=workspace.phone_region, extra_patterns=workspace.custom_patterns or ())
    existing = by_handle(session, workspace.id, checked)
    if existing is not None:
        if hashed is not None:
            if existing.ref_hash not in (None, hashed):
                raise InvalidInput("That customer already has a different number. Check the number, or choose "
                                   "another alias for a different customer.", field="ref")
            existing.ref_hash = hashed
            session.add(existing)
            session.flush()
        return Ensured(existing, created=False)
    staff = get_or_create_staff(session, workspace.id, user_id)
    customer = Customer(workspace_id=workspace.id, alias=checked, ref_hash=hashed, created_by=staff.id)
    try:
        with session.begin_nested():
            session.add(customer)
    except IntegrityError:
        # Two staff created the same customer at the same moment: both reach the winner's row.
        winner = by_handle(session, workspace.id, checked)
        if winner is None and hashed is not None:
            winner = by_ref_hash(session, workspace.id, hashed)
        if winner is None:
            raise
        return Ensured(winner, created=False, matched_by_ref=winner.ref_hash == hashed and hashed is not None)
    return Ensured(customer, created=True)


def create_customer(*, db: Database, team_id: str, user_id: str, alias: str | None,
                    external_ref: str | None = None, secret: str | None = None) -> Ensured:
    """:func:`ensure_customer` in its own transaction."""
    with db.session() as session:
        return ensure_customer(session, team_id=team_id, user_id=user_id, alias=alias, external_ref=external_ref,
                               secret=secret)


# -- manager reads, export and erasure ---------------------------------------------------------------------

def find(*, db: Database, team_id: str, token: str) -> Customer:
    """The customer named ``token``; :class:`UnknownCustomer` (with suggestions) when there is none."""
    with db.session() as session:
        workspace = workspace_for(session, team_id)
        if workspace is None or workspace.id is None:
            raise UnknownCustomer(f"No customer has the alias {echo(token)}.")
        return resolve(session, workspace.id, token)


def _notes_of(session: Session, customer_id: int) -> list[Note]:
    return list(session.exec(
        select(Note).join(NoteCustomer, col(NoteCustomer.note_id) == col(Note.id))
        .where(NoteCustomer.customer_id == customer_id)
        .order_by(col(Note.created_at).desc(), col(Note.id).desc())).all())


def _causes_by_note(session: Session, note_ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    if not note_ids:
        return out
    rows = session.exec(select(NoteCause.note_id, Cause.slug).join(Cause, col(Cause.id) == col(NoteCause.cause_id))
                        .where(col(NoteCause.note_id).in_(note_ids))).all()
    for note_id, slug in rows:
        out.setdefault(note_id, []).append(slug)
    return out


def _nominations_of(session: Session, customer_id: int) -> list[Nomination]:
    return list(session.exec(select(Nomination).where(Nomination.nominee_customer_id == customer_id)
                             .order_by(col(Nomination.id))).all())


def _locate(session: Session, team_id: str, customer_id: int) -> tuple[Workspace, Customer]:
    workspace = workspace_for(session, team_id)
    customer = by_id(session, workspace.id, customer_id) if workspace and workspace.id else None
    if workspace is None or customer is None:
        raise UnknownCustomer("That customer no longer exists (already erased?).")
    return workspace, customer


def customer_view(*, db: Database, team_id: str, customer_id: int, actor_user_id: str,
                  limit: int = 20) -> CustomerView:
    """A customer's latest notes for a manager; the read is written to the audit log."""
    with db.session() as session:
        workspace, customer = _locate(session, team_id, customer_id)
        assert workspace.id is not None and customer.id is not None
        notes = _notes_of(session, customer.id)
        causes = _causes_by_note(session, [n.id for n in notes[:limit] if n.id is not None])
        nominations = len(_nominations_of(session, customer.id))
        audit.record(session, workspace_id=workspace.id, actor_user_id=actor_user_id, action="read",
                     subject_type="customer", subject_id=customer.id, detail={"notes": len(notes)})
        shown = [CustomerNote(n, causes.get(n.id or 0, [])) for n in notes[:limit]]
        return CustomerView(customer, shown, len(notes), nominations)


def export_customer(*, db: Database, team_id: str, customer_id: int, actor_user_id: str,
                    now: datetime | None = None) -> Export:
    """Everything held about one customer, as a JSON document (a subject-access request); audited."""
    now = now or utcnow()
    with db.session() as session:
        workspace, customer = _locate(session, team_id, customer_id)
        assert workspace.id is not None and customer.id is not None
        notes = _notes_of(session, customer.id)
        note_ids = [n.id for n in notes if n.id is not None]
        causes = _causes_by_note(session, note_ids)
        shared: dict[int, int] = {}
        if note_ids:
            for note_id, count in session.exec(
                    select(NoteCustomer.note_id, func.count()).where(col(NoteCustomer.note_id).in_(note_ids))
                    .group_by(col(NoteCustomer.note_id))).all():
                shared[note_id] = int(count) - 1
        cause_names = {c.id: c for c in session.exec(select(Cause).where(Cause.workspace_id == workspace.id))}
        nominations = _nominations_of(session, customer.id)
        history = audit.events_for(session, workspace.id, subject_type="customer", subject_id=customer.id)
        document: dict[str, Any] = {
            "format": "frontline-notes customer export, version 1",
            "exported_at": now.isoformat(),
            "about": ("Everything Frontline Notes holds about this customer. Notes were stored after personal "
                      "data was removed from them; a loyalty or account number, if one was given, is held only "
                      "as a keyed hash and cannot be turned back into the number."),
            "customer": {
                "id": customer.id, "alias": customer.alias, "created_at": customer.created_at.isoformat(),
                "external_reference_hash": customer.ref_hash,
            },
            "notes": [{
                "id": n.id, "created_at": n.created_at.isoformat(), "text": n.text, "kind": n.kind,
                "source": n.source, "sentiment": n.sentiment, "sensitive_topics": list(n.sensitive or []),
                "removed_by_privacy_filter": dict(n.removed or {}), "causes": causes.get(n.id or 0, []),
                "other_customers_linked": shared.get(n.id or 0, 0),
            } for n in notes],
            "nominations": [{
                "id": m.id, "cause": _cause_label(cause_names.get(m.cause_id)), "reason": m.reason,
                "status": m.status, "week": m.week, "created_at": m.created_at.isoformat(),
                "decided_at": m.decided_at.isoformat() if m.decided_at else None,
            } for m in nominations],
            "access_log": [{"action": e.action, "at": e.created_at.isoformat()} for e in history],
        }
        audit.record(session, workspace_id=workspace.id, actor_user_id=actor_user_id, action="export",
                     subject_type="customer", subject_id=customer.id,
                     detail={"notes": len(notes), "nominations": len(nominations)})
        content = json.dumps(document, indent=2, ensure_ascii=False)
        return Export(f"customer-{customer.id}-export-{now:%Y%m%d}.json", content, len(notes), len(nominations))


def _cause_label(cause: Cause | None) -> str | None:
    return f"{cause.name} (#{cause.slug})" if cause else None


def erase_customer(*, db: Database, team_id: str, customer_id: int, actor_user_id: str) -> Erased:
    """Erase a customer: the record, its links, the notes that concern only them, and their nominations.

    A note that also concerns another customer stays, without the link. The audit entry holds ids and
    counts only, so nothing erased survives in it.
    """
    with db.session() as session:
        workspace, customer = _locate(session, team_id, customer_id)
        assert workspace.id is not None and customer.id is not None
        notes = _notes_of(session, customer.id)
        deleted = 0
        for note in notes:
            assert note.id is not None
            others = session.exec(select(func.count()).select_from(NoteCustomer).where(
                NoteCustomer.note_id == note.id, NoteCustomer.customer_id != customer.id)).one()
            if not others:
                delete_note_rows(session, note.id)
                deleted += 1
        links = session.exec(select(func.count()).select_from(NoteCustomer)
                             .where(NoteCustomer.customer_id == customer.id)).one()
        session.exec(delete(NoteCustomer).where(col(NoteCustomer.customer_id) == customer.id))
        nominations = session.exec(delete(Nomination).where(col(Nomination.nominee_customer_id) == customer.id))
        session.exec(delete(Customer).where(col(Customer.id) == customer.id))
        erased = Erased(customer.id, deleted, int(links) + deleted, int(nominations.rowcount or 0))
        audit.record(session, workspace_id=workspace.id, actor_user_id=actor_user_id, action="erase",
                     subject_type="customer", subject_id=customer.id,
                     detail={"notes_deleted": erased.notes_deleted, "links_removed": erased.links_removed,
                             "nominations_deleted": erased.nominations_deleted})
        return erased

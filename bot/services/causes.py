"""Community causes: managers add, list and archive them; notes and nominations point at them by slug.

An unknown ``#slug`` is never created on the fly (a typo would split a cause in two): it is answered with
the closest existing causes.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.db import Database
from bot.errors import InvalidInput
from bot.privacy import scrub
from bot.services.notes import scrub_in
from models.cause import Cause
from models.workspace import Workspace, get_or_create_workspace

NAME_MIN, NAME_MAX = 2, 80
SLUG_MAX = 40
DESCRIPTION_MAX = 500
_NON_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{0,39}$")


class UnknownCause(InvalidInput):
    """No active cause has that slug; ``suggestions`` are the closest active slugs."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message, field="cause")
        self.suggestions = list(suggestions)


def slugify(name: str) -> str:
    """``"Food bank"`` -> ``"food-bank"``: ASCII, lower case, hyphens, at most 40 characters."""
    ascii_ = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    slug = _NON_SLUG.sub("-", ascii_.lower()).strip("-")
    return slug[:SLUG_MAX].rstrip("-")


def _workspace(session: Session, team_id: str) -> Workspace | None:
    return session.exec(select(Workspace).where(Workspace.team_id == team_id)).first()


class AddedCause(NamedTuple):
    cause: Cause
    created: bool  # False: an archived cause with the same slug was re-opened
    removed: str  # what the filter took out of the description ("removed 1 phone number")


def add_cause(*, db: Database, team_id: str, user_id: str, name: str, description: str = "") -> AddedCause:
    """Add a cause (or re-open an archived one with the same slug).

    The name must hold no personal data (it is shown everywhere); the description is stored scrubbed.
    """
    name = " ".join((name or "").split())
    if not NAME_MIN <= len(name) <= NAME_MAX:
        raise InvalidInput(f"A cause name is {NAME_MIN} to {NAME_MAX} characters, e.g. \"Food bank\".", field="name")
    slug = slugify(name)
    if not slug or not slug[0].isalpha():
        raise InvalidInput("A cause name needs to start with a letter (A-Z), e.g. \"Food bank\".", field="name")
    with db.session() as session:
        workspace = get_or_create_workspace(session, team_id)
        assert workspace.id is not None
        if scrub_in(workspace, name).findings:
            raise InvalidInput("That cause name looks like it holds personal data (a name or contact details). "
                               "Name the cause itself, e.g. \"Food bank\" or \"Winter coat drive\".", field="name")
        scrubbed = scrub_in(workspace, " ".join((description or "").split()))
        cleaned, removed = scrubbed.text[:DESCRIPTION_MAX], scrubbed.describe_removed()
        existing = session.exec(select(Cause).where(Cause.workspace_id == workspace.id, Cause.slug == slug)).first()
        if existing is not None:
            if existing.active:
                raise InvalidInput(f"There is already a cause `#{slug}` ({existing.name}).", field="name")
            existing.active, existing.name, existing.description = True, name, cleaned or existing.description
            session.add(existing)
            return AddedCause(existing, False, removed)
        cause = Cause(workspace_id=workspace.id, slug=slug, name=name, description=cleaned, created_by=user_id)
        try:
            with session.begin_nested():
                session.add(cause)
        except IntegrityError:
            raise InvalidInput(f"There is already a cause `#{slug}`.", field="name") from None
        return AddedCause(cause, True, removed)


def list_causes(*, db: Database, team_id: str, include_archived: bool = False) -> list[Cause]:
    """The workspace's causes by name (active only unless ``include_archived``)."""
    with db.session() as session:
        workspace = _workspace(session, team_id)
        if workspace is None:
            return []
        query = select(Cause).where(Cause.workspace_id == workspace.id)
        if not include_archived:
            query = query.where(col(Cause.active).is_(True))
        return list(session.exec(query.order_by(col(Cause.name), col(Cause.id))).all())


def archive_cause(*, db: Database, team_id: str, slug: str) -> Cause:
    """Archive the active cause ``slug``: it stays on old notes and nominations, and can't be picked any more."""
    with db.session() as session:
        workspace = _workspace(session, team_id)
        if workspace is None or workspace.id is None:
            raise UnknownCause(f"There is no cause {_shown(slug)} (there are no causes yet).")
        cause = resolve(session, workspace.id, slug)
        cause.active = False
        session.add(cause)
        return cause


def suggest(session: Session, workspace_id: int, slug: str, n: int = 3) -> list[str]:
    """Up to ``n`` active slugs closest to ``slug`` (by slug, or by name)."""
    causes = session.exec(select(Cause).where(Cause.workspace_id == workspace_id, col(Cause.active).is_(True))).all()
    wanted = slugify(slug.lstrip("#"))
    by_key: dict[str, str] = {}
    for cause in causes:
        by_key.setdefault(cause.slug, cause.slug)
        by_key.setdefault(slugify(cause.name), cause.slug)
    picks: list[str] = [s for k, s in sorted(by_key.items()) if wanted and (wanted in k or k in wanted)]
    for close in difflib.get_close_matches(wanted, list(by_key), n=n, cutoff=0.5):
        picks.append(by_key[close])
    return list(dict.fromkeys(picks))[:n]


def resolve(session: Session, workspace_id: int, slug: str) -> Cause:
    """The active cause ``slug`` (with or without ``#``), or :class:`UnknownCause` naming the closest ones."""
    wanted = slug.strip().lstrip("#").lower()
    cause = session.exec(select(Cause).where(Cause.workspace_id == workspace_id, Cause.slug == wanted)).first()
    if cause is not None and cause.active:
        return cause
    hints = suggest(session, workspace_id, wanted)
    if cause is not None:
        head = f"The cause `#{cause.slug}` is archived."
    else:
        head = f"There is no cause {_shown(wanted)}."
    if hints:
        tail = " Did you mean " + " or ".join(f"`#{h}`" for h in hints) + "?"
    else:
        tail = " See `/cause list`; a manager can add one with `/cause add \"Name\"`."
    raise UnknownCause(head + tail, hints)


def by_id(session: Session, workspace_id: int, cause_id: int) -> Cause | None:
    cause = session.get(Cause, cause_id)
    return cause if cause is not None and cause.workspace_id == workspace_id else None


def _shown(slug: str) -> str:
    # Only a well-formed slug is echoed: anything else may be text the person did not mean to share.
    wanted = slug.strip().lstrip("#").lower()
    return f"`#{wanted}`" if SLUG_RE.match(wanted) and not scrub(wanted).findings else "by that name"

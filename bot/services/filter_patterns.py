"""A workspace's own privacy-filter patterns (say, the store's membership-number format), kept on the
workspace row and used by every scrub in that workspace. Managers add and remove them; every change is
in the audit log with the pattern's position and the new count, never the pattern."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot.db import Database
from bot.errors import InvalidInput
from bot.privacy.recognizers.custom import validate_pattern
from bot.services import audit
from models.workspace import Workspace, get_or_create_workspace

# A handful is what a store needs; each one runs on every note.
MAX_PATTERNS = 20


@dataclass(frozen=True)
class PatternChange:
    patterns: tuple[str, ...]


def list_patterns(*, db: Database, team_id: str) -> tuple[str, ...]:
    """The workspace's patterns, in the order they were added."""
    with db.session() as session:
        return tuple(get_or_create_workspace(session, team_id).custom_patterns or ())


def add_pattern(*, db: Database, team_id: str, actor_user_id: str, pattern: str) -> PatternChange:
    """Validate ``pattern`` (it must be safe and fast, see ``validate_pattern``) and add it."""
    problem = validate_pattern(pattern)
    if problem is not None:
        raise InvalidInput(f"That pattern can't be used: {problem}. Nothing was changed.", field="pattern")
    with db.session() as session:
        workspace = get_or_create_workspace(session, team_id)
        current = list(workspace.custom_patterns or ())
        if pattern in current:
            raise InvalidInput("That pattern is already in the list. Nothing was changed.", field="pattern")
        if len(current) >= MAX_PATTERNS:
            raise InvalidInput(f"A workspace can have at most {MAX_PATTERNS} patterns; remove one first.",
                               field="pattern")
        current.append(pattern)
        _save(session, workspace, current, actor_user_id, "filter_pattern_added", len(current))
        return PatternChange(tuple(current))


def remove_pattern(*, db: Database, team_id: str, actor_user_id: str, number: int) -> PatternChange:
    """Remove the ``number``-th pattern (1-based, as ``list_patterns`` numbers them)."""
    with db.session() as session:
        workspace = get_or_create_workspace(session, team_id)
        current = list(workspace.custom_patterns or ())
        if not 1 <= number <= len(current):
            raise InvalidInput(f"There is no pattern {number}; the list has {len(current)}. Nothing was changed.",
                               field="number")
        del current[number - 1]
        _save(session, workspace, current, actor_user_id, "filter_pattern_removed", number)
        return PatternChange(tuple(current))


def _save(session: Session, workspace: Workspace, patterns: list[str], actor_user_id: str, action: str,
          position: int) -> None:
    assert workspace.id is not None
    workspace.custom_patterns = patterns  # a new list, so SQLAlchemy sees the JSON column change
    session.add(workspace)
    audit.record(session, workspace_id=workspace.id, actor_user_id=actor_user_id, action=action,
                 subject_type="workspace", subject_id=workspace.id,
                 detail={"position": position, "patterns": len(patterns)})

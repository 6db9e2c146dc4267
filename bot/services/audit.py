"""The audit log: who read, exported, erased or decided what, and when. Ids and counts only, never content."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlmodel import Session, col, select

from models.audit import AuditEvent

# Values that may go into ``detail``: numbers and flags, so an alias or a note can never end up in the log.
DetailValue = int | float | bool | None


def record(session: Session, *, workspace_id: int, actor_user_id: str, action: str, subject_type: str,
           subject_id: str | int, detail: Mapping[str, DetailValue] | None = None) -> AuditEvent:
    """Add one audit event to ``session`` (committed with the work it describes).

    ``detail`` holds counts and flags only; a string value is refused, because the audit log must outlive
    an erasure without keeping what was erased.
    """
    clean: dict[str, object] = {}
    for key, value in (detail or {}).items():
        if isinstance(value, str):
            raise ValueError("audit detail holds numbers and flags only")
        clean[key] = value
    event = AuditEvent(workspace_id=workspace_id, actor_user_id=actor_user_id, action=action,
                       subject_type=subject_type, subject_id=str(subject_id), detail=clean)
    session.add(event)
    session.flush()
    return event


def events_for(session: Session, workspace_id: int, *, subject_type: str | None = None,
               subject_id: str | int | None = None) -> Sequence[AuditEvent]:
    """Audit events of a workspace, oldest first, optionally for one subject."""
    query = select(AuditEvent).where(AuditEvent.workspace_id == workspace_id)
    if subject_type is not None:
        query = query.where(AuditEvent.subject_type == subject_type)
    if subject_id is not None:
        query = query.where(AuditEvent.subject_id == str(subject_id))
    return session.exec(query.order_by(col(AuditEvent.id))).all()

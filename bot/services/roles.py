"""Who is a manager: ``MANAGER_USER_IDS`` in settings, the workspace's manager user group in Slack, or a
staff row whose role is ``manager``. Group membership is cached for a few minutes."""

from __future__ import annotations

import logging
import threading
import time

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import select

from bot.services import Services
from bot.slack_client import slack_error
from models import Staff, Workspace

log = logging.getLogger(__name__)
MANAGERS_ONLY = ":lock: That is for managers only, so nothing was done. Ask a manager if you need it."


class ManagerGroupCache:
    def __init__(self, ttl: float = 300.0) -> None:
        self.ttl = ttl
        self._members: dict[str, tuple[float, frozenset[str]]] = {}
        self._lock = threading.Lock()

    def members(self, client: WebClient, group_id: str) -> frozenset[str]:
        now = time.monotonic()
        with self._lock:
            hit = self._members.get(group_id)
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        try:
            users = frozenset(client.usergroups_users_list(usergroup=group_id).get("users") or [])
        except SlackApiError as exc:
            log.warning("usergroups.users.list failed: %s", slack_error(exc))
            return hit[1] if hit is not None else frozenset()
        with self._lock:
            self._members[group_id] = (now, users)
        return users


_groups = ManagerGroupCache()


def is_manager(services: Services, client: WebClient | None, team_id: str, user_id: str) -> bool:
    """True when ``user_id`` may use managers-only features in ``team_id``."""
    if user_id in services.settings.managers:
        return True
    with services.db.session() as session:
        workspace = session.exec(select(Workspace).where(Workspace.team_id == team_id)).first()
        if workspace is None:
            return False
        staff = session.exec(select(Staff).where(Staff.workspace_id == workspace.id, Staff.user_id == user_id)
                             ).first()
        group = workspace.manager_group
    if staff is not None and staff.role == "manager":
        return True
    if group and client is not None:
        return user_id in _groups.members(client, group)
    return False


def manager_ids(services: Services, client: WebClient | None, team_id: str) -> list[str]:
    """Everyone ``is_manager`` would say yes to, as far as can be listed (settings, staff rows, user group)."""
    found = set(services.settings.managers)
    with services.db.session() as session:
        workspace = session.exec(select(Workspace).where(Workspace.team_id == team_id)).first()
        if workspace is not None:
            found.update(s.user_id for s in session.exec(select(Staff).where(
                Staff.workspace_id == workspace.id, Staff.role == "manager")).all())
            group = workspace.manager_group
        else:
            group = None
    if group and client is not None:
        found.update(_groups.members(client, group))
    return sorted(found)

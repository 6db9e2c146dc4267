"""``frontline digest``: the digest of a period from the database, written to files, without Slack."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from sqlmodel import select

from bot.config import Settings
from bot.errors import InvalidInput
from bot.services import Services
from bot.services.digest_compose import compose, write_files
from digests import parse_period
from models import Workspace


def write_digest(period_text: str, *, team: str | None, out: str) -> int:
    services = Services.build(Settings())
    try:
        with services.db.session() as session:
            query = select(Workspace)
            if team:
                query = query.where(Workspace.team_id == team)
            workspaces = list(session.exec(query).all())
        if len(workspaces) != 1:
            known = ", ".join(w.team_id for w in workspaces) or "none"
            print(f"frontline digest: pick one workspace with --team (found: {known})", file=sys.stderr)
            return 2
        [workspace] = workspaces
        assert workspace.id is not None
        try:
            period = parse_period(period_text, now=datetime.now(timezone.utc), tz=workspace.timezone or "UTC")
        except InvalidInput as exc:
            print(f"frontline digest: {exc.message}", file=sys.stderr)
            return 2
        composed = compose(services, workspace.id, period)
        for path in write_files(composed, Path(out), slug=period.start.strftime("%Y-%m-%d")):
            print(path)
        print(composed.report.summary_note)
        return 0
    finally:
        services.db.dispose()

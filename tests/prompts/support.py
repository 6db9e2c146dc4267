"""Seeding staff and running prompt ticks against the fake Slack."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from sqlmodel import Session, col, select

from bot.config import Settings
from bot.emulator import FakeSlack
from bot.pacing import Limits, Pacer
from bot.services import Services
from bot.services.prompts import PromptRunner
from bot.slack_client import make_client
from models import Prompt, Staff, Workspace

TEAM = "T0001"


@dataclass
class Env:
    fake: FakeSlack
    services: Services

    @property
    def client(self) -> Any:
        return make_client(self.services.settings)

    def runner(self, **kw: Any) -> PromptRunner:
        # Limits 100x faster than Slack's: the tests check behaviour, not speed.
        kw.setdefault("backoff", 0.01)
        return PromptRunner(Pacer(Limits().scaled(100)), **kw)

    def workspace(self, **values: Any) -> int:
        with Session(self.services.db.engine) as session:
            row = session.exec(select(Workspace).where(Workspace.team_id == TEAM)).first()
            if row is None:
                row = Workspace(team_id=TEAM, timezone=values.pop("timezone", "Europe/London"), **values)
            else:
                for key, value in values.items():
                    setattr(row, key, value)
            session.add(row)
            session.commit()
            assert row.id is not None
            return row.id

    def staff(self, user_id: str, tz: str | None = "Europe/London", *, checked: bool = True,
              add_user: bool = True, **values: Any) -> int:
        workspace_id = self.workspace()
        with Session(self.services.db.engine) as session:
            row = Staff(workspace_id=workspace_id, user_id=user_id, tz=tz,
                        tz_checked_at=datetime.now(timezone.utc) if (tz and checked) else None, **values)
            session.add(row)
            session.commit()
            assert row.id is not None
            staff_id = row.id
        if add_user:
            self.fake.add_user(user_id, tz=tz or "Europe/London")
        return staff_id

    def prompts(self) -> list[Prompt]:
        with Session(self.services.db.engine) as session:
            return list(session.exec(select(Prompt).order_by(col(Prompt.id))).all())

    def staff_row(self, staff_id: int) -> Staff:
        with Session(self.services.db.engine) as session:
            row = session.get(Staff, staff_id)
            assert row is not None
            return row

    def staff_by_user(self, user_id: str) -> Staff:
        with Session(self.services.db.engine) as session:
            row = session.exec(select(Staff).where(Staff.user_id == user_id)).first()
            assert row is not None
            return row

    def prompt_for(self, staff_id: int, day: date | None = None) -> Prompt:
        found = [p for p in self.prompts() if p.staff_id == staff_id and (day is None or p.local_date == day)]
        assert len(found) == 1, found
        return found[0]

    def posts(self) -> list[dict[str, Any]]:
        """Prompt messages that reached the fake Slack."""
        return [m for m in self.fake.messages if (m.get("metadata") or {}).get("event_type") == "frontline_prompt"]

    def posts_per_channel(self) -> Counter[str]:
        return Counter(m["channel"] for m in self.posts())


def make_env(database_url: str, fake: FakeSlack) -> Env:
    settings = Settings.local(slack_bot_token="xoxb-test", slack_api_url=fake.url, database_url=database_url)
    return Env(fake, Services.build(settings))

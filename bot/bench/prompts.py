"""``frontline bench prompts``: fan out end-of-day prompts to N staff against the fake Slack enforcing
Slack-like rate limits, on a faster clock (``--speed``, same shape).

Prints the time the fan-out took against the least time those limits allow, the 429s received, duplicates
and prompts missed. Staff are spread over five time zones, all due on the same tick; some are new (no time
zone, no DM yet: ``users.info`` and ``conversations.open`` first), some have left, are bots or closed the
app's DMs (skipped and marked, not missed).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from bot.bench import pgtemp
from bot.config import Settings
from bot.emulator import FakeSlack
from bot.migrations import upgrade
from bot.pacing import OPEN, POST, USERS_INFO, Limits, Pacer
from bot.services import Services
from bot.services.prompts import PromptRunner
from bot.slack_client import make_client
from models import Prompt, Staff, Workspace

ZONES = ("Europe/London", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata", "America/New_York")
TICK = datetime(2026, 11, 24, 17, 31, tzinfo=timezone.utc)  # a Tuesday


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="frontline bench prompts")
    parser.add_argument("-n", "--staff", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=200, help="staff with no time zone or DM yet")
    parser.add_argument("--gone", type=int, default=30, help="staff who left, are bots, or closed DMs")
    parser.add_argument("--speed", type=float, default=10.0, help="limits this many times faster than Slack's")
    parser.add_argument("--threads", type=int, default=8, help="send threads")
    parser.add_argument("--database-url", help="PostgreSQL server URL: a throw-away database is made beside it "
                                               "(default: a temporary SQLite file)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        if args.database_url and args.database_url.startswith("postgres"):
            why = pgtemp.reachable(args.database_url)
            if why is not None:
                raise SystemExit(why)
            url = pgtemp.create_database(args.database_url, "frontline_bench_prompts")
            try:
                return _run(args, url, "PostgreSQL")
            finally:
                pgtemp.drop_database(args.database_url, url)
        return _run(args, args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}", "SQLite")


def _run(args: argparse.Namespace, url: str, label: str) -> int:
    upgrade(url)
    limits = Limits().scaled(args.speed)
    with FakeSlack() as fake:
        _limit(fake, limits)
        settings = Settings.local(slack_bot_token="xoxb-bench",  # noqa: S106 - the emulator's, not a real token
                                  slack_api_url=fake.url, database_url=url)
        services = Services.build(settings)
        expected = _seed(services, fake, args)
        runner = PromptRunner(Pacer(limits), send_threads=args.threads, refresh_budget=args.staff)
        print(f"fanning out to {args.staff:,} staff on {label}: limits {args.speed:g}x Slack's "
              f"(chat.postMessage {limits.post_workspace.per_second:g}/s per workspace, "
              f"{limits.post_per_channel.per_second:g}/s per channel; conversations.open "
              f"{limits.conversations_open.per_second:.3g}/s; users.info {limits.users_info.per_second:.3g}/s)")
        fake.reset()
        t0 = time.monotonic()
        report = runner.tick(services, make_client(settings), now=TICK)
        wall = time.monotonic() - t0
        calls = list(fake.calls)
        counts = _statuses(services)
        services.db.dispose()

    first = min((c.at for c in calls), default=t0)
    last_post = max((c.at for c in calls if c.method == POST), default=first)
    fanout = last_post - first
    per_channel = Counter(m["channel"] for m in fake.messages
                          if (m.get("metadata") or {}).get("event_type") == "frontline_prompt")
    duplicates = sum(n - 1 for n in per_channel.values() if n > 1)
    missed = len(expected["eligible"] - set(per_channel))
    limited = sum(1 for c in calls if c.status == 429)
    minimum = Pacer(limits).minimum_seconds({POST: expected["posts"], OPEN: expected["opens"],
                                             USERS_INFO: expected["infos"]})
    made = Counter(c.method for c in calls)
    print(f"calls made: {dict(made)}")
    print(f"prompt rows and staff marked: {dict(counts)}")
    print(f"\n{'fan-out (first call to last post)':<36} {fanout:8.2f} s")
    print(f"{'theoretical minimum under the limits':<36} {minimum:8.2f} s")
    print(f"{'ratio':<36} {fanout / minimum if minimum else float('nan'):8.3f}   (target <= 1.15)")
    print(f"{'whole tick (due computation, claims)':<36} {wall:8.2f} s")
    by_method = dict(Counter(c.method for c in calls if c.status == 429))
    print(f"{'429s received':<36} {limited:8d}   {by_method if by_method else ''}")
    print(f"{'duplicates':<36} {duplicates:8d}")
    print(f"{'missed':<36} {missed:8d}   (of {len(expected['eligible']):,} eligible)")
    print(f"tick report: {dict(report.counts)}")
    return 0 if duplicates == 0 and missed == 0 else 1


def _limit(fake: FakeSlack, limits: Limits) -> None:
    channel, cap = limits.post_per_channel, limits.post_workspace
    fake.limit(POST, per_second=channel.per_second, burst=channel.burst, per="channel")
    fake.limit(POST, per_second=cap.per_second, burst=cap.burst)  # the workspace-wide cap over the channel one
    fake.limit(OPEN, per_second=limits.conversations_open.per_second, burst=limits.conversations_open.burst)
    fake.limit(USERS_INFO, per_second=limits.users_info.per_second, burst=limits.users_info.burst)


def _seed(services: Services, fake: FakeSlack, args: argparse.Namespace) -> dict:  # type: ignore[type-arg]
    """Staff rows in bulk; everyone due on ``TICK`` in their own zone (their end of shift one minute before)."""
    new, gone = min(args.new, args.staff), min(args.gone, args.staff - min(args.new, args.staff))
    checked = TICK - timedelta(hours=2)
    rows = []
    eligible: set[str] = set()
    kinds = Counter[str]()
    for i in range(args.staff):
        user = f"U{i:06d}"
        tz = ZONES[i % len(ZONES)]
        local = (TICK - timedelta(minutes=1)).astimezone(ZoneInfo(tz))
        kind = "new" if i < new else ("gone" if i < new + gone else "known")
        row = {"workspace_id": 1, "user_id": user, "role": "staff", "prompt_enabled": True,
               "prompt_time": f"{local:%H:%M}", "prompt_days": 0b1111111, "nothing_streak": 0,
               "created_at": checked, "tz": tz, "tz_checked_at": checked, "dm_channel": "D" + user[1:]}
        deleted = is_bot = False
        if kind == "new":
            row.update(tz=None, tz_checked_at=None, dm_channel=None)
        elif kind == "gone":
            which = (i - new) % 3
            if which == 0:
                deleted = True
                row.update(tz=None, tz_checked_at=None, dm_channel=None)
            elif which == 1:
                is_bot = True
                row.update(tz=None, tz_checked_at=None, dm_channel=None)
            else:
                fake.closed_dms.add("D" + user[1:])
        kinds[kind if kind != "gone" else ("deleted" if deleted else "bot" if is_bot else "closed")] += 1
        if kind != "gone":
            eligible.add("D" + user[1:])
        fake.add_user(user, tz=tz, deleted=deleted, is_bot=is_bot)
        rows.append(row)
    with Session(services.db.engine) as session:
        session.add(Workspace(id=1, team_id=fake.team_id, timezone="Europe/London"))
        session.commit()
        for start in range(0, len(rows), 1000):
            session.execute(insert(Staff), rows[start:start + 1000])
        session.commit()
    return {"eligible": eligible, "posts": len(eligible) + kinds["closed"], "opens": kinds["new"],
            "infos": kinds["new"] + kinds["deleted"] + kinds["bot"], "kinds": kinds}


def _statuses(services: Services) -> Counter[str]:
    with Session(services.db.engine) as session:
        rows = session.exec(select(Prompt.status, func.count()).group_by(col(Prompt.status))).all()
        out = Counter({status: int(n) for status, n in rows})
        marked = session.exec(select(Staff.inactive_reason, func.count())
                              .where(col(Staff.inactive_reason).is_not(None))
                              .group_by(col(Staff.inactive_reason))).all()
        out.update({f"staff_{reason}": int(n) for reason, n in marked})
        return out

"""``frontline bench roundtrip``: the /note round trip over loopback HTTP.

Signed request in, response out, note stored: p50/p99 over N requests on SQLite and PostgreSQL, side by
side with a bare Bolt app whose handler only acks (the floor), all served the same way (uvicorn, the
same Starlette route, one keep-alive client).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from slack_bolt import Ack, App
from sqlalchemy import func
from sqlmodel import Session, select

from bot.app import create_app
from bot.bench import pgtemp
from bot.config import Settings
from bot.db import Database
from bot.emulator import FakeSlack, SlackSender
from bot.migrations import upgrade
from bot.server import BackgroundServer, create_web_app
from bot.services import Services
from bot.slack_client import make_client
from models import Note

SECRET = "bench-signing-secret"  # noqa: S105 - local benchmark secret
TEXT = "the lady at till 3 said her loyalty points vanished, call her on 07700 900123 about it"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="frontline bench roundtrip")
    parser.add_argument("-n", "--requests", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL",
                                                             "postgresql://postgres@127.0.0.1:5432/test"))
    args = parser.parse_args(argv)

    rows: list[tuple[str, list[float], str]] = []
    with FakeSlack() as fake, tempfile.TemporaryDirectory() as tmp:
        settings = _settings(fake, f"sqlite:///{Path(tmp) / 'bench.db'}")
        rows.append(("floor: bare Bolt, ack only", _measure(_bare_app(settings, True), args), ""))
        rows.append(("bare Bolt, default settings", _measure(_bare_app(settings, False), args),
                     "(Bolt polls for ack() every 10 ms)"))
        upgrade(settings.database_url)
        rows.append(("/note on SQLite", *_run_note(settings, args)))
        why = pgtemp.reachable(args.postgres)
        if why is None:
            url = pgtemp.create_database(args.postgres, "frontline_bench")
            try:
                upgrade(url)
                rows.append(("/note on PostgreSQL", *_run_note(_settings(fake, url), args)))
            finally:
                pgtemp.drop_database(args.postgres, url)
        else:
            print(f"(PostgreSQL skipped: {why})")

    floor_p99 = _pct(rows[0][1], 99)
    print(f"\n/note round trip over loopback HTTP, {args.requests} requests each after {args.warmup} warm-up")
    print(f"{'server':<30} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'p99/floor':>10}  stored")
    for name, samples, stored in rows:
        print(f"{name:<30} {_pct(samples, 50):8.2f} {_pct(samples, 99):8.2f} {statistics.fmean(samples):8.2f}"
              f" {_pct(samples, 99) / floor_p99:10.2f}  {stored}")
    print("target: p99 within 2x of the floor and under 50 ms")
    return 0


def _settings(fake: FakeSlack, url: str) -> Settings:
    return Settings.local(slack_bot_token="xoxb-bench", slack_signing_secret=SECRET,  # noqa: S106 - local secret
                    slack_api_url=fake.url, database_url=url)


def _bare_app(settings: Settings, process_before_response: bool) -> tuple[App, Database]:
    app = App(client=make_client(settings), signing_secret=SECRET, token_verification_enabled=False,
              process_before_response=process_before_response)

    @app.command("/note")
    def only_ack(ack: Ack) -> None:
        ack(response_type="ephemeral", text="ok")

    return app, Database.from_url(settings.database_url)


def _run_note(settings: Settings, args: argparse.Namespace) -> tuple[list[float], str]:
    services = Services.build(settings)
    app = create_app(settings, services=services)

    def count() -> int:
        with Session(services.db.engine) as session:
            return int(session.exec(select(func.count()).select_from(Note)).one())

    samples = _measure((app, services.db), args)
    stored = count()
    expected = args.requests + args.warmup
    return samples, f"{stored}/{expected} notes stored" + ("" if stored == expected else "  <-- MISSING")


def _measure(built: tuple[App, Database], args: argparse.Namespace) -> list[float]:
    app, db = built
    server = BackgroundServer(create_web_app(app, db)).start()
    sender = SlackSender(server.url, SECRET)
    try:
        samples = []
        for i in range(args.warmup + args.requests):
            t0 = time.perf_counter()
            reply = sender.command("/note", f"{TEXT} #{i}")
            elapsed = (time.perf_counter() - t0) * 1000
            if reply.status != 200 or ("ok" not in reply.body and "Saved" not in reply.body):
                raise SystemExit(f"unexpected reply {reply.status}: {reply.body[:200]}")
            if i >= args.warmup:
                samples.append(elapsed)
        return samples
    finally:
        sender.close()
        server.stop()
        db.dispose()


def _pct(samples: list[float], pct: int) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]

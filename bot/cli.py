"""The ``frontline`` command: start, demo, digest, db upgrade, and the benchmarks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from bot.errors import ConfigError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="frontline", description="Frontline Notes: a Slack app for "
                                     "logging what customers say, privately.")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("start", help="run the bot: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT")

    demo = sub.add_parser("demo", help="play a day of notes against a local Slack emulator (no credentials)")
    demo.add_argument("--out", default="demo-output", help="folder for the demo's database and files")

    digest = sub.add_parser("digest", help="build a digest from DATABASE_URL and write it to files (no Slack)")
    digest.add_argument("period", nargs="*", help="last week (default), this week, or YYYY-MM-DD..YYYY-MM-DD")
    digest.add_argument("--team", help="Slack team id (default: the only workspace in the database)")
    digest.add_argument("--out", default="digest-output", help="folder for the Markdown, blocks and chart")

    db = sub.add_parser("db", help="database tasks")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply pending migrations to DATABASE_URL")

    bench = sub.add_parser("bench", help="benchmarks that print figures")
    bench.add_argument("name", choices=sorted(_BENCHMARKS), help="which benchmark")
    bench.add_argument("args", nargs=argparse.REMAINDER, help="passed to the benchmark")

    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            from bot.runner import start

            return start()
        if args.command == "demo":
            from bot.demo import run_demo

            return run_demo(out_dir=args.out)
        if args.command == "digest":
            from bot.digest_cli import write_digest

            return write_digest(" ".join(args.period), team=args.team, out=args.out)
        if args.command == "db":
            from bot.config import Settings
            from bot.migrations import upgrade

            upgrade(Settings().database_url)
            print("database is at the latest revision")
            return 0
        if args.command == "bench":
            return _BENCHMARKS[args.name]()(args.args)
    except ConfigError as exc:
        print(f"frontline: {exc}", file=sys.stderr)
        return 2
    parser.error("unknown command")
    return 2


def _bench(module: str) -> Callable[[], Callable[[list[str]], int]]:
    def load() -> Callable[[list[str]], int]:
        import importlib

        return importlib.import_module(module).main  # type: ignore[no-any-return]

    return load


_BENCHMARKS: dict[str, Callable[[], Callable[[list[str]], int]]] = {
    "roundtrip": _bench("bot.bench.roundtrip"),
    "privacy": _bench("bot.bench.privacy"),
    "digests": _bench("bot.bench.digests"),
    "prompts": _bench("bot.bench.prompts"),
}


if __name__ == "__main__":
    sys.exit(main())

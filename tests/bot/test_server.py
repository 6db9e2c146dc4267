"""HTTP mode: /healthz reports the database; unknown paths are not served."""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path

from bot.emulator import FakeSlack
from tests.harness import Harness, start_harness


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 - loopback test server
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def test_healthz_is_ok_when_the_database_answers(sqlite_harness: Harness) -> None:
    status, body = _get(f"http://127.0.0.1:{sqlite_harness.server.port}/healthz")

    assert status == 200
    assert body == {"status": "ok", "database": "up"}


def test_healthz_is_503_while_the_database_is_missing_and_200_once_it_is_back(
        sqlite_url: str, fake_slack: FakeSlack, tmp_path: Path) -> None:
    live = tmp_path / "volume"
    h = start_harness(f"sqlite:///{live / 'notes.db'}", fake_slack)
    try:
        status, body = _get(f"http://127.0.0.1:{h.server.port}/healthz")
        assert (status, body["database"]) == (503, "down")

        live.mkdir()  # the volume is mounted again
        shutil.copyfile(sqlite_url.removeprefix("sqlite:///"), live / "notes.db")

        status, body = _get(f"http://127.0.0.1:{h.server.port}/healthz")
        assert (status, body["database"]) == (200, "up")
    finally:
        h.stop()

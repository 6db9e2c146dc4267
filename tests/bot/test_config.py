"""Settings: a missing or placeholder secret stops start-up with a message naming it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import ConfigError


@pytest.mark.parametrize(("mode", "values", "named"), [
    ("http", {}, ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]),
    ("http", {"slack_bot_token": "xoxb-your-token", "slack_signing_secret": "real"}, ["SLACK_BOT_TOKEN"]),
    ("http", {"slack_bot_token": "xoxb-1-2-3", "slack_signing_secret": "changeme"}, ["SLACK_SIGNING_SECRET"]),
    ("socket", {"slack_bot_token": "xoxb-1-2-3"}, ["SLACK_APP_TOKEN"]),
])
def test_missing_or_placeholder_secrets_are_named(mode: str, values: dict, named: list[str]) -> None:
    settings = Settings(_env_file=None, **values)

    with pytest.raises(ConfigError) as caught:
        settings.require(mode)  # type: ignore[arg-type]

    for name in named:
        assert name in str(caught.value)


def test_complete_settings_pass_and_api_url_gets_its_slash() -> None:
    settings = Settings(_env_file=None, slack_bot_token="xoxb-1-2-3", slack_signing_secret="abc123",
                        slack_api_url="http://127.0.0.1:9/api")

    settings.require("http")
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"
    assert not settings.socket_mode


def test_database_url_defaults_to_a_sqlite_file_in_the_working_directory(tmp_path: Path) -> None:
    assert Settings(_env_file=None).database_url == f"sqlite:///{tmp_path / 'frontline.db'}"


def _frontline(*args: str, env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "bot.cli", *args], env=env, cwd=cwd, text=True,  # noqa: S603
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_start_without_a_token_stops_with_the_setting_named(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    proc = _frontline("start", env=env, cwd=tmp_path)
    _, err = proc.communicate(timeout=60)

    assert proc.returncode == 2
    assert "SLACK_BOT_TOKEN" in err and "SLACK_SIGNING_SECRET" in err


def test_start_in_http_mode_migrates_and_serves_healthz(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("SLACK_")},
           "SLACK_BOT_TOKEN": "xoxb-1-2-3", "SLACK_SIGNING_SECRET": "s3cr3t", "PORT": str(port),
           "HOST": "127.0.0.1", "SLACK_API_URL": "http://127.0.0.1:9/api/"}
    proc = _frontline("start", env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:
                    assert resp.status == 200
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "frontline start did not serve /healthz within 60 s"
                time.sleep(0.2)
        assert (tmp_path / "frontline.db").exists()  # the default database, migrated at start
    finally:
        proc.terminate()
        proc.wait(timeout=20)

"""The database or Slack failing: the person is told, nothing is lost silently, the app recovers alone."""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
from collections.abc import Iterator

import pytest

from bot.emulator import FakeSlack
from tests.databases import skip_or_fail_without_postgres
from tests.harness import Harness, start_harness


def test_sqlite_locked_then_free_note_refused_then_stored_without_restart(
        sqlite_url: str, fake_slack: FakeSlack) -> None:
    h = start_harness(sqlite_url, fake_slack, db_connect_timeout=0.3)
    try:
        assert h.send.command("/note", "first note works").status == 200
        # Another process holds the write lock (a stuck backup, a long migration): writes time out.
        blocker = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")

        down = h.send.command("/note", "asked for a refund, call 07700 900123")
        body = down.json()
        assert down.status == 200
        assert "NOT saved" in json.dumps(body)
        assert "[PHONE]" in json.dumps(body["blocks"]) and "900123" not in down.body

        blocker.execute("ROLLBACK")
        blocker.close()
        up = h.send.command("/note", "asked for a refund again")
        assert "Saved" in json.dumps(up.json()["blocks"])
        assert [n.text for n in h.notes()] == ["first note works", "asked for a refund again"]
    finally:
        h.stop()


class TcpProxy:
    """A loopback TCP proxy in front of PostgreSQL that can be cut and restored, like a network outage."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = True
        self._conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.close()
                except OSError:
                    pass

    def cut(self) -> None:
        self.up = False
        for conn in self._conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            except OSError:
                pass
        self._conns.clear()

    def restore(self) -> None:
        self.up = True

    def close(self) -> None:
        self.cut()
        self.listener.close()


@pytest.fixture
def pg_through_proxy(_pg_session_url: str | None) -> Iterator[tuple[str, TcpProxy]]:
    skip_or_fail_without_postgres()
    assert _pg_session_url is not None
    from tests.databases import truncate_all

    truncate_all(_pg_session_url)
    proxy = TcpProxy(("127.0.0.1", 5432))
    url = _pg_session_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
    yield url, proxy
    proxy.close()


@pytest.mark.postgres
def test_postgres_outage_note_refused_then_recovers(pg_through_proxy: tuple[str, TcpProxy],
                                                    fake_slack: FakeSlack) -> None:
    url, proxy = pg_through_proxy
    h = start_harness(url, fake_slack, db_connect_timeout=1.0)
    try:
        assert "Saved" in json.dumps(h.send.command("/note", "before the outage").json()["blocks"])
        proxy.cut()

        down = h.send.command("/note", "during the outage, card 4111 1111 1111 1111")
        assert "NOT saved" in down.body and "[CARD]" in down.body and "4111 1111" not in down.body

        proxy.restore()
        up = h.send.command("/note", "after the outage")
        assert "Saved" in json.dumps(up.json()["blocks"])
        assert [n.text for n in h.notes()] == ["before the outage", "after the outage"]
    finally:
        h.stop()


def test_views_open_refused_by_slack_tells_the_person(sqlite_harness: Harness) -> None:
    sqlite_harness.fake.fail("views.open", status=200, error="expired_trigger_id")

    sqlite_harness.send.command("/note", "")

    [answer] = sqlite_harness.fake.wait_for("response_url")
    assert "could not be opened" in answer.params["text"]


def test_rate_limited_home_publish_is_retried_after_retry_after(sqlite_harness: Harness) -> None:
    sqlite_harness.fake.fail("views.publish", status=429, retry_after=1)

    sqlite_harness.send.home_opened("U0001")
    sqlite_harness.fake.wait_for("views.publish", timeout=6)

    calls = sqlite_harness.fake.calls_to("views.publish")
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 0.9

"""Raw personal data never reaches the database, a log record or an exception message."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import inspect, text

from tests.harness import Harness

SECRETS = ["07700 900123", "900123", "jo.bloggs@example.com", "4111 1111 1111 1111", "4111111111111111"]
RAW = "jo said call 07700 900123 or jo.bloggs@example.com, card 4111 1111 1111 1111 was declined"


def _dump_every_table(harness: Harness) -> str:
    out = []
    with harness.db.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                out.append(repr(tuple(row)))
    return "\n".join(out)


def test_end_to_end_note_leaves_no_raw_text_in_db_or_logs(harness: Harness,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    harness.send.command("/note", RAW)
    harness.send.message_shortcut("save_as_note", RAW)
    harness.fake.wait_for("views.open")
    harness.send.home_opened()
    harness.fake.wait_for("views.publish")

    dump = _dump_every_table(harness)
    logs = "\n".join(r.getMessage() + str(r.args) for r in caplog.records)
    sent_to_slack = repr([c.params for c in harness.fake.calls])
    for secret in SECRETS:
        assert secret not in dump
        assert secret not in logs
        assert secret not in sent_to_slack
    assert "[PHONE]" in dump and "[EMAIL]" in dump and "[CARD]" in dump


def test_a_failing_listener_logs_no_payload_text(sqlite_harness: Harness, caplog: pytest.LogCaptureFixture,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.services.notes as notes

    def explode(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom with " + RAW)  # a foreign error whose message quotes the payload

    monkeypatch.setattr("handlers.notes.capture_note", explode)
    assert notes is not None
    caplog.set_level(logging.DEBUG)

    reply = sqlite_harness.send.command("/note", RAW)

    assert reply.status == 500
    [told] = sqlite_harness.fake.wait_for("response_url")
    assert "something went wrong" in told.params["text"]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "RuntimeError" in logged  # the failure is visible...
    for secret in SECRETS:
        assert secret not in logged  # ...without what the person typed
    assert sqlite_harness.notes() == []

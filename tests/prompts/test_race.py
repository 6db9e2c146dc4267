"""Two schedulers (replicas) ticking at once against one PostgreSQL: exactly one prompt per person."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest

from bot.config import Settings
from bot.scheduler import run_guarded
from bot.services import Services
from tests.prompts.support import Env

NOW = datetime(2026, 11, 24, 17, 35, tzinfo=timezone.utc)
PEOPLE = 40


def _replicas(env: Env, n: int) -> list[Services]:
    settings = Settings.local(slack_bot_token="xoxb-test", slack_api_url=env.fake.url,
                              database_url=env.services.settings.database_url)
    return [Services.build(settings) for _ in range(n)]  # each its own engine and pool, like a replica


def _race(targets: list[threading.Thread]) -> None:
    for t in targets:
        t.start()
    for t in targets:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in targets)


@pytest.mark.parametrize("guarded", [False, True], ids=["no-lock", "job-lock"])
def test_two_replicas_racing_send_each_prompt_once(env: Env, database_url: str, guarded: bool) -> None:
    if not database_url.startswith("postgres"):
        pytest.skip("replicas share PostgreSQL; SQLite is one process on one machine")
    for i in range(PEOPLE):
        env.staff(f"U{i:04d}", add_user=False)
    replicas = _replicas(env, 2)
    start = threading.Barrier(len(replicas))
    errors: list[BaseException] = []

    def replica(services: Services) -> None:
        runner = env.runner(send_threads=4)
        try:
            start.wait()
            if guarded:  # the scheduler's own path: the advisory lock lets one replica work the tick
                job = runner.job()
                run_guarded(job.__class__(job.id, lambda s, c: runner.tick(s, c, now=NOW), job.trigger),
                            services, env.client)
            else:  # no lock at all (it was lost): only the unique row and the attempt counter guard the send
                runner.tick(services, env.client, now=NOW)
        except BaseException as exc:  # reported below
            errors.append(exc)

    try:
        _race([threading.Thread(target=replica, args=(s,)) for s in replicas])
        env.runner().tick(env.services, env.client, now=NOW)  # a later tick finds nothing left to do
    finally:
        for services in replicas:
            services.db.dispose()

    assert errors == []
    per_channel = env.posts_per_channel()
    assert len(per_channel) == PEOPLE and set(per_channel.values()) == {1}
    rows = env.prompts()
    assert len(rows) == PEOPLE and {p.status for p in rows} == {"sent"}

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.emulator import FakeSlack
from tests.prompts.support import Env, make_env


@pytest.fixture
def env(database_url: str, fake_slack: FakeSlack) -> Iterator[Env]:
    e = make_env(database_url, fake_slack)
    yield e
    e.services.db.dispose()

"""The ``links`` fixture: the real app with a customer-reference secret, one manager and a recognition channel."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.emulator import FakeSlack
from tests.harness import Harness
from tests.links.support import start_links_harness


@pytest.fixture
def links(database_url: str, fake_slack: FakeSlack) -> Iterator[Harness]:
    h = start_links_harness(database_url, fake_slack)
    yield h
    h.stop()

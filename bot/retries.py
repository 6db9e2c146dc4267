"""Slack retries: Bolt does not de-duplicate them (STACK.md #2).

Writes are idempotent on their own (unique keys from trigger, view or event ids). This middleware also
answers a retried *event* whose ``event_id`` this process has already handled with a bare 200, so its
listeners (which call Slack) do not run twice.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltRequest, BoltResponse


class SeenEvents:
    def __init__(self, ttl: float = 600.0, size: int = 10_000) -> None:
        self.ttl, self.size = ttl, size
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, event_id: str) -> bool:
        """Record ``event_id``; False when it was already recorded within ``ttl`` seconds."""
        now = time.monotonic()
        with self._lock:
            while self._seen and (len(self._seen) > self.size or next(iter(self._seen.values())) < now - self.ttl):
                self._seen.popitem(last=False)
            if event_id in self._seen:
                return False
            self._seen[event_id] = now
            return True


def retry_middleware(seen: SeenEvents) -> Callable[..., Any]:
    def skip_handled_retries(req: BoltRequest, body: dict[str, Any], next: Callable[[], Any]) -> Any:
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id and not seen.first_time(str(event_id)) and _is_retry(req):
            return BoltResponse(status=200, body="")
        return next()

    return skip_handled_retries


def _is_retry(req: BoltRequest) -> bool:
    headers = {k.lower(): v for k, v in (req.headers or {}).items()}
    return bool(headers.get("x-slack-retry-num"))

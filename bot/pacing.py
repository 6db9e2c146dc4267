"""A pacer that keeps Web API calls under Slack's rate limits instead of running into them.

Slack limits each method per workspace (tiers) and ``chat.postMessage`` also per channel (about one a second
with short bursts) under a workspace-wide cap. The pacer holds a token bucket per method and, for methods
limited per channel, one per channel; a caller *reserves* the earliest slot every bucket it needs can give,
then sleeps until it. Reservations let many threads share the buckets without bunching up: each one knows
its own slot, so the calls leave evenly spaced at the limit and the fan-out finishes near the minimum the
limits allow. A 429 still wins: :meth:`Pacer.penalise` holds the method back for ``Retry-After``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

POST, OPEN, USERS_INFO, HISTORY = "chat.postMessage", "conversations.open", "users.info", "conversations.history"


@dataclass(frozen=True)
class Rate:
    per_second: float
    burst: int

    def scaled(self, factor: float) -> Rate:
        return Rate(self.per_second * factor, self.burst)


@dataclass(frozen=True)
class Limits:
    """Slack's published limits (per workspace unless said otherwise). The chat.postMessage workspace cap is
    not published as a number ("several hundred messages a minute"); 600 a minute is the assumption."""

    post_per_channel: Rate = Rate(1.0, 3)
    post_workspace: Rate = Rate(10.0, 20)
    conversations_open: Rate = Rate(50 / 60, 5)  # Tier 3: 50+ a minute
    users_info: Rate = Rate(100 / 60, 10)  # Tier 4: 100+ a minute
    history: Rate = Rate(50 / 60, 5)  # Tier 3

    def scaled(self, factor: float) -> Limits:
        """The same shape on a faster clock (benchmarks): every rate times ``factor``, bursts unchanged."""
        return replace(self, **{name: getattr(self, name).scaled(factor) for name in
                                ("post_per_channel", "post_workspace", "conversations_open", "users_info",
                                 "history")})


class _Bucket:
    """Tokens at ``rate`` a second up to ``burst``; may go below zero, which is how future slots are booked."""

    __slots__ = ("burst", "rate", "stamp", "tokens")

    def __init__(self, rate: Rate, now: float) -> None:
        self.rate, self.burst = rate.per_second, rate.burst
        self.tokens, self.stamp = float(rate.burst), now

    def _tokens_at(self, at: float) -> float:
        return min(float(self.burst), self.tokens + (at - self.stamp) * self.rate)

    def free_at(self, now: float) -> float:
        tokens = self._tokens_at(now)
        return now if tokens >= 1 else now + (1 - tokens) / self.rate

    def reserve(self, at: float) -> None:
        self.tokens, self.stamp = self._tokens_at(at) - 1, at

    def hold(self, until: float) -> None:
        """Nothing before ``until``, then one call, then the normal rate (no burst straight after a 429)."""
        if until > self.stamp:
            self.tokens, self.stamp = 1.0, until

    def idle(self, now: float) -> bool:
        return self._tokens_at(now) >= self.burst


class Pacer:
    """Thread-safe. ``margin`` keeps a little under each limit, so clock jitter between us and Slack does not
    turn into 429s; the first burst is one call short of Slack's for the same reason."""

    def __init__(self, limits: Limits | None = None, *, margin: float = 0.97,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.limits = limits or Limits()
        self.margin = margin
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._workspace: dict[str, _Bucket] = {}
        self._channels: dict[str, _Bucket] = {}
        self._held: dict[str, float] = {}
        self._rates = {POST: self.limits.post_workspace, OPEN: self.limits.conversations_open,
                       USERS_INFO: self.limits.users_info, HISTORY: self.limits.history}

    def _safe(self, rate: Rate) -> Rate:
        return Rate(rate.per_second * self.margin, max(1, rate.burst - 1))

    def _buckets(self, method: str, channel: str | None, now: float) -> list[_Bucket]:
        rate = self._rates.get(method)
        if rate is None:
            return []
        buckets = [self._workspace.setdefault(method, _Bucket(self._safe(rate), now))]
        if method == POST and channel:
            bucket = self._channels.get(channel)
            if bucket is None:
                if len(self._channels) > 20_000:  # forget channels whose bucket is full again: they are idle
                    self._channels = {k: b for k, b in self._channels.items() if not b.idle(now)}
                bucket = self._channels[channel] = _Bucket(self._safe(self.limits.post_per_channel), now)
            buckets.append(bucket)
        return buckets

    def acquire(self, method: str, channel: str | None = None) -> float:
        """Block until a call of ``method`` (to ``channel``) fits under the limits; returns seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                buckets = self._buckets(method, channel, now)
                at = max([now, self._held.get(method, now)] + [b.free_at(now) for b in buckets])
                for bucket in buckets:
                    bucket.reserve(at)
            if at > now:
                self._sleep(at - now)
                waited += at - now
            with self._lock:
                # A 429 that arrived while this call slept moves it behind the Retry-After.
                if self._clock() >= self._held.get(method, 0.0):
                    return waited

    def penalise(self, method: str, retry_after: float) -> None:
        """Slack answered 429: no call of ``method`` before ``retry_after`` seconds from now."""
        with self._lock:
            until = self._clock() + max(retry_after, 0.0)
            self._held[method] = max(self._held.get(method, 0.0), until)
            bucket = self._workspace.get(method)
            if bucket is not None:
                bucket.hold(until)

    def minimum_seconds(self, counts: dict[str, int]) -> float:
        """The least time Slack's limits (not the pacer's margin) allow for these calls, one per channel for
        chat.postMessage: for each method, the calls beyond its burst at its rate; the slowest method wins."""
        worst = 0.0
        for method, count in counts.items():
            rate = self._rates.get(method)
            if rate is not None and count > rate.burst:
                worst = max(worst, (count - rate.burst) / rate.per_second)
        return worst

"""The pacer on a fake clock: calls spaced at the limit after the burst, per channel and per workspace, and
held back after a 429 for Retry-After."""

from __future__ import annotations

from bot.pacing import OPEN, POST, Limits, Pacer, Rate


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def pacer(limits: Limits, clock: Clock) -> Pacer:
    return Pacer(limits, margin=1.0, clock=clock, sleep=clock.sleep)


def test_workspace_cap_spaces_calls_after_the_burst() -> None:
    clock = Clock()
    p = pacer(Limits(post_workspace=Rate(10.0, 3), post_per_channel=Rate(1.0, 3)), clock)
    times = []
    for i in range(8):
        p.acquire(POST, f"D{i}")
        times.append(round(clock.now, 3))
    # burst of 2 (one short of Slack's 3), then one every 0.1 s
    assert times == [0.0, 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]


def test_one_channel_is_held_to_its_own_rate_under_the_cap() -> None:
    clock = Clock()
    p = pacer(Limits(post_workspace=Rate(100.0, 50), post_per_channel=Rate(1.0, 3)), clock)
    times = []
    for _ in range(5):
        p.acquire(POST, "D1")
        times.append(round(clock.now, 3))
    assert times == [0.0, 0.0, 1.0, 2.0, 3.0]
    p.acquire(POST, "D2")  # another channel is not held back by D1
    assert round(clock.now, 3) == 3.0


def test_retry_after_holds_the_method_back() -> None:
    clock = Clock()
    p = pacer(Limits(conversations_open=Rate(50.0, 5)), clock)
    p.acquire(OPEN)
    p.penalise(OPEN, 2.5)
    waited = p.acquire(OPEN)
    assert waited >= 2.5 and clock.now >= 2.5


def test_minimum_seconds_is_the_slowest_method_beyond_its_burst() -> None:
    p = Pacer(Limits(post_workspace=Rate(10.0, 20), users_info=Rate(2.0, 10)))
    assert p.minimum_seconds({POST: 1020, "users.info": 50}) == 100.0
    assert p.minimum_seconds({POST: 20, "users.info": 110}) == 50.0

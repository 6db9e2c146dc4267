"""The ack for listeners whose work runs lazily: answer Slack at once, with nothing to say yet."""

from __future__ import annotations

from slack_bolt import Ack


def ack_only(ack: Ack) -> None:
    ack()

"""Posting a digest to Slack: never dropped silently.

429 and 5xx are retried by the client's retry handlers (``bot.slack_client``). A message Slack refuses as
too long is split into several, threaded under the first. What still fails raises
:class:`DeliveryFailed` so the caller marks the digest failed and the next tick tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import FrontlineError
from bot.slack_client import slack_error

log = logging.getLogger(__name__)
TOO_LONG = {"msg_blocks_too_long", "msg_too_long", "invalid_blocks_format"}
MAX_BLOCKS = 50


class DeliveryFailed(FrontlineError):
    """Slack did not take the digest; ``error`` is Slack's error code (no content)."""

    def __init__(self, error: str) -> None:
        super().__init__(f"Slack refused the digest: {error}")
        self.error = error


@dataclass(frozen=True)
class Posted:
    channel: str
    ts: str
    messages: int


def post_blocks(client: WebClient, channel: str, blocks: list[dict[str, Any]], text: str) -> Posted:
    """Post ``blocks`` as one message, or split into as many as Slack needs; returns the first message."""
    chunks = [blocks[i:i + MAX_BLOCKS] for i in range(0, len(blocks), MAX_BLOCKS)] or [[]]
    first_ts: str | None = None
    posted = 0
    while chunks:
        chunk = chunks.pop(0)
        try:
            resp = client.chat_postMessage(channel=channel, text=text, blocks=chunk, thread_ts=None,
                                           unfurl_links=False, unfurl_media=False)
        except SlackApiError as exc:
            error = slack_error(exc)
            if error in TOO_LONG and len(chunk) > 1:
                half = len(chunk) // 2
                chunks[:0] = [chunk[:half], chunk[half:]]
                log.info("digest message too long for Slack; splitting it")
                continue
            raise DeliveryFailed(error) from exc
        posted += 1
        first_ts = first_ts or str(resp.get("ts"))
        resp_channel = str(resp.get("channel") or channel)
        channel = resp_channel
    assert first_ts is not None
    return Posted(channel, first_ts, posted)


def upload(client: WebClient, channel: str, *, filename: str, content: bytes, title: str,
           alt_txt: str | None = None, thread_ts: str | None = None) -> bool:
    """Upload a file with ``files_upload_v2``; False (logged) when Slack refuses, the digest stands anyway."""
    kwargs: dict[str, Any] = {"channel": channel, "filename": filename, "content": content, "title": title}
    if alt_txt:
        kwargs["alt_txt"] = alt_txt[:1000]
    if thread_ts:
        kwargs["thread_ts"] = thread_ts
    try:
        client.files_upload_v2(**kwargs)
        return True
    except SlackApiError as exc:
        log.warning("file upload failed: %s", slack_error(exc))
        return False

"""The Slack Web API client: explicit timeout, and retries for rate limits, server errors and dropped
connections (slack_sdk only retries connection errors by default)."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import Settings


def make_client(settings: Settings, *, timeout: int = 10) -> WebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),  # waits Retry-After
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


def slack_error(exc: SlackApiError) -> str:
    """Slack's error code for a failed call (``"ratelimited"``, ``"channel_not_found"``), safe to log: it
    never carries the message that was sent."""
    return str(exc.response.get("error")) if exc.response is not None else "no_response"

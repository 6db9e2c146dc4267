"""The Bolt app factory: the whole Slack surface, for HTTP and Socket Mode. Nothing runs at import."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_sdk import WebClient

import handlers
from bot.config import Settings
from bot.logs import hold_libraries_quiet
from bot.retries import SeenEvents, retry_middleware
from bot.services import Services
from bot.slack_client import make_client


def create_app(settings: Settings, client: WebClient | None = None, *, services: Services | None = None) -> App:
    """Build the app and register every feature. ``client`` defaults to one built from ``settings``
    (token and ``SLACK_API_URL``); ``services`` defaults to a database from ``DATABASE_URL``."""
    hold_libraries_quiet()
    services = services or Services.build(settings)
    signing_secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None
    app = App(
        client=client or make_client(settings),
        signing_secret=signing_secret,
        # Socket Mode has no signatures; HTTP always verifies them.
        request_verification_enabled=signing_secret is not None,
        token_verification_enabled=False,  # auth.test happens on the first request, not at build time
        # The HTTP answer leaves as soon as the ack listener returns. With False, Bolt polls for ack() every
        # 10 ms, which puts a 10 ms floor under every request. Anything that calls Slack or may be slow runs
        # in a lazy listener, on the executor below.
        process_before_response=True,
        # Lazy listeners call Slack; the default five threads would queue behind one slow call.
        listener_executor=ThreadPoolExecutor(max_workers=settings.listener_threads,
                                             thread_name_prefix="listener"),
        logger=logging.getLogger("frontline.bolt"),
    )
    app.middleware(retry_middleware(SeenEvents()))
    handlers.register(app, services)
    return app

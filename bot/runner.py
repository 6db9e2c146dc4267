"""``frontline start``: migrate (unless told not to), then serve Slack over Socket Mode or HTTP."""

from __future__ import annotations

import logging
from typing import Literal

from bot.config import Settings
from bot.logs import configure

log = logging.getLogger("frontline")


def start(settings: Settings | None = None) -> int:
    settings = settings or Settings()
    configure(settings.log_level)
    mode: Literal["socket", "http"] = "socket" if settings.socket_mode else "http"
    settings.require(mode)

    from bot.app import create_app
    from bot.services import Services

    if settings.auto_migrate:
        from bot.migrations import upgrade

        upgrade(settings.database_url)
    services = Services.build(settings)
    app = create_app(settings, services=services)
    if settings.scheduler_enabled:
        from bot.scheduler import build_scheduler, default_jobs

        build_scheduler(services, app.client, default_jobs()).start()

    if mode == "socket":
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        assert settings.slack_app_token is not None
        log.info("starting in Socket Mode")
        SocketModeHandler(app, settings.slack_app_token.get_secret_value()).start()
        return 0

    import uvicorn

    from bot.server import create_web_app

    log.info("starting HTTP on %s:%s (/slack/events, /healthz)", settings.host, settings.port)
    uvicorn.run(create_web_app(app, services.db), host=settings.host, port=settings.port,
                log_level=settings.log_level.lower(), access_log=False)
    return 0

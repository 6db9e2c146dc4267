"""The one error handler for whatever a listener did not expect."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App

from bot.logs import safe_traceback

log = logging.getLogger("frontline.errors")
SORRY = "Sorry, something went wrong on our side and nothing was changed. Please try again in a minute."


def register(app: App) -> None:
    @app.error
    def on_error(error: Exception, body: dict[str, Any], respond: Any) -> None:
        # The payload holds what people typed: log where and what kind of failure, never the body.
        kind = body.get("type") or body.get("command") or "request"
        log.error("unhandled error in a %s listener\n%s", kind, safe_traceback(error))
        if respond is not None and (body.get("response_url") or body.get("response_urls")):
            try:
                respond(response_type="ephemeral", text=SORRY)
            except Exception:  # noqa: BLE001 - nothing more can be done for this request
                log.warning("could not tell the person about the failure")

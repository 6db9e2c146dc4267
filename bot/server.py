"""HTTP mode: a Starlette app with ``/slack/events`` and ``/healthz``, served by uvicorn.

Bolt's own Starlette adapter calls the synchronous ``App.dispatch`` on the event loop, which would
serialise every request behind the slowest one; here dispatch runs in the thread pool.
"""

from __future__ import annotations

import threading
import time

from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.db import Database


def create_web_app(app: App, db: Database) -> Starlette:
    async def slack_events(request: Request) -> Response:
        body = await request.body()
        bolt_response = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(bolt_response)

    async def healthz(_request: Request) -> Response:
        up = await run_in_threadpool(db.ping)
        return JSONResponse({"status": "ok" if up else "degraded", "database": "up" if up else "down"},
                            status_code=200 if up else 503)

    return Starlette(routes=[
        Route("/slack/events", slack_events, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
    ])


class BackgroundServer:
    """uvicorn on 127.0.0.1 and a free port, in a thread: for the demo, the benchmarks and the tests."""

    def __init__(self, asgi_app: Starlette) -> None:
        import uvicorn

        config = uvicorn.Config(asgi_app, host="127.0.0.1", port=0, log_level="warning", access_log=False,
                                lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    def start(self, timeout: float = 10.0) -> BackgroundServer:
        self._thread = threading.Thread(target=self._server.run, name="uvicorn", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the HTTP server did not start")
            time.sleep(0.01)
        return self

    @property
    def port(self) -> int:
        sock = self._server.servers[0].sockets[0]
        return int(sock.getsockname()[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)

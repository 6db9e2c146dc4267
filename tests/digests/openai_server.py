"""A local OpenAI-compatible server for tests: real HTTP on 127.0.0.1, so the real ``openai`` client (which
sends through httpx2, STACK.md #9) is exercised end to end.

``POST /v1/chat/completions`` answers in the chat-completions shape. Modes:

- ``ok``: the content is ``reply`` (a dict is sent as JSON, a str as it is, a callable gets the request body);
- ``slow``: waits ``delay`` seconds (longer than the client's timeout), then answers as ``ok``;
- ``500``: an internal server error every time;
- ``malicious``: a model that obeys whatever the user content tells it: it repeats every example note and
  every link it was sent, adds its own link and mentions, relabels every theme it sees with an overlong
  label, and invents labels for themes that do not exist.

Every request body is recorded in ``requests`` so tests can check what left the app and how many calls it took.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

Reply = dict[str, Any] | str | Callable[[dict[str, Any]], dict[str, Any] | str]
EVIL_LINK = "http://evil.example/steal"


class FakeOpenAI:
    def __init__(self, mode: str = "ok", reply: Reply | None = None, *, delay: float = 30.0) -> None:
        self.mode = mode
        self.reply: Reply = reply if reply is not None else {"summary": "Customers mostly raised queues.", "labels": {}}
        self.delay = delay
        self.requests: list[dict[str, Any]] = []
        self.raw: list[bytes] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    @property
    def calls(self) -> int:
        with self._lock:
            return len(self.requests)

    def user_contents(self) -> list[str]:
        with self._lock:
            return [m["content"] for body in self.requests for m in body.get("messages", []) if m["role"] == "user"]

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # wakes any slow answer still waiting
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def _content(self, body: dict[str, Any]) -> str:
        if self.mode == "malicious":
            return json.dumps(_obey(body))
        reply = self.reply(body) if callable(self.reply) else self.reply
        return reply if isinstance(reply, str) else json.dumps(reply)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
                    return
                body = json.loads(raw)
                with fake._lock:
                    fake.raw.append(raw)
                    fake.requests.append(body)
                if fake.mode == "500":
                    # retry-after-ms keeps the client's back-off short in tests; the retries still happen.
                    self._send(500, {"error": {"message": "boom", "type": "server_error"}},
                               headers={"retry-after-ms": "10"})
                    return
                if fake.mode == "slow" and fake._stop.wait(fake.delay):
                    return
                content = fake._content(body)
                self._send(200, {
                    "id": f"chatcmpl-{fake.calls}", "object": "chat.completion", "created": 1_700_000_000,
                    "model": body.get("model", "fake"),
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": content}}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                })

            def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout): fine
                    pass

        return Handler


def _obey(body: dict[str, Any]) -> dict[str, Any]:
    """What a model that follows instructions found in its data would answer."""
    user = next((m["content"] for m in body["messages"] if m["role"] == "user"), "")
    data = json.loads(user[user.index("{"): user.rindex("}") + 1])
    themes = data.get("themes", [])
    examples = [e for t in themes for e in t.get("examples", [])]
    links = re.findall(r"https?://\S+", user)
    summary = " ".join([*examples, "HACKED.", f"Post this link {EVIL_LINK} to everyone.", *links,
                        "<!channel> look at this.", "Queues were the main complaint this week."])
    labels = {t["label"]: "A label that is far too long to be shown anywhere in a Slack digest section ok"
              for t in themes}
    if themes:
        first = themes[0]["label"]
        labels[first] = f"See {EVIL_LINK}"
    if len(themes) > 1:
        labels[themes[1]["label"]] = "Payment problems"
    labels["A theme that does not exist"] = "Invented theme"
    return {"summary": summary, "labels": labels}

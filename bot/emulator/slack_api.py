"""A fake Slack Web API: a real HTTP server on 127.0.0.1 that answers like Slack and keeps a transcript.

The real ``slack_sdk.WebClient`` talks to it through ``base_url``. It can answer 429 with ``Retry-After``,
5xx or a Slack error on demand, and can enforce Slack-like rate limits (per method, per channel).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse


@dataclass
class Call:
    """One request the emulator received, in arrival order."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)

    def field(self, name: str) -> Any:
        """A parameter, decoded from JSON when Slack's client sent it as a string (form-encoded calls)."""
        return _json_field(self.params.get(name))


@dataclass
class _Fault:
    status: int
    error: str | None
    retry_after: float | None
    times: int


class _Bucket:
    """A token bucket: ``rate`` requests a second with bursts of ``burst``."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = float(burst)
        self.stamp = time.monotonic()

    def take(self) -> float:
        """0 when a token was taken, else the seconds until one is due."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


class FakeSlack:
    """Start with :meth:`start` (or use as a context manager); ``url`` is the ``base_url`` for WebClient."""

    def __init__(self, *, team_id: str = "T0001", bot_user_id: str = "UBOT") -> None:
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.calls: list[Call] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.views: dict[str, dict[str, Any]] = {}
        self.home_views: dict[str, dict[str, Any]] = {}
        self.messages: list[dict[str, Any]] = []
        self.files: dict[str, dict[str, Any]] = {}
        self.usergroups: dict[str, list[str]] = {}
        self.closed_dms: set[str] = set()
        self._faults: dict[str, deque[_Fault]] = defaultdict(deque)
        self._limits: dict[str, tuple[float, int]] = {}
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.handlers: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._post_message,
            "chat.postEphemeral": self._post_ephemeral,
            "chat.update": self._chat_update,
            "views.open": self._views_open,
            "views.update": self._views_update,
            "views.push": self._views_open,
            "views.publish": self._views_publish,
            "users.info": self._users_info,
            "conversations.open": self._conversations_open,
            "conversations.history": self._conversations_history,
            "usergroups.users.list": self._usergroup_users,
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
            "response_url": self._response_url,
        }

    # -- lifecycle -----------------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-slack", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the emulator first"
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    # -- set-up and faults ---------------------------------------------------------------------------
    def add_user(self, user_id: str, *, tz: str = "Europe/London", deleted: bool = False,
                 is_bot: bool = False, name: str | None = None) -> None:
        self.users[user_id] = {"id": user_id, "team_id": self.team_id, "name": name or user_id.lower(),
                               "deleted": deleted, "is_bot": is_bot, "tz": tz,
                               "tz_offset": 0, "profile": {"display_name": name or user_id}}

    def fail(self, method: str, *, status: int = 500, error: str | None = None,
             retry_after: float | None = None, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with ``status`` (and ``error``/``Retry-After``)."""
        self._faults[method].append(_Fault(status, error, retry_after, times))

    def limit(self, method: str, *, per_second: float, burst: int, per: str = "workspace") -> None:
        """Enforce a rate limit like Slack's: 429 with ``Retry-After`` once the bucket is empty.

        ``per`` is ``"workspace"`` (one bucket per method) or ``"channel"`` (one per channel argument).
        """
        self._limits[method] = (per_second, burst)
        if per == "channel":
            self._limits[method + "#channel"] = (per_second, burst)

    # -- reading the transcript ----------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def methods(self) -> list[str]:
        with self._lock:
            return [c.method for c in self.calls]

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.messages.clear()

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until ``count`` successful calls of ``method`` arrived (listeners run after the ack)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = [c for c in self.calls_to(method) if c.status == 200]
            if len(done) >= count:
                return done
            time.sleep(0.01)
        raise AssertionError(f"expected {count} call(s) to {method}, transcript: {self.methods()}")

    # -- dispatch --------------------------------------------------------------------------------------
    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        now = time.monotonic()
        with self._lock:
            status, body, headers = self._answer(method, params)
            self.calls.append(Call(method, params, now, status, body))
        return status, body, headers

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        faults = self._faults.get(method)
        if faults:
            fault = faults[0]
            fault.times -= 1
            if fault.times <= 0:
                faults.popleft()
            headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else {}
            if fault.status == 200:
                return 200, {"ok": False, "error": fault.error or "internal_error"}, {}
            return fault.status, {"ok": False, "error": fault.error or "ratelimited"}, headers
        wait = self._rate_wait(method, params)
        if wait > 0:
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(max(1, round(wait)))}
        handler = self.handlers.get(method)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        return 200, handler(params), {}

    def _rate_wait(self, method: str, params: dict[str, Any]) -> float:
        waits = []
        if method in self._limits:
            rate, burst = self._limits[method]
            waits.append(self._buckets.setdefault((method, ""), _Bucket(rate, burst)).take())
        if method + "#channel" in self._limits:
            rate, burst = self._limits[method + "#channel"]
            channel = str(params.get("channel", ""))
            waits.append(self._buckets.setdefault((method, channel), _Bucket(rate, burst)).take())
        return max(waits, default=0.0)

    def _next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):06d}"

    # -- methods ---------------------------------------------------------------------------------------
    def _auth_test(self, _p: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": "https://frontline-demo.slack.com/", "team": "Frontline Demo",
                "user": "frontline", "team_id": self.team_id, "user_id": self.bot_user_id,
                "bot_id": "BBOT", "is_enterprise_install": False}

    def _post_message(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = str(p.get("channel", ""))
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if channel in self.closed_dms:
            return {"ok": False, "error": "cannot_dm_bot"}
        blocks = _json_field(p.get("blocks"))
        if blocks is not None and (len(blocks) > 50 or len(json.dumps(blocks)) > 13000):
            return {"ok": False, "error": "msg_blocks_too_long"}
        if blocks is not None and not blocks_within_limits(blocks):
            return {"ok": False, "error": "invalid_blocks"}
        ts = f"{time.time():.6f}"
        message = {"channel": channel, "ts": ts, "text": p.get("text"), "blocks": blocks,
                   "thread_ts": p.get("thread_ts"), "metadata": _json_field(p.get("metadata"))}
        self.messages.append(message)
        return {"ok": True, "channel": channel, "ts": ts, "message": {"text": p.get("text"), "ts": ts}}

    def _post_ephemeral(self, p: dict[str, Any]) -> dict[str, Any]:
        self.messages.append({"channel": p.get("channel"), "user": p.get("user"), "ephemeral": True,
                              "text": p.get("text"), "blocks": _json_field(p.get("blocks"))})
        return {"ok": True, "message_ts": f"{time.time():.6f}"}

    def _chat_update(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "channel": p.get("channel"), "ts": p.get("ts"), "text": p.get("text")}

    def _views_open(self, p: dict[str, Any]) -> dict[str, Any]:
        if not p.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        view = dict(_json_field(p.get("view")) or {})
        view["id"] = self._next_id("V")
        self.views[view["id"]] = view
        return {"ok": True, "view": view}

    def _views_update(self, p: dict[str, Any]) -> dict[str, Any]:
        view = dict(_json_field(p.get("view")) or {})
        view["id"] = str(p.get("view_id") or self._next_id("V"))
        self.views[view["id"]] = view
        return {"ok": True, "view": view}

    def _views_publish(self, p: dict[str, Any]) -> dict[str, Any]:
        view = dict(_json_field(p.get("view")) or {})
        user = str(p.get("user_id", ""))
        view["id"] = self._next_id("VH")
        self.home_views[user] = view
        return {"ok": True, "view": view}

    def _users_info(self, p: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(p.get("user", "")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": user}

    def _conversations_open(self, p: dict[str, Any]) -> dict[str, Any]:
        users = str(p.get("users", ""))
        user = self.users.get(users)
        if user is not None and (user.get("deleted") or user.get("is_bot")):
            return {"ok": False, "error": "user_disabled" if user.get("deleted") else "cannot_dm_bot"}
        return {"ok": True, "channel": {"id": "D" + users.lstrip("U")}}

    def _conversations_history(self, p: dict[str, Any]) -> dict[str, Any]:
        """Newest first; ``metadata`` only with ``include_all_metadata`` (as Slack does)."""
        channel = str(p.get("channel", ""))
        oldest = float(p.get("oldest") or 0)
        limit = int(p.get("limit") or 100)
        with_metadata = str(p.get("include_all_metadata", "")).lower() in ("1", "true")
        found = [m for m in self.messages if m.get("channel") == channel and float(m.get("ts") or 0) > oldest]
        out = []
        for m in reversed(found[-limit:]):
            entry = {"type": "message", "ts": m["ts"], "text": m.get("text"), "user": self.bot_user_id}
            if with_metadata and m.get("metadata"):
                entry["metadata"] = m["metadata"]
            out.append(entry)
        return {"ok": True, "messages": out, "has_more": len(found) > limit}

    def _usergroup_users(self, p: dict[str, Any]) -> dict[str, Any]:
        group = str(p.get("usergroup", ""))
        if group not in self.usergroups:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": self.usergroups[group]}

    def _upload_url(self, p: dict[str, Any]) -> dict[str, Any]:
        file_id = self._next_id("F")
        self.files[file_id] = {"id": file_id, "filename": p.get("filename"), "length": p.get("length"),
                               "alt_txt": p.get("alt_txt"), "content": b""}
        return {"ok": True, "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, p: dict[str, Any]) -> dict[str, Any]:
        files = _json_field(p.get("files")) or []
        out = []
        for entry in files:
            record = self.files.get(entry.get("id"), {})
            record.update({"title": entry.get("title"), "channel": p.get("channel_id"),
                           "initial_comment": p.get("initial_comment")})
            out.append({"id": entry.get("id"), "title": entry.get("title")})
        return {"ok": True, "files": out}

    def _response_url(self, p: dict[str, Any]) -> dict[str, Any]:
        self.messages.append({"response_url": p.get("path"), "text": p.get("text"), "blocks": p.get("blocks"),
                              "ephemeral": p.get("response_type", "ephemeral") == "ephemeral"})
        return {"ok": True}

    @property
    def response_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/response"

    def store_upload(self, file_id: str, content: bytes) -> bool:
        with self._lock:
            if file_id not in self.files:
                return False
            self.files[file_id]["content"] = content
            self.calls.append(Call("upload", {"file_id": file_id, "bytes": len(content)}, time.monotonic()))
            return True


def blocks_within_limits(blocks: list[dict[str, Any]]) -> bool:
    """Slack's per-block limits: section text 3,000 characters, up to 10 fields of 2,000, header 150,
    context up to 10 elements."""
    for block in blocks:
        kind = block.get("type")
        text = (block.get("text") or {}).get("text", "")
        if kind == "section" and (len(text) > 3000 or len(block.get("fields") or []) > 10
                                  or any(len(f.get("text", "")) > 2000 for f in block.get("fields") or [])):
            return False
        if kind == "header" and len(text) > 150:
            return False
        if kind == "context" and len(block.get("elements") or []) > 10:
            return False
    return True


def _json_field(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _handler_for(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the transcript is the log

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            path = urlparse(self.path).path
            if path.startswith("/upload/"):
                ok = fake.store_upload(path.rsplit("/", 1)[-1], raw)
                self._send(200 if ok else 404, {"ok": ok}, {})
                return
            if path.startswith("/response/"):
                # A response_url: what respond() sends lands in the transcript too.
                payload = json.loads(raw or b"{}") if raw.strip().startswith(b"{") else {}
                fake.handle("response_url", {"path": path, **payload})
                self._send(200, {"ok": True}, {})
                return
            if not path.startswith("/api/"):
                self._send(404, {"ok": False, "error": "not_found"}, {})
                return
            method = path[len("/api/"):]
            ctype = self.headers.get("Content-Type", "")
            if "json" in ctype:
                params = json.loads(raw or b"{}")
            else:
                params = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
            status, body, headers = fake.handle(method, params)
            self._send(status, body, headers)

        def _send(self, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler

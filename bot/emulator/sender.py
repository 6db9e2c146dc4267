"""Signed requests shaped like Slack's own, sent over real HTTP to the app's ``/slack/events``.

Payload shapes follow what Slack sends for slash commands, message shortcuts, block actions,
view submissions and Events API callbacks.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import itertools
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlparse


@dataclass
class Reply:
    """The app's HTTP answer."""

    status: int
    body: str
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def sign(secret: str, timestamp: str, body: str) -> str:
    """Slack's request signature: ``v0=`` + HMAC-SHA256 over ``v0:{timestamp}:{body}``."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


class SlackSender:
    """Plays Slack's side towards the app. One keep-alive connection; not thread-safe (one per thread)."""

    def __init__(self, app_url: str, signing_secret: str, *, team_id: str = "T0001",
                 api_app_id: str = "A0001", response_base: str = "https://hooks.slack.com") -> None:
        parsed = urlparse(app_url)
        self.host, self.port = parsed.hostname or "127.0.0.1", parsed.port or 80
        self.path = parsed.path or "/slack/events"
        self.secret = signing_secret
        self.team_id = team_id
        self.api_app_id = api_app_id
        self.response_base = response_base.rstrip("/")
        self._conn: http.client.HTTPConnection | None = None
        self._seq = itertools.count(1)

    # -- transport -------------------------------------------------------------------------------------
    def post(self, body: str, content_type: str, *, timestamp: int | None = None,
             signature: str | None = None, extra_headers: dict[str, str] | None = None) -> Reply:
        ts = str(timestamp if timestamp is not None else int(time.time()))
        headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
                   "X-Slack-Signature": signature or sign(self.secret, ts, body)}
        headers.update(extra_headers or {})
        for attempt in range(2):
            conn = self._connection()
            try:
                conn.request("POST", self.path, body=body.encode(), headers=headers)
                resp = conn.getresponse()
                data = resp.read().decode()
                return Reply(resp.status, data, {k.lower(): v for k, v in resp.getheaders()})
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def trigger_id(self) -> str:
        return f"{next(self._seq)}.{int(time.time())}.{uuid.uuid4().hex[:16]}"

    # -- payloads ----------------------------------------------------------------------------------------
    def command(self, command: str, text: str, *, user_id: str = "U0001", channel_id: str = "C0001",
                trigger_id: str | None = None, **kw: Any) -> Reply:
        form = {
            "token": "verification-token-unused", "team_id": self.team_id, "team_domain": "frontline-demo",
            "channel_id": channel_id, "channel_name": "shop-floor", "user_id": user_id,
            "user_name": user_id.lower(), "command": command, "text": text, "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": f"{self.response_base}/commands/{self.team_id}/1/x",
            "trigger_id": trigger_id or self.trigger_id(),
        }
        return self.post(urlencode(form), "application/x-www-form-urlencoded", **kw)

    def interactive(self, payload: dict[str, Any], **kw: Any) -> Reply:
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, "application/x-www-form-urlencoded", **kw)

    def _who(self, user_id: str) -> dict[str, Any]:
        return {"team": {"id": self.team_id, "domain": "frontline-demo"},
                "user": {"id": user_id, "username": user_id.lower(), "team_id": self.team_id},
                "api_app_id": self.api_app_id, "token": "verification-token-unused",
                "is_enterprise_install": False}

    def message_shortcut(self, callback_id: str, message_text: str, *, user_id: str = "U0001",
                         channel_id: str = "C0001", author: str = "U0002", **kw: Any) -> Reply:
        ts = f"{time.time():.6f}"
        payload = {**self._who(user_id), "type": "message_action", "callback_id": callback_id,
                   "trigger_id": self.trigger_id(), "action_ts": ts, "message_ts": ts,
                   "channel": {"id": channel_id, "name": "shop-floor"},
                   "message": {"type": "message", "user": author, "ts": ts, "text": message_text},
                   "response_url": f"{self.response_base}/app/{self.team_id}/2/y"}
        return self.interactive(payload, **kw)

    def view_submission(self, view: dict[str, Any], values: dict[str, dict[str, dict[str, Any]]], *,
                        user_id: str = "U0001", view_id: str | None = None, **kw: Any) -> Reply:
        submitted = {**view, "id": view_id or view.get("id") or f"V{uuid.uuid4().hex[:9].upper()}",
                     "team_id": self.team_id, "state": {"values": values}, "hash": uuid.uuid4().hex[:12]}
        payload = {**self._who(user_id), "type": "view_submission", "trigger_id": self.trigger_id(),
                   "view": submitted, "response_urls": []}
        return self.interactive(payload, **kw)

    def block_action(self, action_id: str, value: str | None = None, *, user_id: str = "U0001",
                     block_id: str = "b", view: dict[str, Any] | None = None,
                     channel_id: str | None = None, message: dict[str, Any] | None = None,
                     selected_option: dict[str, Any] | None = None, **kw: Any) -> Reply:
        action: dict[str, Any] = {"action_id": action_id, "block_id": block_id, "type": "button",
                                  "action_ts": f"{time.time():.6f}"}
        if value is not None:
            action["value"] = value
        if selected_option is not None:
            action.update(type="static_select", selected_option=selected_option)
        payload: dict[str, Any] = {**self._who(user_id), "type": "block_actions",
                                   "trigger_id": self.trigger_id(), "actions": [action]}
        if view is not None:
            payload["view"] = view
            payload["container"] = {"type": "view", "view_id": view.get("id")}
        if channel_id is not None:
            payload["channel"] = {"id": channel_id, "name": "dm"}
            payload["container"] = {"type": "message", "channel_id": channel_id,
                                    "message_ts": (message or {}).get("ts", "1.0")}
            payload["message"] = message or {"ts": "1.0", "text": ""}
            payload["response_url"] = f"{self.response_base}/actions/{self.team_id}/3/z"
        return self.interactive(payload, **kw)

    def block_suggestion(self, action_id: str, value: str, *, user_id: str = "U0001",
                         block_id: str = "b", view: dict[str, Any] | None = None, **kw: Any) -> Reply:
        payload = {**self._who(user_id), "type": "block_suggestion", "action_id": action_id,
                   "block_id": block_id, "value": value, "view": view or {"id": "V0", "type": "modal"}}
        return self.interactive(payload, **kw)

    def event(self, event: dict[str, Any], *, event_id: str | None = None, **kw: Any) -> Reply:
        body = json.dumps({"token": "verification-token-unused", "team_id": self.team_id,
                           "api_app_id": self.api_app_id, "event": event, "type": "event_callback",
                           "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
                           "event_time": int(time.time()),
                           "authorizations": [{"team_id": self.team_id, "user_id": "UBOT", "is_bot": True}]})
        return self.post(body, "application/json", **kw)

    def home_opened(self, user_id: str = "U0001", **kw: Any) -> Reply:
        return self.event({"type": "app_home_opened", "user": user_id, "channel": "D" + user_id.lstrip("U"),
                           "tab": "home", "event_ts": f"{time.time():.6f}"}, **kw)

"""Block Kit builders shared by the feature modules. Pure functions from data to JSON-ready dicts."""

from __future__ import annotations

import re
from typing import Any

SECTION_LIMIT = 3000
_SLACK_TOKEN = re.compile(r"<(?:@[UW][A-Z0-9]+|#C[A-Z0-9]+(?:\|[^<>]*)?|!(?:here|channel|everyone))>")


def mrkdwn_escape(text: str) -> str:
    """Escape ``& < >`` for mrkdwn while keeping staff mentions and channel links working."""
    out, pos = [], 0
    for m in _SLACK_TOKEN.finditer(text):
        out.append(_escape(text[pos:m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(_escape(text[pos:]))
    return "".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int = SECTION_LIMIT - 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(text: str) -> str:
    """A note shown as a block quote, clipped to fit a section."""
    return "\n".join("> " + line for line in clip(mrkdwn_escape(text)).splitlines() or [""])


def section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text)}, **extra}


def context(*texts: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(t, 2000)} for t in texts]}


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": text[:150], "emoji": True}}


def button(text: str, action_id: str, value: str | None = None, *, style: str | None = None,
           confirm: dict[str, Any] | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "button", "text": {"type": "plain_text", "text": text, "emoji": True},
                               "action_id": action_id}
    if value is not None:
        element["value"] = value
    if style:
        element["style"] = style
    if confirm:
        element["confirm"] = confirm
    return element


def option(text: str, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": text[:75]}, "value": value}


def plain(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}

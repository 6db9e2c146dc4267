"""What an end-of-day prompt says in the person's DM, and what it turns into once answered.

Plain Block Kit dicts (JSON data, no Slack client types), shared by the fan-out that sends the prompt and the
handlers that update it after a button press.
"""

from __future__ import annotations

from typing import Any

ADD, NOTHING, SNOOZE, FEWER = "prompt_add", "prompt_nothing", "prompt_snooze", "prompt_fewer"
# Marks our prompt messages, so a restarted fan-out can tell whether a send it was unsure of went out.
METADATA_EVENT = "frontline_prompt"
QUESTION = "Anything customers said today worth keeping?"


def prompt_text(notes_today: int) -> str:
    if notes_today <= 0:
        return QUESTION
    return f"You logged {notes_today} note{'s' if notes_today != 1 else ''} today, anything else?"


def prompt_blocks(prompt_id: int, notes_today: int) -> list[dict[str, Any]]:
    value = str(prompt_id)
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": f":wave: {prompt_text(notes_today)}"}},
        {"type": "actions", "block_id": f"prompt_{prompt_id}", "elements": [
            _button("Add notes", ADD, value, style="primary"),
            _button("Nothing today", NOTHING, value),
            _button("Remind me in 1 hour", SNOOZE, value),
        ]},
        {"type": "context", "elements": [{"type": "mrkdwn", "text":
            "Personal data is removed before anything is saved. Change when I ask: `/note settings`."}]},
    ]


def prompt_metadata(prompt_id: int) -> dict[str, Any]:
    return {"event_type": METADATA_EVENT, "event_payload": {"prompt_id": prompt_id}}


def closed_blocks(text: str) -> list[dict[str, Any]]:
    """The prompt once answered: the buttons go, so nobody answers twice by accident."""
    return [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]


def fewer_blocks(prompt_id: int) -> list[dict[str, Any]]:
    """Asked once, after "Nothing today" three days running."""
    value = str(prompt_id)
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text":
            "Thanks, nothing logged today. That's three days running with nothing to add: "
            "would you like fewer prompts?"}},
        {"type": "actions", "block_id": f"prompt_fewer_{prompt_id}", "elements": [
            _button("Only on Fridays", FEWER, f"fridays:{value}"),
            _button("Keep asking daily", FEWER, f"keep:{value}"),
            _button("Stop the prompts", FEWER, f"off:{value}"),
        ]},
    ]


def _button(text: str, action_id: str, value: str, *, style: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "button", "text": {"type": "plain_text", "text": text},
                               "action_id": action_id, "value": value}
    if style:
        element["style"] = style
    return element

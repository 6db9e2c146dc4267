"""The end-of-day prompt conversation: the DM's buttons (Add notes, Nothing today, Remind me in 1 hour), the
form that takes up to five notes at once, the "fewer prompts?" question, and the person's prompt settings
(from App Home's "Prompt settings" button or ``/note settings``). The prompts themselves are sent by the
scheduled job in ``bot/services/prompts.py``."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any, TypeVar

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import InvalidInput, NotAllowed, NoteNotSaved, StorageUnavailable
from bot.services import Services
from bot.services.prompt_schedule import DAY_NAMES, days_list
from bot.services.prompts_answers import (
    MAX_NOTES,
    DraftNote,
    PromptNotesRefused,
    PromptSettings,
    answer_nothing,
    choose_fewer,
    describe_saved,
    load_settings,
    prompt_ref,
    save_prompt_notes,
    save_settings,
    snooze,
)
from bot.services.prompts_messages import ADD, FEWER, NOTHING, SNOOZE, closed_blocks, fewer_blocks
from bot.slack_client import slack_error
from handlers.acks import ack_only
from handlers.blocks import context, option, plain, quote, section
from handlers.note_views import KIND_LABELS
from handlers.replies import open_modal, tell

log = logging.getLogger(__name__)

NOTES_MODAL, SETTINGS_MODAL = "prompt_notes_modal", "prompt_settings_modal"
SETTINGS_OPEN = "prompt_settings_open"  # the App Home button (handlers/home.py)
NOTE_BLOCK, KIND_BLOCK, TEXT_ACTION, KIND_ACTION = "prompt_note_{}", "prompt_kind_{}", "text", "kind"
ENABLED_BLOCK, TIME_BLOCK, DAYS_BLOCK, PAUSE_BLOCK = "prompt_enabled", "prompt_time", "prompt_days", "prompt_pause"
SETTING_ACTION = "value"
NOT_YOURS = "That prompt belongs to someone else."
_T = TypeVar("_T")
DB_DOWN = ":warning: The database is not answering right now; nothing was changed. Try again in a minute."
OPEN_FAILED = "Sorry, the form could not be opened. Try again in a moment."


def register(app: App, services: Services) -> None:
    listeners = PromptListeners(services)
    app.action(ADD)(ack=ack_only, lazy=[listeners.on_add])
    app.action(NOTHING)(ack=ack_only, lazy=[listeners.on_nothing])
    app.action(SNOOZE)(ack=ack_only, lazy=[listeners.on_snooze])
    app.action(FEWER)(ack=ack_only, lazy=[listeners.on_fewer])
    app.action(SETTINGS_OPEN)(ack=ack_only, lazy=[listeners.on_settings_button])
    app.view(NOTES_MODAL)(ack=listeners.on_notes_submit, lazy=[listeners.close_prompt_message])
    app.view(SETTINGS_MODAL)(listeners.on_settings_submit)


def open_settings(services: Services, client: WebClient, *, trigger_id: str, team_id: str, user_id: str,
                  respond: Respond | None = None) -> None:
    """Open the person's prompt settings form (``/note settings`` and App Home call this)."""
    try:
        current = load_settings(db=services.db, team_id=team_id, user_id=user_id)
    except StorageUnavailable:
        tell(respond, DB_DOWN)
        return
    open_modal(client, trigger_id, settings_modal(current), respond, OPEN_FAILED)


class PromptListeners:
    def __init__(self, services: Services) -> None:
        self.services = services

    # -- the DM's buttons -------------------------------------------------------------------------------------
    def _on_prompt(self, body: dict[str, Any], action: dict[str, Any], respond: Respond,
                   service: Callable[..., _T]) -> tuple[bool, _T | None]:
        """``service`` on the prompt the button names, for the person who pressed it; ``(False, None)``
        once they have been told it is not theirs or that the database is not answering."""
        team_id, user_id = _who(body)
        try:
            return True, service(db=self.services.db, team_id=team_id, user_id=user_id,
                                 prompt_id=int(action.get("value") or ""))
        except (ValueError, NotAllowed):
            tell(respond, NOT_YOURS)
        except StorageUnavailable:
            tell(respond, DB_DOWN)
        return False, None

    def on_add(self, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        done, ref = self._on_prompt(body, action, respond, prompt_ref)
        if not done or ref is None:
            return
        channel, ts = _message(body)
        open_modal(client, body["trigger_id"], notes_modal(ref.prompt_id, channel, ts), respond, OPEN_FAILED)

    def on_nothing(self, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        done, outcome = self._on_prompt(body, action, respond, answer_nothing)
        if not done or outcome is None:
            return
        prompt_id = int(action["value"])
        if outcome.ask_fewer:
            _update(client, body, "Would you like fewer prompts?", fewer_blocks(prompt_id))
        elif outcome.already_answered:
            _update(client, body, "Already answered.", closed_blocks(":white_check_mark: Already answered."))
        else:
            text = ":+1: Thanks, nothing logged today. See you next time."
            _update(client, body, text, closed_blocks(text))

    def on_snooze(self, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        done, until = self._on_prompt(body, action, respond, snooze)
        if not done:
            return
        if until is None:
            _update(client, body, "Already answered.", closed_blocks(":white_check_mark: Already answered."))
            return
        text = f":alarm_clock: OK, I'll ask again at {_slack_time(until)}."
        _update(client, body, text, closed_blocks(text))

    def on_fewer(self, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        team_id, user_id = _who(body)
        choice = (action.get("value") or "").split(":", 1)[0]
        if choice not in ("fridays", "keep", "off"):
            tell(respond, "That button did not say what to change.")
            return
        try:
            message = choose_fewer(db=self.services.db, team_id=team_id, user_id=user_id, choice=choice)
        except StorageUnavailable:
            tell(respond, DB_DOWN)
            return
        _update(client, body, message, closed_blocks(message))

    def on_settings_button(self, body: dict[str, Any], client: WebClient) -> None:
        team_id, user_id = _who(body)
        open_settings(self.services, client, trigger_id=body["trigger_id"], team_id=team_id, user_id=user_id)

    # -- the notes form ---------------------------------------------------------------------------------------
    def on_notes_submit(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        team_id, user_id = _who(body)
        meta = _metadata(view)
        prompt_id = meta.get("prompt_id")
        drafts = read_notes(view)
        first = NOTE_BLOCK.format(drafts[0].index if drafts and drafts[0].text.strip() else 0)
        try:
            saved = save_prompt_notes(db=self.services.db, team_id=team_id, user_id=user_id,
                                      prompt_id=prompt_id if isinstance(prompt_id, int) else None,
                                      view_id=str(view.get("id") or ""), drafts=drafts,
                                      defaults=self.services.defaults, directory=self.services.directory)
        except PromptNotesRefused as exc:
            ack(response_action="errors", errors={NOTE_BLOCK.format(i): msg for i, msg in exc.errors.items()})
            return
        except NotAllowed:
            ack(response_action="errors", errors={first: NOT_YOURS})
            return
        except (NoteNotSaved, StorageUnavailable):
            ack(response_action="errors", errors={first: "NOT saved: the notes database is not answering. "
                                                         "Your text is still here; press Save again in a minute."})
            return
        except InvalidInput as exc:
            ack(response_action="errors", errors={first: exc.message})
            return
        ack(response_action="update", view=saved_view(saved))

    def close_prompt_message(self, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        """After the form is saved, the DM's buttons go (nobody answers twice by accident)."""
        meta = _metadata(view)
        team_id, user_id = _who(body)
        if not isinstance(meta.get("prompt_id"), int) or not meta.get("channel") or not meta.get("ts"):
            return
        try:
            ref = prompt_ref(db=self.services.db, team_id=team_id, user_id=user_id, prompt_id=meta["prompt_id"])
        except (NotAllowed, StorageUnavailable):
            return
        if ref.status != "answered":
            return  # the form was refused; the buttons stay
        text = ":white_check_mark: Thanks, your notes are saved. They are in the app's Home tab."
        _chat_update(client, str(meta["channel"]), str(meta["ts"]), text, closed_blocks(text))

    # -- settings -----------------------------------------------------------------------------------------------
    def on_settings_submit(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        team_id, user_id = _who(body)
        values = view.get("state", {}).get("values", {})
        enabled = (_value(values, ENABLED_BLOCK).get("selected_option") or {}).get("value", "on") == "on"
        time_value = _value(values, TIME_BLOCK).get("selected_time")
        days = []
        for opt in _value(values, DAYS_BLOCK).get("selected_options") or []:
            try:
                days.append(int(opt.get("value")))
            except (TypeError, ValueError):
                continue
        raw_date = _value(values, PAUSE_BLOCK).get("selected_date")
        try:
            paused = date.fromisoformat(raw_date) if raw_date else None
        except ValueError:
            ack(response_action="errors", errors={PAUSE_BLOCK: "That is not a date."})
            return
        try:
            saved = save_settings(db=self.services.db, team_id=team_id, user_id=user_id, enabled=enabled,
                                  time_value=time_value, weekdays=days, paused_until=paused)
        except InvalidInput as exc:
            block = {"time": TIME_BLOCK, "days": DAYS_BLOCK, "pause": PAUSE_BLOCK}.get(exc.field or "", TIME_BLOCK)
            ack(response_action="errors", errors={block: exc.message})
            return
        except StorageUnavailable:
            ack(response_action="errors", errors={TIME_BLOCK: "NOT saved: the database is not answering. "
                                                              "Press Save again in a minute."})
            return
        ack(response_action="update", view={"type": "modal", "title": plain("Prompt settings"),
                                            "close": plain("Done"),
                                            "blocks": [section(":white_check_mark: " + describe_settings(saved))]})


# -- views ---------------------------------------------------------------------------------------------------------
def notes_modal(prompt_id: int | None, channel: str | None, ts: str | None) -> dict[str, Any]:
    """Up to five notes at once, each with its kind."""
    kinds = [option(label, value) for value, label in KIND_LABELS.items()]
    blocks: list[dict[str, Any]] = [context("Anything customers said today worth keeping? Fill in as many as you "
                                            "like. Add `~alias` to link a customer or `#cause` to link a cause.")]
    for i in range(MAX_NOTES):
        blocks.append({"type": "input", "block_id": NOTE_BLOCK.format(i), "optional": True,
                       "label": plain(f"Note {i + 1}"),
                       "element": {"type": "plain_text_input", "action_id": TEXT_ACTION, "multiline": True,
                                   "max_length": 4000}})
        blocks.append({"type": "input", "block_id": KIND_BLOCK.format(i), "optional": True,
                       "label": plain("What kind of remark"),
                       "element": {"type": "static_select", "action_id": KIND_ACTION,
                                   "placeholder": plain("Choose one"), "options": kinds}})
    blocks.append(context("Names, phone numbers, emails, card and account numbers are removed before anything "
                          "is saved."))
    return {"type": "modal", "callback_id": NOTES_MODAL, "title": plain("End-of-day notes"),
            "submit": plain("Save"), "close": plain("Cancel"),
            "private_metadata": json.dumps({"prompt_id": prompt_id, "channel": channel, "ts": ts}),
            "blocks": blocks}


def read_notes(view: dict[str, Any]) -> list[DraftNote]:
    values = view.get("state", {}).get("values", {})
    drafts = []
    for i in range(MAX_NOTES):
        text = _value(values, NOTE_BLOCK.format(i), TEXT_ACTION).get("value") or ""
        kind = (_value(values, KIND_BLOCK.format(i), KIND_ACTION).get("selected_option") or {}).get("value")
        drafts.append(DraftNote(i, text, kind))
    return drafts


def saved_view(saved: Any) -> dict[str, Any]:
    described = describe_saved(saved)
    count = len(described)
    blocks: list[dict[str, Any]] = [section(f":white_check_mark: Saved {count} note{'s' if count != 1 else ''}:")]
    for scrubbed, notes in described:
        blocks.append(section(quote(scrubbed.text)))
        blocks.append(context(notes.capitalize()))
    return {"type": "modal", "title": plain("Notes saved"), "close": plain("Done"), "blocks": blocks}


def settings_modal(current: PromptSettings) -> dict[str, Any]:
    on, off = option("On: ask me at the end of my shift", "on"), option("Off", "off")
    day_options = [option(name, str(i)) for i, name in enumerate(DAY_NAMES)]
    chosen = [day_options[d] for d in days_list(current.days)]
    days_element: dict[str, Any] = {"type": "checkboxes", "action_id": SETTING_ACTION, "options": day_options}
    if chosen:
        days_element["initial_options"] = chosen
    pause_element: dict[str, Any] = {"type": "datepicker", "action_id": SETTING_ACTION,
                                     "placeholder": plain("No pause")}
    if current.paused_until:
        pause_element["initial_date"] = current.paused_until.isoformat()
    return {
        "type": "modal", "callback_id": SETTINGS_MODAL, "title": plain("Prompt settings"),
        "submit": plain("Save"), "close": plain("Cancel"),
        "blocks": [
            {"type": "input", "block_id": ENABLED_BLOCK, "label": plain("End-of-day prompts"),
             "element": {"type": "radio_buttons", "action_id": SETTING_ACTION, "options": [on, off],
                         "initial_option": on if current.enabled else off}},
            {"type": "input", "block_id": TIME_BLOCK, "label": plain("My shift ends at"),
             "element": {"type": "timepicker", "action_id": SETTING_ACTION, "initial_time": current.time}},
            {"type": "input", "block_id": DAYS_BLOCK, "label": plain("My work days"), "optional": True,
             "element": days_element},
            {"type": "input", "block_id": PAUSE_BLOCK, "label": plain("Pause prompts until (holiday, leave)"),
             "optional": True, "element": pause_element},
            context(f"Times are in your Slack time zone ({current.tz}). Public holidays are skipped."),
        ],
    }


def describe_settings(settings: PromptSettings) -> str:
    if not settings.enabled:
        return "End-of-day prompts are off."
    days = ", ".join(DAY_NAMES[d][:3] for d in days_list(settings.days))
    text = f"I'll ask at {settings.time} ({settings.tz}) on {days}."
    if settings.paused_until:
        text += f" Paused until {settings.paused_until:%A %d %B} (included)."
    return text


# -- helpers -------------------------------------------------------------------------------------------------------
def _who(body: dict[str, Any]) -> tuple[str, str]:
    team = (body.get("team") or {}).get("id") or (body.get("view") or {}).get("team_id") or ""
    return str(team), str((body.get("user") or {}).get("id") or "")


def _message(body: dict[str, Any]) -> tuple[str | None, str | None]:
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    return channel, ts


def _metadata(view: dict[str, Any]) -> dict[str, Any]:
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _value(values: dict[str, Any], block: str, action: str = SETTING_ACTION) -> dict[str, Any]:
    return (values.get(block, {}).get(action) or {}) if isinstance(values.get(block), dict) else {}


def _slack_time(moment: datetime) -> str:
    """A time Slack shows in the reader's own time zone."""
    stamp = int(moment.astimezone(timezone.utc).timestamp())
    return f"<!date^{stamp}^{{time}}|{moment.astimezone(timezone.utc):%H:%M} UTC>"


def _update(client: WebClient, body: dict[str, Any], text: str, blocks: list[dict[str, Any]]) -> None:
    channel, ts = _message(body)
    if channel and ts:
        _chat_update(client, channel, ts, text, blocks)


def _chat_update(client: WebClient, channel: str, ts: str, text: str, blocks: list[dict[str, Any]]) -> None:
    try:
        client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
    except SlackApiError as exc:
        log.warning("chat.update failed: %s", slack_error(exc))

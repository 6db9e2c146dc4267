"""The prompt conversation end to end: signed Slack requests to the real app, the fake Slack's transcript."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from bot.services.prompts_answers import answer_nothing
from tests.harness import Harness
from tests.prompts.support import Env

NOW = datetime.now(timezone.utc)


@pytest.fixture
def env(harness: Harness) -> Env:
    return Env(harness.fake, harness.services)


def _send_prompt(env: Env, user: str = "U0001") -> dict[str, Any]:
    """Seed a person whose prompt is due now, run a tick, return the DM that went out."""
    at = (NOW - timedelta(minutes=5)).astimezone(timezone.utc)
    env.staff(user, tz="UTC", prompt_time=f"{at:%H:%M}", prompt_days=0b1111111)
    env.runner().tick(env.services, env.client, now=NOW)
    [message] = [m for m in env.posts() if m["channel"] == "D" + user.lstrip("U")]
    return message


def _prompt_id(message: dict[str, Any]) -> str:
    return str(message["blocks"][1]["elements"][0]["value"])


def _notes(values: dict[int, tuple[str, str | None]]) -> dict[str, dict[str, dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for i, (text, kind) in values.items():
        out[f"prompt_note_{i}"] = {"text": {"type": "plain_text_input", "value": text}}
        out[f"prompt_kind_{i}"] = {"kind": {"type": "static_select",
                                            "selected_option": {"value": kind} if kind else None}}
    return out


def _open_form(harness: Harness, message: dict[str, Any], user: str = "U0001") -> tuple[dict[str, Any], str]:
    harness.send.block_action("prompt_add", _prompt_id(message), user_id=user, channel_id=message["channel"],
                              message={"ts": message["ts"], "text": message["text"]})
    [opened] = harness.fake.wait_for("views.open")
    return opened.field("view"), opened.response["view"]["id"]


def test_add_notes_opens_the_form_and_saves_several_scrubbed_notes(harness: Harness, env: Env) -> None:
    message = _send_prompt(env)
    view, view_id = _open_form(harness, message)
    assert view["callback_id"] == "prompt_notes_modal"
    assert sum(1 for b in view["blocks"] if b.get("block_id", "").startswith("prompt_note_")) == 5

    values = _notes({0: ("regular said the self-checkout ate her voucher, call her on 07700 900123", "pain"),
                     2: ("family loved the new kids' corner", "gain"), 3: ("", "says")})
    reply = harness.send.view_submission(view, values, user_id="U0001", view_id=view_id)
    again = harness.send.view_submission(view, values, user_id="U0001", view_id=view_id)  # Slack retried

    body = reply.json()
    assert body["response_action"] == "update"
    shown = str(body["view"]["blocks"])
    assert "Saved 2 notes" in shown and "[PHONE]" in shown and "07700" not in shown and "phone" in shown.lower()
    assert again.json()["response_action"] == "update"
    notes = harness.notes()
    assert [(n.source, n.kind) for n in notes] == [("prompt", "pain"), ("prompt", "gain")]
    assert "07700" not in notes[0].text and "[PHONE]" in notes[0].text
    [prompt] = env.prompts()
    assert prompt.status == "answered"
    update = harness.fake.wait_for("chat.update")[0]  # the buttons go (the retry may update it again: harmless)
    assert update.params["ts"] == message["ts"] and "saved" in update.params["text"]


def test_the_form_refuses_nothing_and_bad_notes_inline_and_stores_nothing(harness: Harness, env: Env) -> None:
    message = _send_prompt(env)
    view, view_id = _open_form(harness, message)

    empty = harness.send.view_submission(view, _notes({0: ("", None)}), user_id="U0001", view_id=view_id)
    two = _notes({0: ("asked for a bigger trolley", None), 1: (":tada: :tada:", None)})
    bad = harness.send.view_submission(view, two, user_id="U0001", view_id=view_id)

    assert empty.json()["response_action"] == "errors"
    assert "at least one note" in empty.json()["errors"]["prompt_note_0"]
    assert bad.json()["errors"] == {"prompt_note_1": bad.json()["errors"]["prompt_note_1"]}
    assert "no words" in bad.json()["errors"]["prompt_note_1"]
    assert harness.notes() == []
    assert env.prompts()[0].status == "sent"


def test_nothing_today_answers_and_closes_the_message(harness: Harness, env: Env) -> None:
    message = _send_prompt(env)
    harness.send.block_action("prompt_nothing", _prompt_id(message), user_id="U0001",
                              channel_id=message["channel"], message={"ts": message["ts"]})
    [update] = harness.fake.wait_for("chat.update")

    assert env.prompts()[0].status == "answered"
    assert "nothing logged today" in update.params["text"]
    assert env.staff_row(env.prompts()[0].staff_id).nothing_streak == 1


def test_remind_me_in_an_hour_snoozes(harness: Harness, env: Env) -> None:
    message = _send_prompt(env)
    harness.send.block_action("prompt_snooze", _prompt_id(message), user_id="U0001",
                              channel_id=message["channel"], message={"ts": message["ts"]})
    [update] = harness.fake.wait_for("chat.update")

    [prompt] = env.prompts()
    assert prompt.status == "snoozed" and prompt.snoozed_until is not None
    assert timedelta(minutes=59) < prompt.snoozed_until - datetime.now(timezone.utc) <= timedelta(hours=1)
    assert "ask again" in update.params["text"]


def test_someone_elses_prompt_buttons_change_nothing(harness: Harness, env: Env) -> None:
    message = _send_prompt(env)
    harness.send.block_action("prompt_nothing", _prompt_id(message), user_id="U0002",
                              channel_id=message["channel"], message={"ts": message["ts"]})
    [told] = harness.fake.wait_for("response_url")

    assert "someone else" in told.params["text"]
    assert env.prompts()[0].status == "sent"


def test_three_nothing_todays_running_ask_once_about_fewer_prompts(harness: Harness, env: Env) -> None:
    from models import Prompt

    staff_id = env.staff("U0001")
    from sqlmodel import Session

    with Session(env.services.db.engine) as session:
        rows = [Prompt(staff_id=staff_id, local_date=date(2026, 11, d), status="sent") for d in range(16, 21)]
        session.add_all(rows)
        session.commit()
        ids = [r.id for r in rows if r.id is not None]
    outcomes = [answer_nothing(db=env.services.db, team_id="T0001", user_id="U0001", prompt_id=i) for i in ids]

    assert [o.ask_fewer for o in outcomes] == [False, False, True, False, False]  # asked once, never again
    again = answer_nothing(db=env.services.db, team_id="T0001", user_id="U0001", prompt_id=ids[0])
    assert again.already_answered and env.staff_row(staff_id).nothing_streak == 5

    harness.send.block_action("prompt_fewer", f"fridays:{ids[2]}", user_id="U0001", channel_id="D0001",
                              message={"ts": "1.0"})
    harness.fake.wait_for("chat.update")
    row = env.staff_row(staff_id)
    assert row.prompt_days == 1 << 4 and row.nothing_streak == 0


def _settings_values(*, on: bool = True, at: str | None = "08:15", days: list[int] | None = None,
                     pause: str | None = None) -> dict[str, Any]:
    return {"prompt_enabled": {"value": {"type": "radio_buttons",
                                         "selected_option": {"value": "on" if on else "off"}}},
            "prompt_time": {"value": {"type": "timepicker", "selected_time": at}},
            "prompt_days": {"value": {"type": "checkboxes",
                                      "selected_options": [{"value": str(d)} for d in (days or [])]}},
            "prompt_pause": {"value": {"type": "datepicker", "selected_date": pause}}}


def test_note_settings_opens_the_form_and_saves_the_persons_choices(harness: Harness, env: Env) -> None:
    reply = harness.send.command("/note", "settings", user_id="U0001")
    assert reply.status == 200 and not harness.notes()
    [opened] = harness.fake.wait_for("views.open")
    view = opened.field("view")
    assert view["callback_id"] == "prompt_settings_modal"
    time_block = next(b for b in view["blocks"] if b["block_id"] == "prompt_time")
    assert time_block["element"]["initial_time"] == "17:30"  # the workspace default

    pause = (date.today() + timedelta(days=10)).isoformat()
    saved = harness.send.view_submission(view, _settings_values(days=[5, 6], pause=pause), user_id="U0001")

    assert saved.json()["response_action"] == "update"
    assert "08:15" in str(saved.json()["view"]["blocks"])
    staff = env.staff_by_user("U0001")
    chosen = (staff.prompt_time, staff.prompt_days, staff.snoozed_until)
    assert chosen == ("08:15", 0b1100000, date.fromisoformat(pause))


@pytest.mark.parametrize(("values", "block", "words"), [
    (_settings_values(days=[]), "prompt_days", "at least one work day"),
    (_settings_values(days=[0], pause="2020-01-01"), "prompt_pause", "later date"),
    (_settings_values(days=[0], at=None), "prompt_time", "time your shift ends"),
])
def test_bad_settings_are_refused_inline_and_change_nothing(harness: Harness, env: Env, values: dict[str, Any],
                                                            block: str, words: str) -> None:
    staff_id = env.staff("U0001")
    view = {"type": "modal", "callback_id": "prompt_settings_modal"}
    reply = harness.send.view_submission(view, values, user_id="U0001")

    assert reply.json()["response_action"] == "errors"
    assert words in reply.json()["errors"][block]
    row = env.staff_row(staff_id)
    assert (row.prompt_time, row.prompt_days, row.snoozed_until) == (None, None, None)


def test_home_has_a_prompt_settings_button_that_opens_the_form(harness: Harness) -> None:
    harness.send.home_opened("U0001")
    harness.fake.wait_for("views.publish")
    blocks = harness.fake.home_views["U0001"]["blocks"]
    actions = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert "prompt_settings_open" in actions

    harness.send.block_action("prompt_settings_open", user_id="U0001", view={"id": "VH1", "type": "home"})
    [opened] = harness.fake.wait_for("views.open")
    assert opened.field("view")["callback_id"] == "prompt_settings_modal"

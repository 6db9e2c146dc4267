"""``frontline demo``: the real app against the bundled Slack emulator, a simulated day of notes.

Nothing is faked inside the app: requests are signed like Slack's and go over HTTP to ``create_app``'s
``/slack/events``; the app's Web API calls go to the emulator; notes land in a real SQLite database.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from bot.app import create_app
from bot.config import Settings
from bot.emulator import FakeSlack, SlackSender
from bot.migrations import upgrade
from bot.server import BackgroundServer, create_web_app
from bot.services import Services
from handlers.note_views import KIND_ACTION, KIND_BLOCK, TEXT_ACTION, TEXT_BLOCK
from models import Note, Staff

SECRET = "demo-signing-secret"  # noqa: S105 - the emulator's own secret, never a real one

STAFF = {"U01AMIRA": "Amira (till)", "U02BEN": "Ben (deli)", "U03CHLOE": "Chloe (front desk)",
         "U04DEV": "Dev (floor manager)"}

# What people type during a day. Some of it holds personal data the filter must take out.
DAY: list[tuple[str, str]] = [
    ("U01AMIRA", "the lady at till 3 said her loyalty points vanished, call her on 07700 900123"),
    ("U02BEN", "regular asked if we could stock oat milk again, says the other shop has it"),
    ("U03CHLOE", "guest said checkout took 20 mins, email him at <mailto:tom.h@example.com|tom.h@example.com>"),
    ("U01AMIRA", "customer paid with card 4111 1111 1111 1111 and asked for it to be kept on file, we said no"),
    ("U02BEN", "two people said the queue at the deli was too long at lunch"),
    ("U04DEV", "<@U02BEN> handled a complaint about the self-checkout brilliantly, customer left smiling"),
    ("U03CHLOE", "family asked whether the café does gluten free options for kids"),
]


@dataclass
class DemoRun:
    """What a demo scene gets: the emulator, a signed sender, the app's services, the output folder."""

    fake: FakeSlack
    send: SlackSender
    out: Path
    services: Services


def run_demo(out_dir: str = "demo-output") -> int:
    out = Path(out_dir).resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    db_url = f"sqlite:///{out / 'frontline-demo.db'}"
    upgrade(db_url)

    with FakeSlack(team_id="TDEMO") as fake:
        for user in STAFF:
            fake.add_user(user, tz="Europe/London")
        settings = Settings.local(slack_bot_token="xoxb-demo", slack_signing_secret=SECRET,  # noqa: S106 - local secret
                            slack_api_url=fake.url, database_url=db_url)
        services = Services.build(settings)
        app = create_app(settings, services=services)
        server = BackgroundServer(create_web_app(app, services.db)).start()
        send = SlackSender(server.url, SECRET, team_id=fake.team_id, response_base=fake.response_base)
        run = DemoRun(fake, send, out, services)
        try:
            _title(f"Frontline Notes demo: the real app on {server.url}, Slack emulated on {fake.url}")
            _play_commands(run)
            _play_shortcut_and_modal(run)
            _play_bad_input(run)
            _play_home(run)
        finally:
            send.close()
            server.stop()
            _report(run, services)
            services.db.dispose()
    return 0


def _title(text: str) -> None:
    print(f"\n=== {text}")


def _play_commands(run: DemoRun) -> None:
    _title("Staff log notes with /note during the day")
    for user, text in DAY:
        reply = run.send.command("/note", text, user_id=user)
        body = reply.json()
        saved = body["blocks"][0]["text"]["text"].split("\n", 1)[1].removeprefix("> ")
        print(f"- {STAFF[user]:<22} typed: {text[:90]}")
        print(f"  {'':<22} saved: {saved[:90]}  [{body['blocks'][1]['elements'][0]['text']}]")


def _play_shortcut_and_modal(run: DemoRun) -> None:
    _title("Chloe saves a channel message with the 'Save as note' shortcut")
    message = "Customer Mrs Patel rang <tel:+447700900456|07700 900456>: the delivery slot app keeps crashing"
    run.send.message_shortcut("save_as_note", message, user_id="U03CHLOE")
    [opened] = run.fake.wait_for("views.open")
    view = opened.field("view")
    prefilled = view["blocks"][1]["element"]["initial_value"]
    print(f"- message:          {message}")
    print(f"- modal pre-filled: {prefilled}")
    values = {TEXT_BLOCK: {TEXT_ACTION: {"type": "plain_text_input", "value": prefilled}},
              KIND_BLOCK: {KIND_ACTION: {"type": "static_select", "selected_option": {"value": "pain"}}}}
    reply = run.send.view_submission(view, values, user_id="U03CHLOE", view_id=opened.response["view"]["id"])
    print(f"- submitted as a 'pain' remark -> Slack shows: {reply.json()['view']['title']['text']}")


def _play_bad_input(run: DemoRun) -> None:
    _title("Bad input is refused with a clear message, and nothing is stored")
    for text in (":thumbsup: :tada:", "x" * 4100):
        reply = run.send.command("/note", text, user_id="U02BEN")
        print(f"- /note {text[:20]!r}{'...' if len(text) > 20 else ''} -> {reply.json()['text'].splitlines()[0]}")
    empty = run.send.view_submission({"type": "modal", "callback_id": "note_modal", "private_metadata": "{}"},
                                     {TEXT_BLOCK: {TEXT_ACTION: {"type": "plain_text_input", "value": ""}}},
                                     user_id="U02BEN")
    print(f"- empty form -> inline error: {empty.json()['errors'][TEXT_BLOCK]}")


def _play_home(run: DemoRun) -> None:
    _title("Amira opens the app's Home tab and deletes a note")
    run.send.home_opened("U01AMIRA")
    run.fake.wait_for("views.publish")
    home = run.fake.home_views["U01AMIRA"]
    notes = [b for b in home["blocks"] if b.get("accessory", {}).get("action_id") == "note_delete"]
    print(f"- Home shows {len(notes)} of her notes, each with a Delete button")
    run.send.block_action("note_delete", notes[-1]["accessory"]["value"], user_id="U01AMIRA",
                          view={"id": home["id"], "type": "home"})
    run.fake.wait_for("views.publish", count=2)
    print(f"- after Delete: {run.fake.home_views['U01AMIRA']['blocks'][3]['elements'][0]['text']}")


def _report(run: DemoRun, services: Services) -> None:
    _title("What was stored, and where")
    with Session(services.db.engine) as session:
        rows = session.exec(select(Note, Staff).join(Staff, col(Staff.id) == col(Note.author_id))
                            .order_by(col(Note.id))).all()
        for note, staff in rows:
            flags = f" removed={note.removed}" if note.removed else ""
            print(f"  #{note.id:<3} {STAFF.get(staff.user_id, staff.user_id):<22} {note.source:<8} {note.kind:<6}"
                  f" {note.text[:80]}{flags}")
    print(f"- database: {run.out / 'frontline-demo.db'} ({len(rows)} notes)")
    calls: dict[str, int] = {}
    for call in run.fake.calls:
        calls[call.method] = calls.get(call.method, 0) + 1
    transcript = run.out / "slack-transcript.json"
    transcript.write_text(json.dumps([_call_json(c) for c in run.fake.calls], indent=1, default=str))
    print(f"- Slack Web API calls: {calls}; transcript: {transcript}")


def _call_json(call: Any) -> dict[str, Any]:
    return {"method": call.method, "status": call.status, "params": call.params}

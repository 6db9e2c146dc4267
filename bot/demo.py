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
            _play_prompt(run)
            _play_nomination(run)
            _play_digest(run)
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


def _play_nomination(run: DemoRun) -> None:
    from handlers import nominations as nom
    from models import Workspace

    _title("Dev (manager) adds a cause; Ben nominates Amira; Dev approves; it is posted")
    with Session(run.services.db.engine) as session:  # Dev is the manager; recognition goes to #kudos
        workspace = session.exec(select(Workspace).where(Workspace.team_id == run.fake.team_id)).one()
        workspace.recognition_channel = "C0KUDOS"
        dev = session.exec(select(Staff).where(Staff.workspace_id == workspace.id, Staff.user_id == "U04DEV")).one()
        dev.role = "manager"
        session.add_all([workspace, dev])
        session.commit()
    answers = len(run.fake.calls_to("response_url"))
    run.send.command("/cause", 'add "Food bank" collection point by the tills', user_id="U04DEV")
    print(f"- /cause add \"Food bank\" -> {run.fake.wait_for('response_url', answers + 1)[-1].params['text']}")
    opened = len(run.fake.calls_to("views.open"))
    run.send.command("/nominate", "", user_id="U02BEN")
    view = run.fake.wait_for("views.open", opened + 1)[-1].field("view")
    cause = next(b for b in view["blocks"] if b.get("block_id") == nom.CAUSE_BLOCK)["element"]["options"][0]
    reason = "Amira ran the food bank collection at till 3 all week; donors can ring her on 07700 900123"
    posts = len(run.fake.calls_to("chat.postMessage"))
    run.send.view_submission(view, {
        nom.USER_BLOCK: {nom.USER_ACTION: {"type": "users_select", "selected_user": "U01AMIRA"}},
        nom.CAUSE_BLOCK: {nom.CAUSE_ACTION: {"type": "static_select", "selected_option": cause}},
        nom.REASON_BLOCK: {nom.REASON_ACTION: {"type": "plain_text_input", "value": reason}}}, user_id="U02BEN")
    dm = run.fake.wait_for("chat.postMessage", posts + 1)[-1]
    buttons = [e for b in dm.field("blocks") if b["type"] == "actions" for e in b["elements"]]
    print(f"- Ben nominates Amira: {reason}")
    labels = " / ".join(b["text"]["text"] for b in buttons)
    print(f"- Dev's DM: {dm.field('blocks')[0]['text']['text'].splitlines()[-1]}  [{labels}]")
    answers = len(run.fake.calls_to("response_url"))
    run.send.block_action(nom.APPROVE, buttons[0]["value"], user_id="U04DEV", channel_id="D04DEV")
    run.fake.wait_for("response_url", answers + 1)
    for message in run.fake.messages:
        if message.get("channel") == "C0KUDOS":
            print(f"- posted in #kudos: {message['blocks'][0]['text']['text'].replace(chr(10), ' ')}")
        elif message.get("channel") == "D02BEN":
            print(f"- Ben is told: {message['text']}")


def _play_prompt(run: DemoRun) -> None:
    from datetime import datetime, timedelta, timezone
    from zoneinfo import ZoneInfo

    from bot.services.prompts import PromptRunner
    from bot.slack_client import make_client
    from models import Prompt

    _title("End of Chloe's shift: the bot asks in a DM, she answers with two notes through the form")
    london = datetime.now(timezone.utc).astimezone(ZoneInfo("Europe/London"))
    with Session(run.services.db.engine) as session:  # Chloe's shift ends now; everyone else's in 6 hours
        for staff in session.exec(select(Staff)).all():
            ends = london - timedelta(minutes=1) if staff.user_id == "U03CHLOE" else london + timedelta(hours=6)
            staff.tz, staff.tz_checked_at = "Europe/London", datetime.now(timezone.utc)
            staff.prompt_time, staff.prompt_days = f"{ends:%H:%M}", 0b1111111
            session.add(staff)
        session.commit()
    posts = len(run.fake.calls_to("chat.postMessage"))
    PromptRunner().tick(run.services, make_client(run.services.settings))
    dm = run.fake.wait_for("chat.postMessage", posts + 1)[-1]
    buttons = [e for b in dm.field("blocks") if b["type"] == "actions" for e in b["elements"]]
    print(f"- DM to Chloe ({dm.params['channel']}): {dm.params['text']}  "
          f"[{' / '.join(b['text']['text'] for b in buttons)}]")
    opened = len(run.fake.calls_to("views.open"))
    run.send.block_action(buttons[0]["action_id"], buttons[0]["value"], user_id="U03CHLOE",
                          channel_id=dm.params["channel"], message={"ts": dm.response["ts"]})
    call = run.fake.wait_for("views.open", opened + 1)[-1]
    typed = ["man at the desk said the lift to the car park was out again, his number is 07700 900789",
             "two guests said the new breakfast menu is much better"]
    values: dict[str, dict[str, dict[str, Any]]] = {
              "prompt_note_0": {"text": {"type": "plain_text_input", "value": typed[0]}},
              "prompt_kind_0": {"kind": {"type": "static_select", "selected_option": {"value": "pain"}}},
              "prompt_note_1": {"text": {"type": "plain_text_input", "value": typed[1]}},
              "prompt_kind_1": {"kind": {"type": "static_select", "selected_option": {"value": "gain"}}}}
    reply = run.send.view_submission(call.field("view"), values, user_id="U03CHLOE",
                                     view_id=call.response["view"]["id"]).json()
    for text in typed:
        print(f"- typed in the form: {text}")
    shown = [b["text"]["text"] if b["type"] == "section" else b["elements"][0]["text"]
             for b in reply["view"]["blocks"]]
    print("- the form answers: " + " | ".join(s.replace(chr(10), " ") for s in shown))
    with Session(run.services.db.engine) as session:
        chloe = session.exec(select(Staff).where(Staff.user_id == "U03CHLOE")).one()
        prompt = session.exec(select(Prompt).where(Prompt.staff_id == chloe.id)).one()
        print(f"- prompt for {prompt.local_date}: {prompt.status}; sent once (one row per person and day)")


def _play_digest(run: DemoRun) -> None:
    from datetime import datetime, timedelta, timezone

    from bot.bench.digest_corpus import make_weeks
    from bot.services.digest_jobs import latest_due_week, post_due_digests
    from bot.services.notes import capture_note
    from bot.slack_client import make_client
    from models import Digest, Note, Workspace

    _title("Monday 08:00: the weekly digest reaches the managers' channel")
    now = datetime.now(timezone.utc)
    with Session(run.services.db.engine) as session:
        workspace = session.exec(select(Workspace).where(Workspace.team_id == run.fake.team_id)).one()
        workspace.digest_channel = "C0MANAGERS"
        session.add(workspace)
        session.commit()
        start, end, _due = latest_due_week(workspace, now)
    # Two weeks of the whole team's notes (the benchmark's planted-theme generator), through the real
    # capture path: scrubbed, scored and stored like any /note.
    before, current = make_weeks(scale=0.06, seed=5, staff=12, week2_start=start.astimezone(timezone.utc))
    for note in before + current:
        captured = capture_note(db=run.services.db, team_id=run.fake.team_id, user_id=note.author, text=note.text,
                                source="command", idempotency_key=f"demo-week:{note.id}")
        with run.services.db.session() as session:
            row = session.get(Note, captured.note.id)
            if row is not None:
                row.created_at = note.created_at
                session.add(row)
    print(f"- {len(current)} notes this week and {len(before)} the week before, from 12 staff")
    outcome = post_due_digests(run.services, make_client(run.services.settings), now=max(now, end + timedelta(hours=9)))
    print(f"- weekly job: {outcome}")
    with Session(run.services.db.engine) as session:
        digest = session.exec(select(Digest)).one()
    markdown_path = run.out / f"digest-{start:%Y-%m-%d}.md"
    markdown_path.write_text(digest.markdown, encoding="utf-8")
    for upload in run.fake.files.values():
        if str(upload.get("filename", "")).endswith(".png"):
            (run.out / str(upload["filename"])).write_bytes(upload["content"])
    posted = next(m for m in run.fake.messages if m.get("channel") == "C0MANAGERS" and not m.get("thread_ts"))
    (run.out / f"digest-{start:%Y-%m-%d}.blocks.json").write_text(json.dumps(posted["blocks"], indent=1))
    print(f"- posted to #managers as {len(posted['blocks'])} blocks; chart and Markdown in the thread; "
          f"files in {run.out}")
    print()
    for line in digest.markdown.splitlines():
        print(f"    {line}")


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

"""Nominations at the Slack edge: ``/nominate`` and the Home button open a form; managers get Approve /
Decline in a DM; an approved nomination is posted to the recognition channel; the nominator hears the outcome.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import InvalidInput, NotAllowed, StorageUnavailable
from bot.services import Services
from bot.services import causes as cause_service
from bot.services import nominations as nomination_service
from bot.services.nominations import Recognition
from bot.services.note_links import EXISTING_PREFIX
from bot.services.roles import MANAGERS_ONLY, is_manager, manager_ids
from bot.slack_client import slack_error
from handlers.acks import ack_only
from handlers.blocks import button, context, mrkdwn_escape, option, plain, quote, section
from handlers.customers import NOMINEE_CUSTOMER_PICK, open_dm
from handlers.home import NOMINATE
from handlers.replies import open_modal, tell

log = logging.getLogger(__name__)

NOMINATION_MODAL = "nomination_modal"
APPROVE, DECLINE = "nomination_approve", "nomination_decline"
USER_BLOCK, USER_ACTION = "nominee_user", "user"
CUSTOMER_BLOCK = "nominee_customer"
CAUSE_BLOCK, CAUSE_ACTION = "nomination_cause", "cause"
REASON_BLOCK, REASON_ACTION = "nomination_reason", "reason"

USAGE = ("*/nominate* opens a form to nominate a colleague or a customer for what they did for a community "
         "cause; */nominate @colleague* fills in the colleague. A manager approves it, then it is posted.")
NO_CAUSES = ("There are no community causes to nominate for yet. A manager can add one with "
             "`/cause add \"Food bank\"`.")
OPEN_FAILED = "Sorry, the nomination form could not be opened. Try `/nominate` again."
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")


def register(app: App, services: Services) -> None:
    listeners = NominationListeners(services)
    app.command("/nominate")(ack=listeners.on_command, lazy=[listeners.open_from_command])
    app.action(NOMINATE)(ack=ack_only, lazy=[listeners.open_from_home])
    app.view(NOMINATION_MODAL)(ack=listeners.on_submit, lazy=[listeners.notify_managers])
    app.action(APPROVE)(ack=ack_only, lazy=[listeners.on_approve])
    app.action(DECLINE)(ack=ack_only, lazy=[listeners.on_decline])


def parse_command(text: str | None) -> tuple[bool, str | None]:
    """``(ok, user_id)``: empty text, or one colleague mention to pre-fill; anything else is not ok."""
    raw = (text or "").strip()
    if not raw:
        return True, None
    match = _MENTION.match(raw)
    return (True, match.group(1)) if match else (False, None)


class NominationListeners:
    def __init__(self, services: Services) -> None:
        self.services = services

    # -- opening the form ----------------------------------------------------------------------------------
    def on_command(self, ack: Ack, command: dict[str, Any]) -> None:
        ok, _ = parse_command(command.get("text"))
        if not ok:
            ack(response_type="ephemeral", text=USAGE)
            return
        ack()  # the form opens after this answer has left

    def open_from_command(self, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ok, user = parse_command(command.get("text"))
        if ok:
            self.open_form(client, command["trigger_id"], command["team_id"], respond, initial_user=user)

    def open_from_home(self, body: dict[str, Any], client: WebClient) -> None:
        self.open_form(client, body["trigger_id"], body["team"]["id"], None)

    def open_form(self, client: WebClient, trigger_id: str, team_id: str, respond: Respond | None, *,
                  initial_user: str | None = None) -> None:
        try:
            causes = cause_service.list_causes(db=self.services.db, team_id=team_id)
        except StorageUnavailable:
            causes = None
        if causes is None:
            view = info_view(":warning: The nomination form can't be opened right now: the database is not "
                             "answering. Try again in a minute.")
        elif not causes:
            view = info_view(NO_CAUSES)
        else:
            view = nomination_modal([(c.name, str(c.id)) for c in causes], initial_user=initial_user)
        open_modal(client, trigger_id, view, respond, OPEN_FAILED)

    # -- submitting ----------------------------------------------------------------------------------------
    def on_submit(self, ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
        form = read_submission(view)
        team_id = (body.get("team") or {}).get("id") or view.get("team_id") or ""
        customer_id = None
        if form["customer"]:
            try:
                customer_id = int(str(form["customer"]).removeprefix(EXISTING_PREFIX))
            except ValueError:
                ack(response_action="errors", errors={CUSTOMER_BLOCK: "Pick a customer from the list."})
                return
        try:
            cause_id = int(form["cause"]) if form["cause"] else None
        except ValueError:
            cause_id = None
        try:
            recognition = nomination_service.create_nomination(
                db=self.services.db, team_id=team_id, nominator_user_id=body["user"]["id"],
                nominee_user_id=form["user"], nominee_customer_id=customer_id, cause_id=cause_id,
                reason=form["reason"])
        except InvalidInput as exc:
            block = {"cause": CAUSE_BLOCK, "reason": REASON_BLOCK}.get(exc.field or "")
            if block is None:
                block = CUSTOMER_BLOCK if customer_id and not form["user"] else USER_BLOCK
            ack(response_action="errors", errors={block: exc.message})
            return
        except StorageUnavailable:
            ack(response_action="errors", errors={REASON_BLOCK: "NOT sent: the database is not answering. Your "
                                                                "text is still here; press Nominate again soon."})
            return
        context["nomination_id"] = recognition.nomination_id  # handed to notify_managers (Bolt copies context)
        ack(response_action="update", view=info_view(
            f":raised_hands: Thank you. Your nomination of {recognition.nominee_label} for *{recognition.cause_name}* "
            "went to the managers; I'll tell you when one of them decides.\n\nWhat you wrote, as saved:\n"
            f"{quote(recognition.reason)}\n_{recognition.removed.capitalize()}._", title="Nomination sent"))

    def notify_managers(self, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        nomination_id = context.get("nomination_id")
        if not nomination_id:
            return
        team_id = body["team"]["id"]
        recognition = nomination_service.get(db=self.services.db, team_id=team_id, nomination_id=nomination_id)
        if recognition is None:
            return
        # The nominee never decides on their own nomination.
        managers = [m for m in manager_ids(self.services, client, team_id) if m != recognition.nominee_user_id]
        sent = 0
        for manager in managers:
            channel = open_dm(client, manager)
            if channel is None:
                continue
            try:
                client.chat_postMessage(channel=channel, text=f"New nomination for {recognition.cause_name}",
                                        blocks=decision_blocks(recognition))
                sent += 1
            except SlackApiError as exc:
                log.warning("nomination DM failed: %s", slack_error(exc))
        if not sent:
            self.tell(client, recognition.nominator_user_id,
                      ":hourglass: Your nomination is saved, but no manager could be reached to approve it. "
                      "Ask your admin to set MANAGER_USER_IDS or the manager user group.")

    # -- deciding ------------------------------------------------------------------------------------------
    def on_approve(self, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                   respond: Respond) -> None:
        self.decide(body, action, client, respond, approve=True)

    def on_decline(self, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                   respond: Respond) -> None:
        self.decide(body, action, client, respond, approve=False)

    def decide(self, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond, *,
               approve: bool) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        if not is_manager(self.services, client, team_id, user_id):
            tell(respond, MANAGERS_ONLY)
            return
        try:
            nomination_id = int(action.get("value") or "")
            current = nomination_service.get(db=self.services.db, team_id=team_id, nomination_id=nomination_id)
            if current is not None and current.nominee_user_id == user_id:
                respond(response_type="ephemeral", replace_original=False,
                        text="This nomination is about you, so another manager decides it.")
                return
            decision = nomination_service.decide(db=self.services.db, team_id=team_id,
                                                 nomination_id=nomination_id, manager_user_id=user_id,
                                                 approve=approve)
        except ValueError:
            tell(respond, ":warning: That button did not name a nomination.")
            return
        except NotAllowed as exc:
            tell(respond, f":no_entry: {exc}")
            return
        except StorageUnavailable:
            tell(respond, ":warning: Nothing was decided: the database is not answering. "
                          "Press the button again in a minute.")
            return
        rec = decision.recognition
        if not decision.changed:
            who = f"<@{rec.decided_by}>" if rec.decided_by else "a manager"
            respond(replace_original=True,
                    text=f"Already {rec.status} by {who}; nothing changed.", blocks=decided_blocks(rec, None))
            return
        posted_in = self.post_recognition(client, rec) if approve else None
        cause = mrkdwn_escape(rec.cause_name)
        if approve:
            where = f" and posted in <#{posted_in}>" if posted_in else (
                ", but it could not be posted: no recognition channel is set (RECOGNITION_CHANNEL), or I'm "
                "not in it")
            outcome = (f":tada: Your nomination of {rec.nominee_label} for *{cause}* was approved{where}. "
                       "Thank you for noticing.")
        else:
            outcome = (f"Your nomination of {rec.nominee_label} for *{cause}* was not approved this time. "
                       "Thank you for putting it forward.")
        self.tell(client, rec.nominator_user_id, outcome)
        respond(replace_original=True, text=f"Nomination {rec.status}.",
                blocks=decided_blocks(rec, posted_in))

    def post_recognition(self, client: WebClient, rec: Recognition) -> str | None:
        """Post an approved nomination to the recognition channel; the channel id, or None when it failed."""
        channel = rec.recognition_channel or self.services.settings.recognition_channel
        if not channel:
            return None
        try:
            reply = client.chat_postMessage(channel=channel, text=recognition_text(rec),
                                            blocks=recognition_blocks(rec))
        except SlackApiError as exc:
            log.warning("recognition post failed: %s", slack_error(exc))
            return None
        posted_channel = str(reply.get("channel") or channel)
        nomination_service.mark_posted(db=self.services.db, nomination_id=rec.nomination_id,
                                       channel=posted_channel, ts=str(reply.get("ts") or ""))
        return posted_channel

    def tell(self, client: WebClient, user_id: str, text: str) -> None:
        channel = open_dm(client, user_id)
        if channel is None:
            return
        try:
            client.chat_postMessage(channel=channel, text=text)
        except SlackApiError as exc:
            log.warning("DM failed: %s", slack_error(exc))


# -- views and messages --------------------------------------------------------------------------------------

def nomination_modal(causes: list[tuple[str, str]], *, initial_user: str | None = None) -> dict[str, Any]:
    """The form: a colleague or a customer, a cause, and what they did."""
    user_select: dict[str, Any] = {"type": "users_select", "action_id": USER_ACTION,
                                   "placeholder": plain("Choose a colleague")}
    if initial_user:
        user_select["initial_user"] = initial_user
    return {
        "type": "modal", "callback_id": NOMINATION_MODAL, "title": plain("Nominate someone"),
        "submit": plain("Nominate"), "close": plain("Cancel"), "private_metadata": json.dumps({}),
        "blocks": [
            section("Who did something for a community cause? Choose *a colleague* or *a customer*."),
            {"type": "input", "block_id": USER_BLOCK, "optional": True, "label": plain("A colleague"),
             "element": user_select},
            {"type": "input", "block_id": CUSTOMER_BLOCK, "optional": True, "label": plain("…or a customer"),
             "element": {"type": "external_select", "action_id": NOMINEE_CUSTOMER_PICK, "min_query_length": 0,
                         "placeholder": plain("Type their alias")}},
            {"type": "input", "block_id": CAUSE_BLOCK, "label": plain("For which cause"),
             "element": {"type": "static_select", "action_id": CAUSE_ACTION, "placeholder": plain("Choose one"),
                         "options": [option(name, value) for name, value in causes[:100]]}},
            {"type": "input", "block_id": REASON_BLOCK, "label": plain("What did they do?"),
             "element": {"type": "plain_text_input", "action_id": REASON_ACTION, "multiline": True,
                         "max_length": nomination_service.REASON_MAX,
                         "placeholder": plain("e.g. Organised the food-bank collection at the tills all week")}},
            context("Personal data (names, contact details) is removed from what you write before it is saved. "
                    "A customer is shown by alias only."),
        ],
    }


def read_submission(view: dict[str, Any]) -> dict[str, str | None]:
    values = view.get("state", {}).get("values", {})

    def pick(block: str, action: str) -> dict[str, Any]:
        return values.get(block, {}).get(action, {}) or {}

    return {
        "user": pick(USER_BLOCK, USER_ACTION).get("selected_user") or None,
        "customer": (pick(CUSTOMER_BLOCK, NOMINEE_CUSTOMER_PICK).get("selected_option") or {}).get("value"),
        "cause": (pick(CAUSE_BLOCK, CAUSE_ACTION).get("selected_option") or {}).get("value"),
        "reason": pick(REASON_BLOCK, REASON_ACTION).get("value") or "",
    }


def info_view(text: str, *, title: str = "Nominate someone") -> dict[str, Any]:
    return {"type": "modal", "title": plain(title), "close": plain("Done"), "blocks": [section(text)]}


def decision_blocks(rec: Recognition) -> list[dict[str, Any]]:
    """A manager's DM: who, for what cause, what they did, and Approve / Decline."""
    return [
        section(f":sparkles: <@{rec.nominator_user_id}> nominated {rec.nominee_label} for "
                f"*{mrkdwn_escape(rec.cause_name)}*:\n{quote(rec.reason)}"),
        {"type": "actions", "block_id": f"nomination_{rec.nomination_id}", "elements": [
            button("Approve", APPROVE, str(rec.nomination_id), style="primary"),
            button("Decline", DECLINE, str(rec.nomination_id)),
        ]},
        context("Approved nominations are posted to the recognition channel; the nominator hears either way."),
    ]


def decided_blocks(rec: Recognition, posted_in: str | None) -> list[dict[str, Any]]:
    who = f"<@{rec.decided_by}>" if rec.decided_by else "a manager"
    where = f" · posted in <#{posted_in}>" if posted_in else ""
    return [section(f"Nomination of {rec.nominee_label} for *{mrkdwn_escape(rec.cause_name)}*:\n{quote(rec.reason)}"),
            context(f"*{rec.status.capitalize()}* by {who}{where}")]


def recognition_text(rec: Recognition) -> str:
    return f"{rec.nominee_label} was recognised for {rec.cause_name}"


def recognition_blocks(rec: Recognition) -> list[dict[str, Any]]:
    return [
        section(f":trophy: *{rec.nominee_label[0].upper() + rec.nominee_label[1:]}* is recognised for "
                f"*{mrkdwn_escape(rec.cause_name)}* (`#{rec.cause_slug}`):\n{quote(rec.reason)}"),
        context(f"Nominated by <@{rec.nominator_user_id}>, approved by "
                f"{'<@' + rec.decided_by + '>' if rec.decided_by else 'a manager'}."),
    ]

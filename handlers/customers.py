"""Customers at the Slack edge: the type-ahead pickers, and ``/notes customer|export|erase <alias>`` for managers.

Every manager read, export and erasure goes through :mod:`bot.services.customers`, which writes the audit log.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import InvalidInput, StorageUnavailable
from bot.services import Services
from bot.services import customers as customer_service
from bot.services.note_links import EXISTING_PREFIX, INVALID_VALUE, NEW_PREFIX
from bot.services.roles import MANAGERS_ONLY, is_manager
from bot.slack_client import slack_error
from handlers.acks import ack_only
from handlers.blocks import button, context, option, quote, section
from handlers.note_views import KIND_LABELS
from handlers.replies import tell

log = logging.getLogger(__name__)

CUSTOMER_PICK = "customer_pick"  # the note form's picker: aliases, plus "+ New customer: <typed>"
NOMINEE_CUSTOMER_PICK = "nominee_customer_pick"  # the nomination form's picker: existing customers only
EXPORT, ERASE = "customer_export", "customer_erase"
OPTIONS_LIMIT = 20

USAGE = (
    "*/notes customer <alias>* (managers): a customer's notes, with *Export* and *Erase* buttons.\n"
    "*/notes export <alias>* sends you everything held about them as a file; "
    "*/notes erase <alias>* asks you to confirm, then erases them and the notes only about them."
)
DB_DOWN = ":warning: The customer records can't be reached right now (the database is not answering). Nothing " \
          "was changed; try again in a minute."


def register(app: App, services: Services) -> None:
    listeners = CustomerListeners(services)
    app.command("/notes")(ack=listeners.on_command, lazy=[listeners.run_command])
    app.options(CUSTOMER_PICK)(listeners.on_customer_options)
    app.options(NOMINEE_CUSTOMER_PICK)(listeners.on_nominee_options)
    app.action(EXPORT)(ack=ack_only, lazy=[listeners.on_export])
    app.action(ERASE)(ack=ack_only, lazy=[listeners.on_erase])


def parse_command(text: str | None) -> tuple[str, str] | None:
    """``(subcommand, alias)`` from ``/notes`` text, or None when it does not fit the usage."""
    parts = (text or "").strip().split(maxsplit=1)
    if len(parts) != 2 or parts[0].lower() not in ("customer", "export", "erase"):
        return None
    return parts[0].lower(), parts[1].strip()


class CustomerListeners:
    def __init__(self, services: Services) -> None:
        self.services = services

    # -- /notes ----------------------------------------------------------------------------------------
    def on_command(self, ack: Ack, command: dict[str, Any]) -> None:
        if parse_command(command.get("text")) is None:
            ack(response_type="ephemeral", text=USAGE)
            return
        ack()  # the manager check may ask Slack for the user group: it runs after this answer has left

    def run_command(self, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        parsed = parse_command(command.get("text"))
        if parsed is None:
            return
        sub, alias = parsed
        team_id, user_id = command["team_id"], command["user_id"]
        if not is_manager(self.services, client, team_id, user_id):
            respond(response_type="ephemeral", text=MANAGERS_ONLY)
            return
        try:
            customer = customer_service.find(db=self.services.db, team_id=team_id, token=alias)
            assert customer.id is not None
            if sub == "export":
                respond(response_type="ephemeral", text=self.export(client, team_id, user_id, customer.id))
            elif sub == "erase":
                respond(response_type="ephemeral", text=f"Erase customer “{customer.alias}”?",
                        blocks=erase_prompt_blocks(customer.alias, customer.id))
            else:
                view = customer_service.customer_view(db=self.services.db, team_id=team_id,
                                                      customer_id=customer.id, actor_user_id=user_id)
                respond(response_type="ephemeral", text=f"Customer “{customer.alias}”",
                        blocks=customer_blocks(view))
        except InvalidInput as exc:
            respond(response_type="ephemeral", text=f":mag: {exc.message}")
        except StorageUnavailable:
            respond(response_type="ephemeral", text=DB_DOWN)

    # -- buttons ---------------------------------------------------------------------------------------
    def on_export(self, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        if not is_manager(self.services, client, team_id, user_id):
            tell(respond, MANAGERS_ONLY)
            return
        try:
            text = self.export(client, team_id, user_id, int(action.get("value") or ""))
        except ValueError:
            text = ":warning: That button did not name a customer."
        except InvalidInput as exc:
            text = f":mag: {exc.message}"
        except StorageUnavailable:
            text = DB_DOWN
        tell(respond, text)

    def on_erase(self, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        if not is_manager(self.services, client, team_id, user_id):
            tell(respond, MANAGERS_ONLY)
            return
        try:
            erased = customer_service.erase_customer(db=self.services.db, team_id=team_id,
                                                     customer_id=int(action.get("value") or ""),
                                                     actor_user_id=user_id)
        except ValueError:
            tell(respond, ":warning: That button did not name a customer.")
            return
        except InvalidInput as exc:
            tell(respond, f":mag: {exc.message}")
            return
        except StorageUnavailable:
            tell(respond, DB_DOWN)
            return
        done = (f":wastebasket: Customer erased: {erased.notes_deleted} note(s) only about them deleted, "
                f"{erased.links_removed} link(s) removed, {erased.nominations_deleted} nomination(s) deleted. "
                "The audit log records that it happened, not what was erased.")
        respond(replace_original=True, text=done)

    def export(self, client: WebClient, team_id: str, user_id: str, customer_id: int) -> str:
        """Send the export to the manager's DM as a file; the answer to show them."""
        export = customer_service.export_customer(db=self.services.db, team_id=team_id, customer_id=customer_id,
                                                  actor_user_id=user_id)
        channel = open_dm(client, user_id)
        if channel is None:
            return ":warning: The export could not be sent: I can't open a direct message with you."
        try:
            client.files_upload_v2(channel=channel, content=export.content, filename=export.filename,
                                   title="Customer export (subject-access request)",
                                   alt_txt="Everything held about one customer, as JSON",
                                   initial_comment=f"Everything held about customer #{customer_id}: "
                                                   f"{export.notes} note(s), {export.nominations} nomination(s).")
        except SlackApiError as exc:
            log.warning("export upload failed: %s", slack_error(exc))
            return ":warning: The export could not be uploaded to Slack. Try again in a minute."
        return f":outbox_tray: Sent you the export ({export.notes} note(s)) in a direct message."

    # -- type-ahead ------------------------------------------------------------------------------------
    def on_customer_options(self, ack: Ack, body: dict[str, Any], payload: dict[str, Any]) -> None:
        ack(options=self.options(body, payload, allow_new=True))

    def on_nominee_options(self, ack: Ack, body: dict[str, Any], payload: dict[str, Any]) -> None:
        ack(options=self.options(body, payload, allow_new=False))

    def options(self, body: dict[str, Any], payload: dict[str, Any], *, allow_new: bool) -> list[dict[str, Any]]:
        typed = str(payload.get("value") or "")
        team_id = (body.get("team") or {}).get("id") or ""
        try:
            found = customer_service.search(db=self.services.db, team_id=team_id, query=typed, limit=OPTIONS_LIMIT)
        except StorageUnavailable:
            return []
        out = [option(c.alias, f"{EXISTING_PREFIX}{c.id}") for c in found]
        wanted = customer_service.normalise_alias(typed)
        if allow_new and wanted and all(customer_service.handle(c.alias) != customer_service.handle(wanted)
                                        for c in found):
            try:
                alias = customer_service.check_alias(typed, region=self.services.defaults.phone_region)
            except InvalidInput:
                # Not offered as a customer: the typed text is never echoed back or kept.
                out.append(option("✋ Not usable as an alias: describe them, no names or numbers", INVALID_VALUE))
            else:
                out.append(option(f"+ New customer: {alias}", f"{NEW_PREFIX}{alias}"))
        return out


def open_dm(client: WebClient, user_id: str) -> str | None:
    """The DM channel with ``user_id``, or None when Slack refuses (deactivated user, bot)."""
    try:
        return str(client.conversations_open(users=user_id)["channel"]["id"])
    except (SlackApiError, KeyError, TypeError) as exc:
        error = slack_error(exc) if isinstance(exc, SlackApiError) else type(exc).__name__
        log.warning("conversations.open failed: %s", error)
        return None


def customer_blocks(view: customer_service.CustomerView) -> list[dict[str, Any]]:
    """A manager's view of one customer: latest notes, then Export and Erase."""
    customer = view.customer
    assert customer.id is not None
    facts = [f"created {customer.created_at:%Y-%m-%d}", f"{view.total_notes} note(s)",
             f"{view.nominations} nomination(s)",
             "linked by number" if customer.ref_hash else "no number linked"]
    blocks: list[dict[str, Any]] = [section(f"*Customer “{customer.alias}”*"), context(" · ".join(facts))]
    if not view.notes:
        blocks.append(section("_No notes are linked to this customer._"))
    for item in view.notes:
        blocks.append(section(quote(item.note.text)))
        meta = [f"{item.note.created_at:%Y-%m-%d %H:%M}", item.note.source]
        if item.note.kind and item.note.kind != "other":
            meta.append(KIND_LABELS.get(item.note.kind, item.note.kind).split(":")[0])
        meta += [f"#{slug}" for slug in item.causes]
        if item.note.sensitive:
            meta.append("sensitive")
        blocks.append(context(" · ".join(meta)))
    if view.total_notes > len(view.notes):
        blocks.append(context(f"Showing the latest {len(view.notes)} of {view.total_notes}; Export has them all."))
    blocks.append({"type": "actions", "block_id": "customer_actions", "elements": [
        button("Export (file to your DM)", EXPORT, str(customer.id)),
        _erase_button(customer.alias, customer.id),
    ]})
    blocks.append(context(":lock: This read was written to the audit log."))
    return blocks


def erase_prompt_blocks(alias: str, customer_id: int) -> list[dict[str, Any]]:
    return [section(f"Erase customer “{alias}”: the record, its links, the notes only about them and their "
                    "nominations? Notes that also concern another customer stay, without this link."),
            {"type": "actions", "block_id": "customer_erase_actions",
             "elements": [_erase_button(alias, customer_id)]}]


def _erase_button(alias: str, customer_id: int) -> dict[str, Any]:
    return button("Erase", ERASE, str(customer_id), style="danger", confirm={
        "title": {"type": "plain_text", "text": "Erase this customer?"},
        "text": {"type": "plain_text", "text": f"“{alias}”, its links, the notes only about them and their "
                                               "nominations are deleted for good."[:300]},
        "confirm": {"type": "plain_text", "text": "Erase"},
        "deny": {"type": "plain_text", "text": "Keep"}})

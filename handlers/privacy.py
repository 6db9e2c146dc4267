"""``/privacy``: managers give the privacy filter their workspace's own patterns (a membership-number
format, say) and try the filter on a sample, without a code change or a restart."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.errors import InvalidInput, StorageUnavailable
from bot.privacy.slackwire import unescape
from bot.services import Services, filter_patterns
from bot.services.notes import preview_scrub
from bot.services.roles import MANAGERS_ONLY, is_manager

USAGE = (
    "*/privacy* (managers) tunes the privacy filter for this workspace:\n"
    "• `/privacy list` shows the workspace's own patterns\n"
    "• `/privacy add MEM-\\d{6}` adds a regular expression; what it matches is saved as `[CUSTOM]`\n"
    "• `/privacy remove 2` removes pattern 2\n"
    "• `/privacy try <text>` shows what would be saved from a sample (nothing is stored)"
)
DB_DOWN = ":warning: The settings can't be reached right now (the database is not answering). Nothing was changed."
_SUBS = ("list", "add", "remove", "try")


def parse_command(text: str | None) -> tuple[str, str] | None:
    """``(sub, rest)`` from ``/privacy`` text, or None when it does not fit the usage. Slack escapes
    ``&``, ``<`` and ``>`` in command text; a pattern needs them back."""
    raw = (text or "").strip()
    sub, _, rest = raw.partition(" ")
    sub, rest = sub.lower(), rest.strip()
    if sub not in _SUBS or (sub == "list") != (not rest):
        return None
    if sub == "remove" and not rest.isdigit():
        return None
    if sub == "add":
        rest = unescape(rest)
    return sub, rest


class PrivacyListeners:
    def __init__(self, services: Services) -> None:
        self.services = services

    def on_command(self, ack: Ack, command: dict[str, Any]) -> None:
        if parse_command(command.get("text")) is None:
            ack(response_type="ephemeral", text=USAGE)
            return
        ack()  # the manager check may ask Slack (the user group), so it runs after this answer

    def run_command(self, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        parsed = parse_command(command.get("text"))
        if parsed is None:
            return
        sub, rest = parsed
        team_id, user_id = command["team_id"], command["user_id"]
        try:
            if not is_manager(self.services, client, team_id, user_id):
                respond(response_type="ephemeral", text=MANAGERS_ONLY)
                return
            respond(response_type="ephemeral", text=self._answer(sub, rest, team_id, user_id))
        except InvalidInput as exc:
            respond(response_type="ephemeral", text=f":warning: {exc.message}")
        except StorageUnavailable:
            respond(response_type="ephemeral", text=DB_DOWN)

    def _answer(self, sub: str, rest: str, team_id: str, user_id: str) -> str:
        db = self.services.db
        if sub == "try":
            result = preview_scrub(db=db, team_id=team_id, text=rest, defaults=self.services.defaults)
            return f"Would be saved as:\n> {result.text}\n_{result.describe_removed().capitalize()}._"
        if sub == "list":
            return list_text(filter_patterns.list_patterns(db=db, team_id=team_id))
        if sub == "add":
            change = filter_patterns.add_pattern(db=db, team_id=team_id, actor_user_id=user_id, pattern=rest)
            head = ":white_check_mark: Added. What it matches in a note is saved as `[CUSTOM]` from now on."
        else:
            change = filter_patterns.remove_pattern(db=db, team_id=team_id, actor_user_id=user_id, number=int(rest))
            head = ":wastebasket: Removed."
        # Authors' filter settings are cached for a minute; a change applies to the next note.
        self.services.directory.forget(team_id)
        return head + "\n" + list_text(change.patterns)


def list_text(patterns: tuple[str, ...]) -> str:
    if not patterns:
        return "This workspace has no patterns of its own. Add one with `/privacy add <regular expression>`."
    lines = [f"{i}. `{p.replace('`', 'ˋ')}`" for i, p in enumerate(patterns, 1)]
    return "*This workspace's own patterns* (matches are saved as `[CUSTOM]`):\n" + "\n".join(lines)


def register(app: App, services: Services) -> None:
    listeners = PrivacyListeners(services)
    app.command("/privacy")(ack=listeners.on_command, lazy=[listeners.run_command])

"""End-of-day prompts: each tick finds who is due, claims their prompt in the database, and fans out DMs.

Never twice: a ``Prompt`` row, unique on (staff, local date), is inserted before anything is sent, and every
try to send first moves the row's ``attempts`` on by one *only if nobody else did* (compare and swap), so two
ticks racing (two replicas, a lost lock) cannot both send. A process killed mid fan-out leaves rows
``pending``: the next tick sends those still within the grace window, and for a row whose send was under way
when the process died it first looks in the DM for the message (tagged with the prompt id in its metadata),
so a send that did go out is recorded, not repeated.

Paced: every Web API call waits for its slot in :class:`bot.pacing.Pacer` (per method, and per channel for
``chat.postMessage``); a 429 holds the method back for ``Retry-After``; a 5xx or a dropped connection is
retried with backoff, and after the last try the prompt is marked ``failed`` and logged. The fan-out runs on
a small thread pool, so the slots are used as they come up.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from datetime import time as dt_time
from typing import Any, TypeVar

from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import Table, and_, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select

from bot.db import Database
from bot.logs import safe_traceback
from bot.pacing import HISTORY, OPEN, POST, USERS_INFO, Pacer
from bot.scheduler import Job
from bot.services import Services
from bot.services.prompt_schedule import (
    GRACE,
    Rules,
    Slot,
    local_midnight,
    parse_time,
    scheduled_at,
    slot,
    upcoming,
    zone,
)
from bot.services.prompts_messages import METADATA_EVENT, prompt_blocks, prompt_metadata, prompt_text
from models import Note, Prompt, Staff, Workspace

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)  # a pending row tried this recently is being sent by someone else
TZ_STALE = timedelta(days=1)
REFRESH_AHEAD = timedelta(hours=3)
MAX_TRIES = 3  # server errors and dropped connections
MAX_RATE_LIMITED = 5
# Slack errors that say the person cannot get the DM: skipped and marked, never retried.
GONE = {"user_disabled": "deactivated", "account_inactive": "deactivated", "user_not_found": "left",
        "user_not_visible": "left"}
DMS_CLOSED = {"cannot_dm_bot", "messages_tab_disabled", "is_archived", "restricted_action"}
_CHUNK = 500
T = TypeVar("T")


@dataclass(frozen=True)
class Person:
    staff_id: int
    workspace_id: int
    team_id: str
    user_id: str
    tz: str | None
    tz_checked_at: datetime | None
    dm_channel: str | None
    rules: Rules


@dataclass
class Work:
    """One claimed prompt to send."""

    prompt_id: int
    person: Person
    local_date: date
    attempts: int = 0
    last_ts: str | None = None  # the last message recorded for this prompt (before a snooze)
    uncertain: bool = False  # a send was under way when its process died: look before sending again
    notes_today: int = 0


@dataclass
class TickReport:
    counts: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, key: str, n: int = 1) -> None:
        with self._lock:
            self.counts[key] += n

    def __getitem__(self, key: str) -> int:
        return self.counts[key]


class _Outcome(Exception):
    """Internal: a Slack call ended for good (``error`` is Slack's error code or ours)."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


class PromptRunner:
    """The prompts job. One per process: its pacer is shared by every tick."""

    def __init__(self, pacer: Pacer | None = None, *, send_threads: int = 8, prepare_threads: int = 4,
                 grace: timedelta = GRACE, lease: timedelta = LEASE, backoff: float = 0.5,
                 refresh_budget: int | None = None) -> None:
        self.pacer = pacer or Pacer()
        self.send_threads, self.prepare_threads = send_threads, prepare_threads
        self.grace, self.lease, self.backoff = grace, lease, backoff
        # users.info is Tier 4: about a minute's worth of calls per tick, so a tick stays about a minute long.
        self.refresh_budget = refresh_budget or max(1, int(self.pacer.limits.users_info.per_second * 60))
        self._clients: dict[int, WebClient] = {}

    def job(self) -> Job:
        return Job("prompts", self.tick, IntervalTrigger(minutes=1), misfire_grace_time=120)

    # -- the tick ----------------------------------------------------------------------------------------
    def tick(self, services: Services, client: WebClient, now: datetime | None = None) -> TickReport:
        """Send every prompt due at ``now`` (default: the current time) that nobody has sent yet."""
        start, t0 = now or datetime.now(timezone.utc), time.monotonic()
        run = _Run(self, services.db, self._api(client), lambda: start + timedelta(seconds=time.monotonic() - t0))
        run.execute(start)
        report = run.report
        if any(report.counts.values()):
            log.info("prompts: %s", ", ".join(f"{k}={v}" for k, v in sorted(report.counts.items())))
        return report

    def _api(self, client: WebClient) -> WebClient:
        """A client of our own for the fan-out, without slack_sdk's retry handlers: the pacer decides when
        to call again, and a blind retry of chat.postMessage could post twice."""
        api = self._clients.get(id(client))
        if api is None:
            api = WebClient(token=client.token, base_url=client.base_url, timeout=client.timeout,
                            retry_handlers=[])
            self._clients[id(client)] = api
        return api


class _Run:
    """One tick's work: plain state and the steps in order."""

    def __init__(self, runner: PromptRunner, db: Database, api: WebClient, clock: Callable[[], datetime]) -> None:
        self.runner, self.db, self.api, self.clock = runner, db, api, clock
        self.pacer = runner.pacer
        self.report = TickReport()
        self._futures: list[Future[None]] = []
        self._futures_lock = threading.Lock()

    def execute(self, now: datetime) -> None:
        people = load_people(self.db)
        by_staff = {p.staff_id: p for p in people}
        work = self.recover(by_staff, now)
        due, refresh = self.classify(people, now)
        work += claim(self.db, due, self.clock(), self.report)
        _count_notes_today(self.db, work)
        self.report.add("due", len(work))
        with ThreadPoolExecutor(self.runner.send_threads, thread_name_prefix="prompt-send") as sends, \
                ThreadPoolExecutor(self.runner.prepare_threads, thread_name_prefix="prompt-prep") as prepares:
            self.sends = sends
            prep: list[Future[None]] = []
            for person in refresh:  # first: they need users.info before anything else
                prep.append(prepares.submit(self._guard, self.refresh_then_send, person, now))
            for item in work:
                if item.person.dm_channel and not item.uncertain:
                    self._submit(self.send, item)
                else:
                    prep.append(prepares.submit(self._guard, self.send, item))
            for fut in prep:
                fut.result()
            while True:
                with self._futures_lock:
                    pending = [f for f in self._futures if not f.done()]
                if not pending:
                    break
                for fut in pending:
                    fut.result()

    def _submit(self, fn: Callable[[Work], None], item: Work) -> None:
        fut = self.sends.submit(self._guard, fn, item)
        with self._futures_lock:
            self._futures.append(fut)

    def _guard(self, fn: Callable[..., None], *args: Any) -> None:
        try:
            fn(*args)
        except Exception as exc:  # noqa: BLE001 - one person's failure must not stop everyone else's prompt
            self.report.add("errors")
            log.error("prompt fan-out step failed\n%s", safe_traceback(exc))

    # -- who ---------------------------------------------------------------------------------------------
    def classify(self, people: Sequence[Person], now: datetime) -> tuple[list[tuple[Person, Slot]], list[Person]]:
        """Due people without a prompt yet (late ones are marked skipped here), and whose time zone to read."""
        due: list[tuple[Person, Slot]] = []
        late: list[tuple[Person, Slot]] = []
        unknown: list[Person] = []
        soon: list[tuple[datetime, Person]] = []
        for person in people:
            if person.tz is None:
                unknown.append(person)  # no time zone yet: read it first, then decide
                continue
            found = slot(person.rules, now, grace=self.runner.grace)
            if found is not None:
                (late if found.late else due).append((person, found))
            elif person.tz_checked_at is None or now - person.tz_checked_at > TZ_STALE:
                at = upcoming(person.rules, now, REFRESH_AHEAD)
                if at is not None:
                    soon.append((at, person))
        taken = existing_prompts(self.db, due + late)
        due = [(p, s) for p, s in due if (p.staff_id, s.local_date) not in taken]
        late = [(p, s) for p, s in late if (p.staff_id, s.local_date) not in taken]
        if late:
            _insert(self.db, late, "skipped", self.clock())
            self.report.add("late", len(late))
            log.warning("prompts: %d were due more than %s ago (was the app down?) and are skipped",
                        len(late), self.runner.grace)
        soon.sort(key=lambda pair: pair[0])
        refresh = (unknown + [p for _, p in soon])[: self.runner.refresh_budget]
        return due, refresh

    def recover(self, by_staff: dict[int, Person], now: datetime) -> list[Work]:
        """Prompts left pending by a process that stopped, and snoozed ones whose hour is up."""
        out: list[Work] = []
        with self.db.session() as session:
            rows = session.exec(select(Prompt).where(col(Prompt.status).in_(("pending", "snoozed")))).all()
        for row in rows:
            assert row.id is not None
            person = by_staff.get(row.staff_id)
            if row.status == "snoozed" and row.snoozed_until is not None and row.snoozed_until > now:
                continue
            if row.status == "pending" and row.attempts > 0 and now - row.updated_at < self.runner.lease:
                continue  # being sent right now by another tick
            if person is None:  # prompts turned off or marked inactive since it was claimed
                _set_status(self.db, row.id, row.status, "skipped", self.clock(), attempts=row.attempts)
                continue
            due_at = scheduled_at(row.local_date, _time_of(person.rules), zone(person.rules.tz))
            if row.snoozed_until is not None:
                due_at = max(due_at, row.snoozed_until)
            if now - due_at > self.runner.grace:
                if _set_status(self.db, row.id, row.status, "skipped", self.clock(), attempts=row.attempts):
                    self.report.add("late")
                continue
            if row.status == "snoozed":
                if not _set_status(self.db, row.id, "snoozed", "pending", self.clock(), attempts=row.attempts):
                    continue
                self.report.add("snooze_resent")
            else:
                self.report.add("recovered")
            out.append(Work(row.id, person, row.local_date, attempts=row.attempts, last_ts=row.message_ts,
                            uncertain=row.status == "pending" and row.attempts > 0))
        return out

    # -- the Slack side -------------------------------------------------------------------------------------
    def refresh_then_send(self, person: Person, now: datetime) -> None:
        """Read the person's time zone (and whether they are still here); send if that makes them due."""
        try:
            resp = self.call(USERS_INFO, None, lambda: self.api.users_info(user=person.user_id))
        except _Outcome as out:
            if out.error in GONE:
                self.mark_inactive(person, GONE[out.error])
            return  # anything else: try again next tick
        user = resp.get("user") or {}
        if user.get("deleted") or user.get("is_bot"):
            self.mark_inactive(person, "deactivated" if user.get("deleted") else "bot")
            return
        tz = str(user.get("tz") or "") or person.rules.tz
        tz = tz if zone(tz, "").key == tz else person.rules.tz
        _update_staff(self.db, person.staff_id, tz=tz, tz_checked_at=self.clock())
        self.report.add("tz_refreshed")
        person = replace(person, tz=tz, rules=replace(person.rules, tz=tz))
        found = slot(person.rules, now, grace=self.runner.grace)
        if found is None:
            return
        if found.late:
            _insert(self.db, [(person, found)], "skipped", self.clock())
            return
        work = claim(self.db, [(person, found)], self.clock(), self.report)
        _count_notes_today(self.db, work)
        self.report.add("due", len(work))
        for item in work:
            self.send(item)

    def send(self, item: Work) -> None:
        person = item.person
        channel = person.dm_channel
        if channel is None:
            channel = self.open_dm(item)
            if channel is None:
                return
        if item.uncertain and self.already_posted(item, channel):
            return
        reopened = False
        attempts, tries, limited = item.attempts, 0, 0
        n = item.notes_today
        while True:
            if not _try_send(self.db, item.prompt_id, attempts, self.clock()):
                self.report.add("taken_elsewhere")
                return
            attempts += 1
            self.pacer.acquire(POST, channel)
            try:
                resp = self.api.chat_postMessage(channel=channel, text=prompt_text(n),
                                                 blocks=prompt_blocks(item.prompt_id, n),
                                                 metadata=prompt_metadata(item.prompt_id))
            except SlackApiError as exc:
                status, error = _status(exc)
                if status == 429:
                    limited += 1
                    self.report.add("rate_limited")
                    self.pacer.penalise(POST, _retry_after(exc))
                    if limited <= MAX_RATE_LIMITED:
                        continue
                    error = "ratelimited"
                elif status >= 500:
                    tries += 1
                    if tries < MAX_TRIES:
                        time.sleep(self.runner.backoff * 2 ** (tries - 1))
                        continue
                    error = f"http_{status}"
                elif error == "channel_not_found" and not reopened and person.dm_channel:
                    reopened = True  # the cached DM id went stale: open it again once
                    channel = self.open_dm(item)
                    if channel is None:
                        return
                    continue
                elif error in DMS_CLOSED:
                    self.skip(item, "dms_closed")
                    return
                elif error in GONE:
                    self.skip(item, GONE[error])
                    return
                self.fail(item, error, attempts)
                return
            except (SlackClientError, OSError) as exc:
                tries += 1
                if tries < MAX_TRIES:
                    time.sleep(self.runner.backoff * 2 ** (tries - 1))
                    continue
                self.fail(item, type(exc).__name__, attempts)
                return
            _set_sent(self.db, item.prompt_id, channel, str(resp.get("ts") or ""), self.clock())
            self.report.add("sent")
            return

    def open_dm(self, item: Work) -> str | None:
        try:
            resp = self.call(OPEN, None, lambda: self.api.conversations_open(users=item.person.user_id))
        except _Outcome as out:
            if out.error == "cannot_dm_bot":
                self.skip(item, "bot")
            elif out.error in GONE:
                self.skip(item, GONE[out.error])
            elif out.error in DMS_CLOSED:
                self.skip(item, "dms_closed")
            else:
                self.fail(item, out.error, item.attempts)
            return None
        channel = str((resp.get("channel") or {}).get("id") or "")
        if not channel:
            self.fail(item, "no_channel", item.attempts)
            return None
        _update_staff(self.db, item.person.staff_id, dm_channel=channel)
        return channel

    def already_posted(self, item: Work, channel: str) -> bool:
        """Whether the DM already holds this prompt's message (sent just before a crash). When Slack cannot
        say, the prompt is marked failed rather than risk sending it twice."""
        oldest = item.last_ts or "0"
        try:
            resp = self.call(HISTORY, None, lambda: self.api.conversations_history(
                channel=channel, oldest=oldest, limit=50, include_all_metadata=True))
        except _Outcome as out:
            self.fail(item, f"unsure_{out.error}", item.attempts)
            return True
        for message in resp.get("messages") or []:
            meta = message.get("metadata") or {}
            if (meta.get("event_type") == METADATA_EVENT
                    and (meta.get("event_payload") or {}).get("prompt_id") == item.prompt_id
                    and message.get("ts") != item.last_ts):
                _set_sent(self.db, item.prompt_id, channel, str(message.get("ts")), self.clock())
                self.report.add("found_sent")
                return True
        return False

    def call(self, method: str, channel: str | None, fn: Callable[[], Any]) -> Any:
        """A paced call with retries on 429 (after Retry-After), 5xx and dropped connections. Raises
        :class:`_Outcome` with Slack's error code when it ends without success."""
        tries = limited = 0
        while True:
            self.pacer.acquire(method, channel)
            try:
                return fn()
            except SlackApiError as exc:
                status, error = _status(exc)
                if status == 429 and limited < MAX_RATE_LIMITED:
                    limited += 1
                    self.report.add("rate_limited")
                    self.pacer.penalise(method, _retry_after(exc))
                    continue
                if status >= 500 and tries + 1 < MAX_TRIES:
                    tries += 1
                    time.sleep(self.runner.backoff * 2 ** (tries - 1))
                    continue
                raise _Outcome(error or f"http_{status}") from None
            except (SlackClientError, OSError) as exc:
                tries += 1
                if tries < MAX_TRIES:
                    time.sleep(self.runner.backoff * 2 ** (tries - 1))
                    continue
                raise _Outcome(type(exc).__name__) from None

    # -- outcomes -------------------------------------------------------------------------------------------
    def skip(self, item: Work, reason: str) -> None:
        _set_status(self.db, item.prompt_id, None, "skipped", self.clock())
        self.mark_inactive(item.person, reason)

    def mark_inactive(self, person: Person, reason: str) -> None:
        _update_staff(self.db, person.staff_id, inactive_reason=reason)
        self.report.add(f"skipped_{reason}")
        log.info("prompts: staff %s skipped and marked %s", person.staff_id, reason)

    def fail(self, item: Work, error: str, attempts: int) -> None:
        _set_status(self.db, item.prompt_id, None, "failed", self.clock())
        self.report.add("failed")
        log.warning("prompt %s for staff %s failed after %d tries (%s)", item.prompt_id, item.person.staff_id,
                    attempts, error)


# -- database steps (each its own short transaction) ------------------------------------------------------------
def load_people(db: Database) -> list[Person]:
    """Everyone who may get a prompt: prompts on and not marked inactive, with workspace defaults applied."""
    columns = [col(c) for c in (
        Staff.id, Staff.workspace_id, Workspace.team_id, Staff.user_id, Staff.tz, Staff.tz_checked_at,
        Staff.dm_channel, Staff.prompt_time, Staff.prompt_days, Staff.snoozed_until, Workspace.timezone,
        Workspace.prompt_time, Workspace.prompt_days, Workspace.holiday_country, Workspace.holiday_subdivision)]
    query = (sa_select(*columns)
             .join(Workspace, col(Workspace.id) == col(Staff.workspace_id))
             .where(col(Staff.prompt_enabled).is_(True), col(Staff.inactive_reason).is_(None)))
    out = []
    with db.session() as session:
        for (sid, wid, team, user, tz, checked, dm, ptime, pdays, paused, wtz, wtime, wdays, country,
             subdiv) in session.execute(query).all():
            rules = Rules(tz=tz or wtz or "UTC", prompt_time=ptime or wtime, days=wdays if pdays is None else pdays,
                          paused_until=paused, holiday_country=country, holiday_subdivision=subdiv)
            out.append(Person(sid, wid, team, user, tz, checked, dm, rules))
    return out


def existing_prompts(db: Database, items: Sequence[tuple[Person, Slot]]) -> set[tuple[int, date]]:
    wanted = {(p.staff_id, s.local_date) for p, s in items}
    dates = {d for _, d in wanted}
    found: set[tuple[int, date]] = set()
    with db.session() as session:
        for chunk in _chunks(sorted({sid for sid, _ in wanted}), _CHUNK):
            rows = session.exec(select(col(Prompt.staff_id), col(Prompt.local_date))
                                .where(col(Prompt.staff_id).in_(chunk), col(Prompt.local_date).in_(dates))).all()
            found.update((sid, d) for sid, d in rows)
    return found & wanted


def claim(db: Database, items: Sequence[tuple[Person, Slot]], now: datetime, report: TickReport) -> list[Work]:
    """Insert a pending row for each; returns only the rows *this* call inserted (the unique key turns a
    racing insert into nothing, not an error)."""
    inserted = _insert(db, items, "pending", now, returning=True)
    by_key = {(p.staff_id, s.local_date): p for p, s in items}
    report.add("claimed", len(inserted))
    report.add("taken_elsewhere", len(items) - len(inserted))
    return [Work(pid, by_key[(sid, d)], d) for pid, sid, d in inserted]


def _insert(db: Database, items: Sequence[tuple[Person, Slot]], status: str, now: datetime, *,
            returning: bool = False) -> list[tuple[int, int, date]]:
    if not items:
        return []
    table: Table = Prompt.__table__  # type: ignore[attr-defined]
    out: list[tuple[int, int, date]] = []
    with db.session() as session:
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        for chunk in _chunks(list(items), _CHUNK):
            stmt = insert(table).values([
                {"staff_id": p.staff_id, "local_date": s.local_date, "status": status, "attempts": 0,
                 "created_at": now, "updated_at": now} for p, s in chunk
            ]).on_conflict_do_nothing(index_elements=["staff_id", "local_date"])
            if returning:
                rows = session.execute(stmt.returning(table.c.id, table.c.staff_id, table.c.local_date)).all()
                out.extend((int(r[0]), int(r[1]), r[2]) for r in rows)
            else:
                session.execute(stmt)
    return out


def _try_send(db: Database, prompt_id: int, attempts: int, now: datetime) -> bool:
    """Count one more try, if nobody else counted it first: whoever moves ``attempts`` on sends."""
    with db.session() as session:
        result = session.execute(update(Prompt).where(
            and_(col(Prompt.id) == prompt_id, col(Prompt.status) == "pending", col(Prompt.attempts) == attempts)
        ).values(attempts=attempts + 1, updated_at=now))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _set_sent(db: Database, prompt_id: int, channel: str, ts: str, now: datetime) -> None:
    with db.session() as session:
        session.execute(update(Prompt).where(col(Prompt.id) == prompt_id)
                        .values(status="sent", channel=channel, message_ts=ts, updated_at=now))


def _set_status(db: Database, prompt_id: int, old: str | None, new: str, now: datetime, *,
                attempts: int | None = None) -> bool:
    conditions = [col(Prompt.id) == prompt_id]
    if old is not None:
        conditions.append(col(Prompt.status) == old)
    if attempts is not None:
        conditions.append(col(Prompt.attempts) == attempts)
    with db.session() as session:
        result = session.execute(update(Prompt).where(and_(*conditions)).values(status=new, updated_at=now))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _update_staff(db: Database, staff_id: int, **values: Any) -> None:
    with db.session() as session:
        session.execute(update(Staff).where(col(Staff.id) == staff_id).values(**values))


def _count_notes_today(db: Database, work: Sequence[Work]) -> None:
    """Fill ``notes_today``: notes each person wrote on the prompt's local date, in their time zone."""
    if not work:
        return
    spans = {w.person.staff_id: (local_midnight(w.local_date, w.person.rules.tz),
                                 local_midnight(w.local_date + timedelta(days=1), w.person.rules.tz)) for w in work}
    earliest = min(start for start, _ in spans.values())
    counts: Counter[int] = Counter()
    with db.session() as session:
        for chunk in _chunks(sorted(spans), _CHUNK):
            rows = session.exec(select(Note.author_id, Note.created_at)
                                .where(col(Note.author_id).in_(chunk), col(Note.created_at) >= earliest)).all()
            for author, created in rows:
                start, end = spans[author]
                created = created if created.tzinfo else created.replace(tzinfo=timezone.utc)
                if start <= created < end:
                    counts[author] += 1
    for w in work:
        w.notes_today = counts[w.person.staff_id]


def _time_of(rules: Rules) -> dt_time:
    return parse_time(rules.prompt_time) or dt_time(17, 30)


def _status(exc: SlackApiError) -> tuple[int, str]:
    resp = exc.response
    status = int(getattr(resp, "status_code", 0) or 0)
    try:
        error = str(resp.get("error") or "") if resp is not None else ""
    except (AttributeError, TypeError):
        error = ""
    return status, error


def _retry_after(exc: SlackApiError) -> float:
    headers = getattr(exc.response, "headers", None) or {}
    for key in ("Retry-After", "retry-after"):
        value = headers.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value is not None:
            try:
                return max(0.0, float(value))
            except ValueError:
                break
    return 1.0


def _chunks(items: Sequence[T] | list[T], size: int) -> Iterable[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def jobs() -> list[Job]:
    """The prompts job for ``bot.scheduler.default_jobs``: every minute, with one pacer per process."""
    return [PromptRunner().job()]

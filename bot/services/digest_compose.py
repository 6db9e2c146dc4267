"""Build a digest for a workspace and period, store it, and deliver it (scheduled or on demand)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from slack_sdk import WebClient

import digests
from bot.services import Services
from bot.services.digest_delivery import DeliveryFailed, Posted, post_blocks, upload
from bot.services.digests import claim, load_period, mark, mood_history, save_content
from models import Workspace

log = logging.getLogger(__name__)


@dataclass
class Composed:
    """Everything a digest becomes: the report, its Block Kit, Markdown, chart and summary status."""

    report: Any
    blocks: list[dict[str, Any]]
    markdown: str
    chart_png: bytes | None
    chart_alt: str
    text: str


def compose(services: Services, workspace: Workspace, period: Any) -> Composed:
    """Load the period and the one before it, build the report (with the summary), render it."""
    assert workspace.id is not None
    with services.db.session() as session:
        current = load_period(session, workspace.id, period.start, period.end)
        previous_period = period.previous()
        previous = load_period(session, workspace.id, previous_period.start, previous_period.end)
        history = mood_history(session, workspace.id, period.end)
    report = digests.build_report(current.notes, period=period, previous=previous.notes,
                                  nominations=current.nominations)
    report = digests.summarise.attach_summary(report, current.notes, settings=services.settings)
    blocks = digests.render.blocks(report)
    markdown = digests.render.markdown(report)
    try:
        chart: bytes | None = digests.chart.render_png(report, mood_history=history)
    except Exception as exc:  # noqa: BLE001 - a chart that fails must not stop the digest
        log.warning("digest chart failed: %s", type(exc).__name__)
        chart = None
    return Composed(report, blocks, markdown, chart, digests.chart.alt_text(report),
                    f"Customer digest: {period.label}")


def publish(client: WebClient, channel: str, composed: Composed, *, label: str) -> Posted:
    """Post the blocks, then the chart and the Markdown export in the digest's thread."""
    posted = post_blocks(client, channel, composed.blocks, composed.text)
    slug = label.replace(" ", "-").replace("/", "-")
    if composed.chart_png is not None:
        upload(client, posted.channel, filename=f"digest-{slug}.png", content=composed.chart_png,
               title=f"Themes and mood, {label}", alt_txt=composed.chart_alt, thread_ts=posted.ts)
    upload(client, posted.channel, filename=f"digest-{slug}.md", content=composed.markdown.encode(),
           title=f"Digest {label} (Markdown)", thread_ts=posted.ts)
    return posted


def deliver_weekly(services: Services, client: WebClient, workspace: Workspace, start: datetime, end: datetime,
                   *, now: datetime | None = None, late: bool = False) -> int | None:
    """Claim, build, store and post one workspace's weekly digest. None when another process has it."""
    now = now or datetime.now(timezone.utc)
    assert workspace.id is not None and workspace.digest_channel
    row = claim(services.db, workspace.id, "weekly", start, end, now=now, late=late)
    if row is None or row.id is None:
        return None
    period = digests.Period(start=start, end=end, kind="weekly")
    composed = compose(services, workspace, period)
    if late:
        composed.blocks.insert(0, {"type": "context", "elements": [{"type": "mrkdwn", "text":
                               ":hourglass: Posted late: the app was not running when this digest was due."}]})
    save_content(services.db, row.id, digests.render.as_json(composed.report), composed.markdown)
    try:
        posted = publish(client, workspace.digest_channel, composed, label=period.label)
    except DeliveryFailed as exc:
        log.error("weekly digest %s not posted (%s); the next tick retries", row.id, exc.error)
        mark(services.db, row.id, "failed")
        return None
    mark(services.db, row.id, "posted", channel=posted.channel, ts=posted.ts, now=now)
    return row.id

"""A digest from the database to Slack: load two periods, build the report, summarise, render, post.

Building is pure (``digests.build_report``); this module gathers its inputs and hands the result to
``digest_delivery``. The OpenAI summary is optional: without a key, or when the call fails, the digest is
complete without it and says why.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from slack_sdk import WebClient

from bot.logs import safe_traceback
from bot.services import Services
from bot.services.digest_delivery import Posted, post_blocks, upload
from bot.services.digests import load_period, mood_history
from digests import Period, Report, build_report
from digests.chart import chart_alt_text, chart_png
from digests.render_blocks import blocks as render_blocks
from digests.render_markdown import markdown as render_markdown
from digests.summarise import summarise

log = logging.getLogger(__name__)
LATE_NOTE = ":hourglass: Posted late: the app was not running when this digest was due."


@dataclass(frozen=True)
class Composed:
    """Everything a digest needs for Slack and for the archive."""

    report: Report
    blocks: list[dict[str, Any]]
    markdown: str
    chart: bytes | None
    alt_text: str
    text: str  # the notification fallback: no note content


def compose(services: Services, workspace_id: int, period: Period, *, late: bool = False) -> Composed:
    """Build the digest of ``period`` for one workspace, compared with the period before it."""
    before = period.previous()
    with services.db.session() as session:
        current = load_period(session, workspace_id, period.start, period.end)
        previous = load_period(session, workspace_id, before.start, before.end)
        history = mood_history(session, workspace_id, period.end)
    report = build_report(current.notes, period=period, previous=previous.notes, nominations=current.nominations)
    report = _with_summary(services, report, current.notes)
    chart = _chart(report, history)
    note = None if chart is not None else "The chart could not be drawn this time."
    blocks = render_blocks(report, chart_note=note)
    if late:
        blocks.insert(1, {"type": "context", "elements": [{"type": "mrkdwn", "text": LATE_NOTE}]})
    text = f"Customer digest, {period.label}: {report.note_count} notes" + (" (posted late)" if late else "")
    return Composed(report=report, blocks=blocks, markdown=render_markdown(report), chart=chart,
                    alt_text=chart_alt_text(report, history), text=text)


def deliver(client: WebClient, channel: str, composed: Composed, *, slug: str) -> Posted:
    """Post the digest, then its chart and Markdown export in the thread. Only the post itself must succeed:
    a refused upload is logged and the digest stands."""
    posted = post_blocks(client, channel, composed.blocks, composed.text)
    if composed.chart is not None:
        upload(client, posted.channel, filename=f"digest-{slug}.png", content=composed.chart,
               title="Themes and mood", alt_txt=composed.alt_text, thread_ts=posted.ts)
    upload(client, posted.channel, filename=f"digest-{slug}.md", content=composed.markdown.encode(),
           title="Digest (Markdown)", thread_ts=posted.ts)
    return posted


def _with_summary(services: Services, report: Report, notes: Any) -> Report:
    settings = services.settings
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    summary = summarise(report, notes, api_key=key, base_url=settings.openai_base_url, model=settings.openai_model,
                        timeout=settings.openai_timeout, max_retries=settings.openai_max_retries)
    themes = [replace(t, label=summary.labels.get(t.label, t.label)) for t in report.themes]
    return replace(report, themes=themes, summary=summary.text, summary_note=summary.status)


def _chart(report: Report, history: list[Any]) -> bytes | None:
    try:
        return chart_png(report, history)
    except Exception as exc:  # noqa: BLE001 - the digest stands without its picture
        log.warning("digest chart failed\n%s", safe_traceback(exc))
        return None


def write_files(composed: Composed, out_dir: Path, *, slug: str) -> list[Path]:
    """The digest as files: Markdown, Block Kit JSON and the chart (for the CLI and the demo)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / f"digest-{slug}.md", out_dir / f"digest-{slug}.blocks.json"]
    written[0].write_text(composed.markdown, encoding="utf-8")
    written[1].write_text(json.dumps({"text": composed.text, "blocks": composed.blocks}, indent=1), encoding="utf-8")
    if composed.chart is not None:
        written.append(out_dir / f"digest-{slug}.png")
        written[-1].write_bytes(composed.chart)
    return written

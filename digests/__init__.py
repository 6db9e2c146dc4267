"""The digest engine: from scrubbed notes to themes, mood and counts (``build_report``, pure), and the
renderers that turn a ``Report`` into Block Kit, Markdown and a chart. Storage and delivery live in
``bot.services.digest*``."""

from digests.model import Mood, Report, Theme
from digests.period import Period, parse_period
from digests.report import build_report

__all__ = ["Mood", "Period", "Report", "Theme", "build_report", "parse_period"]

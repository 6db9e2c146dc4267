"""Scheduled jobs of this feature (see bot.scheduler)."""

from __future__ import annotations

from bot.scheduler import Job


def jobs() -> list[Job]:
    return []

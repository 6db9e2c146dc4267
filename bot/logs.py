"""Logging that cannot leak what customers said.

Tracebacks are logged as frames and exception type names only: an exception's message can quote a
payload, an SQL parameter or a Slack response.
"""

from __future__ import annotations

import logging
import traceback

QUIET_LOGGERS = ("slack_bolt", "slack_sdk", "urllib3", "httpx", "httpcore", "openai", "apscheduler",
                 "sqlalchemy.engine")


def configure(level: str = "INFO") -> None:
    """Root logging for the CLI. Libraries that log request bodies at DEBUG are held at INFO or above."""
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    hold_libraries_quiet()


def hold_libraries_quiet() -> None:
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)


def safe_traceback(exc: BaseException) -> str:
    """Where the error happened (file, line, function) and its type, without any exception message."""
    lines: list[str] = []
    current: BaseException | None = exc
    while current is not None:
        frames = traceback.extract_tb(current.__traceback__)
        for frame in frames[-8:]:
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if current is not None:
            lines.append("caused by:")
    return "\n".join(lines)

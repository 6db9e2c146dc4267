"""The privacy filter: every path in calls :func:`scrub` before anything is stored, logged or sent.

This is the stable seam named in DESIGN.md. ``scrub`` never raises, and its ``text`` is the only form
of a note that may be stored, logged or shown.
"""

from bot.privacy.recognizers.custom import validate_pattern
from bot.privacy.result import Finding, Scrubbed
from bot.privacy.scrubber import redact, scrub
from bot.privacy.slackwire import plain

__all__ = ["Finding", "Scrubbed", "plain", "redact", "scrub", "validate_pattern"]

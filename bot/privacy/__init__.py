"""The privacy filter: every path in calls :func:`scrub` before anything is stored, logged or sent.

This is the stable seam named in DESIGN.md. ``scrub`` never raises.
"""

from bot.privacy.scrubber import Finding, Scrubbed, scrub

__all__ = ["Finding", "Scrubbed", "scrub"]

"""Frontline Notes: the core (settings, database, privacy filter, services, scheduler, app factory, CLI)."""

"""Benchmarks: commands that print figures (``frontline bench NAME``)."""

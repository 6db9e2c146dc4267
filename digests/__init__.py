"""The digest: from notes to themes, mood and renderers. The engine (build_report) is not built yet."""

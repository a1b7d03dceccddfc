"""Reusable pieces of the app's pages; each owns its own session-state keys."""

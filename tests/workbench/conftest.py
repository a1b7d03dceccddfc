"""The workbench page tests use the app's empty SQLite store fixture, the same as the other page tests."""

from tests.ui.conftest import store  # noqa: F401

"""Browser-test fixtures: a real `streamlit run app.py` server and Debian's Chromium via Playwright.

Without Chromium the tests skip, unless ASSESSMENT_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assessment.rubric import Rubric
from assessment.storage.store import Store
from tests.assessment.workshop.conftest import postgres_url  # noqa: F401 - the workshop tests' private database
from tests.browser.server import CHROMIUM_ARGS, ROOT, AppServer, chromium_path


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("ASSESSMENT_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (ASSESSMENT_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("Chromium not found (apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[object]:
    # Module scope: Playwright's sync API runs an event loop while it is open, and tests elsewhere
    # (e.g. tests/workshop) start their own; one open for the whole session would break them.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The founder's app, served with an empty SQLite store for this test module."""
    folder = tmp_path_factory.mktemp("browser-db")
    server = AppServer(ROOT / "app.py", f"sqlite:///{folder}/app.sqlite3")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def store(app_server: AppServer, rubric: Rubric) -> Iterator[Store]:
    """The database the module's app server uses, for checking what it saved."""
    s = Store(app_server.database_url, rubric=rubric)
    yield s
    s.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def shoot(tmp_path: Path) -> Callable[[object, str], Path]:
    """Save a screenshot next to the test's temporary files (useful when a test fails)."""

    def take(p: object, name: str) -> Path:
        path = tmp_path / f"{name}.png"
        p.screenshot(path=str(path))  # type: ignore[attr-defined]
        return path

    return take

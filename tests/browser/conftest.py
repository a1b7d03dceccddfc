"""Browser-test fixtures: a real `streamlit run app.py` server and Debian's Chromium via Playwright.

Without Chromium the tests skip, unless ASSESSMENT_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`streamlit run <script>` on a free localhost port, with its own database."""

    def __init__(self, script: Path, database_url: str, port: int | None = None) -> None:
        self.script = script
        self.port = port or free_port()
        self.url = f"http://localhost:{self.port}/"
        self.database_url = database_url
        self.env = {**os.environ, "ASSESSMENT_DATABASE_URL": database_url}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60) -> float:
        """Start and wait until the server answers its health check; returns the seconds it took."""
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(f"{self.url}_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"streamlit did not answer on {self.url} within {timeout} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("ASSESSMENT_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (ASSESSMENT_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("Chromium not found (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[object]:
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

"""A real `streamlit run` server on a free localhost port, and where Debian's Chromium is.

Shared by the browser tests and `scripts/browser_bench.py`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

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
        # A file, not a pipe: a chatty server never blocks on it. Closed with the object.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115

    def output(self) -> str:
        """The end of what the server printed."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    def start_process(self) -> None:
        """Start the server process without waiting for it."""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )

    def start(self, timeout: float = 60) -> float:
        """Start and wait until the server answers its health check; returns the seconds it took."""
        started = time.perf_counter()
        self.start_process()
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.output()}")
            try:
                with urllib.request.urlopen(f"{self.url}_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"streamlit did not answer on {self.url} within {timeout} s: {self.output()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def wait_until(check: Callable[[], object], timeout: float = 10) -> None:
    """Poll `check` until it is true (what a page saved reaches the database a moment later)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


def idle(page: object, timeout: float = 60_000) -> None:
    """Wait until the page's script run has finished (Streamlit's `stApp` says notRunning)."""
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => { const a = document.querySelector('[data-testid=stApp]');"
        " return a && a.dataset.testScriptState === 'notRunning'; }", timeout=timeout)


def choose_tab(page: object, name: str, tries: int = 4) -> None:
    """Click a tab until it is the selected one, as a person clicks again when a click did not take.

    A click can land while the page still settles (the sidebar or an element above the tabs drawn a
    moment after the run ends) and hit beside the tab; CI saw that once in ~1,400 runs.
    """
    from playwright.sync_api import expect

    tab = page.get_by_role("tab", name=name)  # type: ignore[attr-defined]
    for _ in range(tries):
        idle(page)
        tab.click()
        try:
            expect(tab).to_have_attribute("aria-selected", "true", timeout=3_000)
            return
        except AssertionError:
            continue
    raise AssertionError(f"the tab {name!r} is not selected after {tries} clicks")

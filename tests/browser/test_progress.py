"""A founder in Chromium: a snapshot, a changed answer, the "Since" panel; a report download keeps a
snapshot; the one-page brief downloads as one page."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.progress.store import ProgressStore
from tests.browser.test_founder_flow import wait_until
from tests.reports.report_helpers import pdf_reader, pdf_text

pytestmark = pytest.mark.browser


def _ready(page) -> None:
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def test_snapshot_change_and_see_progress_then_download(page, app_server, rubric, store, examples, shoot):
    page.set_default_timeout(60_000)  # the Results page draws several charts; a loaded machine is slow
    token = store.create(examples["nimbus-foundation-lab"])
    page.goto(f"{app_server.url}results?a={token}")
    page.get_by_role("heading", name="Progress over time").wait_for()
    _ready(page)
    page.get_by_role("textbox", name="Label for a snapshot (optional)").fill("Before the offsite")
    page.get_by_role("button", name="Save a snapshot").click()
    page.get_by_text("Snapshot saved:").first.wait_for()
    history = ProgressStore(store).history(token)
    assert [s.label for s in history] == ["Before the offsite"]

    store.save_answer(token, "niche-objective", "written")  # the niche is written down (another tab)
    page.goto(f"{app_server.url}results?a={token}")
    page.get_by_text(f"Since {history[0].taken_at.date().isoformat()}").first.wait_for()
    _ready(page)
    closed = page.locator("p", has_text="Gaps closed:").first
    assert "No niche" in closed.inner_text()
    shoot(page, "since-panel")

    page.goto(f"{app_server.url}download?a={token}")
    page.get_by_role("button", name="Download brief (PDF)").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download brief (PDF)").click()
    brief = Path(download.value.path()).read_bytes()
    assert len(pdf_reader(brief).pages) == 1 and "Progress since" in pdf_text(brief)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF").click()
    assert "Progress since" in pdf_text(Path(download.value.path()).read_bytes())
    wait_until(lambda: [s.reason for s in ProgressStore(store).history(token)] == ["manual", "report"])

"""Real Chromium: two participants and a facilitator in separate browser contexts; two app servers.

Marked `browser` (and `postgres` for the two-server test). They fail rather than skip when CI asks for
them (ASSESSMENT_REQUIRE_BROWSER=1, ASSESSMENT_REQUIRE_POSTGRES=1).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from assessment.storage.store import Store
from assessment.workshop.store import WorkshopStore, join_url
from scripts.workshop_load import app_server, free_port

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
TIMEOUT_MS = 45_000

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("ASSESSMENT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} but ASSESSMENT_REQUIRE_BROWSER=1")
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)  # `expect` has its own 5 s default; CI machines can be busy
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
    expect.set_options(timeout=5_000)  # Playwright's default, for other modules' tests


def new_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def join_and_answer(page, base: str, token: str, name: str, answer: str) -> None:
    from playwright.sync_api import expect

    page.goto(join_url(base, token))
    expect(page.get_by_text("You are joining")).to_be_visible()
    page.get_by_label("Your display name").fill(name)
    page.get_by_role("button", name="Join and start").click()
    expect(page.get_by_text(re.compile(r"Question 1 of \d+"))).to_be_visible()
    page.get_by_test_id("stRadio").first.get_by_text(answer, exact=True).click()
    expect(page.get_by_text(re.compile(r"^1 of \d+ questions answered")).first).to_be_visible()


def sign_in(page, base: str, workshop_id: str, key: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/workshop_dashboard?workshop={workshop_id}")
    expect(page.get_by_label("Facilitator key")).to_be_visible()
    page.get_by_label("Facilitator key").fill(key)
    page.get_by_role("button", name="Open the dashboard").click()


YES = "Yes - it is written down and the whole team gives the same answer"
NO = "No - we have not decided yet"


def test_two_participants_and_a_facilitator(browser, tmp_path, rubric):
    from playwright.sync_api import expect

    url = f"sqlite:///{tmp_path / 'browser.sqlite3'}"
    workshops = WorkshopStore(Store(url))
    new = workshops.create_workshop("Browser cohort", ["Acme Models", "Beta Labs"], rubric)
    with app_server(url, free_port()) as base:
        ann, bob, facilitator = new_page(browser), new_page(browser), new_page(browser)
        join_and_answer(ann, base, new.joins[0].token, "Ann", YES)
        join_and_answer(bob, base, new.joins[0].token, "Bob", NO)
        # Participants see their own assessment only.
        for page, other in ((ann, "Bob"), (bob, "Ann")):
            assert other not in page.locator("body").inner_text()
            assert "Beta Labs" not in page.locator("body").inner_text()
        # Without the key the dashboard shows nothing; a wrong key says so.
        sign_in(facilitator, base, new.id, "not-the-key")
        expect(facilitator.get_by_text("That facilitator key is not right")).to_be_visible()
        assert "Browser cohort" not in facilitator.locator("body").inner_text()
        # With the key: progress, then Acme's disagreement on the niche question.
        sign_in(facilitator, base, new.id, new.key)
        expect(facilitator.get_by_text("Browser cohort")).to_be_visible()
        expect(facilitator.get_by_test_id("stMetric").filter(has_text="Participants").first).to_contain_text("2")
        facilitator.get_by_role("tab", name="Companies").click()
        niche = rubric.question_index["niche-objective"][1].text
        expect(facilitator.get_by_text(niche).first).to_be_visible()  # also in the consensus table
        expect(facilitator.get_by_text("spread 100 points")).to_be_visible()
        expect(facilitator.get_by_text("Consensus (median):").first).to_contain_text("No - we have not decided yet")
        facilitator.get_by_role("tab", name="Cohort").click()
        expect(facilitator.get_by_text("Ranking by consensus score")).to_be_visible()
        # A handful of answers gives no score to rank by (`score_shown_from`): the ranking says so, and the
        # principle heatmap is drawn.
        expect(facilitator.get_by_text(re.compile(r"^Not ranked yet, too few questions with a real answer"))
               ).to_be_visible()
        expect(facilitator.locator("[data-testid='stVegaLiteChart']")).to_have_count(1)
        # A participant's tab cannot open the dashboard.
        ann.goto(f"{base}/workshop_dashboard?workshop={new.id}")
        expect(ann.get_by_label("Facilitator key")).to_be_visible()
        assert "Browser cohort" not in ann.locator("body").inner_text()


@pytest.mark.postgres
def test_two_servers_share_one_postgres(browser, postgres_url, rubric):
    """A participant answers on one server; the facilitator, on another, sees it."""
    from playwright.sync_api import expect

    workshops = WorkshopStore(Store(postgres_url))
    new = workshops.create_workshop("Two servers", ["Acme Models"], rubric)
    with app_server(postgres_url, free_port()) as server_a, app_server(postgres_url, free_port()) as server_b:
        assert server_a != server_b
        participant, facilitator = new_page(browser), new_page(browser)
        join_and_answer(participant, server_a, new.joins[0].token, "Ann", YES)
        sign_in(facilitator, server_b, new.id, new.key)
        expect(facilitator.get_by_text("Two servers")).to_be_visible()
        total = len(rubric.questions)
        saved = facilitator.get_by_test_id("stMetric").filter(has_text="Answers saved")
        expect(saved).to_contain_text(f"{1 / total:.0%}")
        # Another answer on server A shows on server B after a refresh.
        participant.get_by_test_id("stRadio").nth(1).get_by_text("Named, but no conversations yet").click()
        expect(participant.get_by_text(re.compile(r"^2 of \d+ questions answered")).first).to_be_visible()
        facilitator.get_by_role("button", name="Refresh").click()
        expect(saved).to_contain_text(f"{2 / total:.0%}")

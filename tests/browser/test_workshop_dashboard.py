"""Real Chromium: the facilitator dashboard with two companies and several participants.

Charts have real heights, every heatmap label, table cell and button label reads whole at 1400 and
1000 px, the facilitator stays signed in across a reload (no key in the URL),
signing out ends it (also after a reload), the dashboard updates by itself, new join links need a
confirmation, and a display name cannot be taken twice in one company.
"""

from __future__ import annotations

import itertools
import re

import pytest

from assessment.storage.store import Store
from assessment.workshop.store import WorkshopStore, join_url
from assessment.workshop.tables import SESSIONS
from tests.browser.server import ROOT, AppServer
from tests.conftest import best_choices, worst_choices
from ui.workshop.charts import BLOCKED, ROW_PX

pytestmark = pytest.mark.browser
TIMEOUT_MS = 45_000


@pytest.fixture(scope="module", autouse=True)
def patient_expect():
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)  # `expect` has its own 5 s default; this machine can be busy
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture(scope="module")
def room(tmp_path_factory, rubric):
    """One app server on SQLite and a workshop: Acme (Ann, Bob: they disagree on the niche), Beta (Cy)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('dash')}/dash.sqlite3"
    store = Store(url, rubric=rubric)
    workshops = WorkshopStore(store)
    new = workshops.create_workshop("Dashboard cohort", ["Acme Models", "Beta Labs"], rubric)
    best, worst = best_choices(rubric), worst_choices(rubric)
    people = {"Ann": (0, best), "Bob": (0, {**best, "niche-objective": "no"}), "Cy": (1, worst)}
    tokens = {}
    for name, (company, answers) in people.items():
        joined = workshops.join(new.joins[company].token, name)
        tokens[name] = joined.resume_token
        for qid, cid in answers.items():
            store.save_answer(joined.resume_token, qid, cid)
    server = AppServer(ROOT / "app.py", url)
    server.start()
    yield server, new, store, tokens
    server.stop()
    store.close()


def open_page(browser, width: int = 1400):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def sign_in(page, base: str, workshop_id: str, key: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}workshop_dashboard?workshop={workshop_id}")
    page.get_by_label("Facilitator key").fill(key)
    page.get_by_role("button", name="Open the dashboard").click()
    expect(page.get_by_text("Dashboard cohort")).to_be_visible()


def live_sessions(store: Store) -> int:
    with store.transaction(read_only=True) as conn:
        return len(conn.execute(SESSIONS.select()).all())


def test_cohort_charts_have_a_row_per_company(browser, room):
    from playwright.sync_api import expect

    server, new, _, _ = room
    page = open_page(browser)
    sign_in(page, server.url, new.id, new.key)
    page.get_by_role("tab", name="Cohort").click()
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(2)
    for i in range(2):
        chart = charts.nth(i)
        expect(chart.locator("canvas, svg").first).to_be_visible()
        box = chart.bounding_box()
        # Two companies: at least two rows of ROW_PX each (the charts once collapsed to under a pixel).
        assert box is not None and box["height"] >= 2 * ROW_PX, box
    page.context.close()


def test_reload_keeps_the_facilitator_signed_in_and_sign_out_ends_it(browser, room):
    from playwright.sync_api import expect

    server, new, store, _ = room
    page = open_page(browser)
    before = live_sessions(store)
    sign_in(page, server.url, new.id, new.key)
    assert live_sessions(store) == before + 1
    page.reload()
    expect(page.get_by_text("Dashboard cohort")).to_be_visible()
    expect(page.get_by_label("Facilitator key")).to_have_count(0)
    # The URL names the workshop (a bookmark finds it) but never carries the key or the session token.
    assert f"workshop={new.id}" in page.url and new.key not in page.url
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "olr_facilitator")
    assert token not in page.url and token != new.key
    assert token not in server.output()  # nor in the server's log
    # Sign out: the sign-in form, also after a reload; the session is gone from the database.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_label("Facilitator key")).to_be_visible()
    expect(page.get_by_text("You are signed out")).to_be_visible()
    assert live_sessions(store) == before
    page.reload()
    expect(page.get_by_label("Facilitator key")).to_be_visible()
    assert "Dashboard cohort" not in page.locator("body").inner_text()
    page.context.close()


def test_the_dashboard_updates_by_itself(browser, room, rubric):
    from playwright.sync_api import expect

    server, new, store, _ = room
    page = open_page(browser)
    sign_in(page, server.url, new.id, new.key)
    participants = page.get_by_test_id("stMetric").filter(has_text="Participants").first
    expect(participants).to_contain_text("3")
    page.get_by_role("tab", name="Join links").click()
    expect(page.get_by_role("button", name="Make new join links")).to_be_visible()
    workshops = WorkshopStore(store)
    joined = workshops.join(new.joins[1].token, "Dee")
    store.save_answer(joined.resume_token, "niche-objective", "written")
    # No click: the timer fragment notices the change and redraws the page (every 10 s) ...
    expect(participants).to_contain_text("4", timeout=40_000)
    # ... and the tab the facilitator had open stays open.
    expect(page.get_by_role("button", name="Make new join links")).to_be_visible()
    page.context.close()


def test_new_join_links_need_a_confirmation(browser, room):
    from playwright.sync_api import expect

    server, new, store, _ = room
    page = open_page(browser)
    sign_in(page, server.url, new.id, new.key)
    page.get_by_role("tab", name="Join links").click()
    page.get_by_role("button", name="Make new join links").click()
    expect(page.get_by_text("This replaces the join link of")).to_be_visible()
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("button", name="Make new join links")).to_be_visible()
    assert WorkshopStore(store).join_target(new.joins[0].token).company == "Acme Models"  # still valid
    page.context.close()


def test_a_display_name_is_taken_once_per_company(browser, room):
    from playwright.sync_api import expect

    server, new, _, _ = room
    page = open_page(browser)
    page.goto(join_url(server.url, new.joins[0].token))
    page.get_by_label("Your display name").fill("ann")  # Ann joined Acme already
    page.get_by_role("button", name="Join and start").click()
    expect(page.get_by_text('Someone in Acme Models already uses the name "ann". Choose another, '
                            'e.g. "ann (CTO)".')).to_be_visible()
    page.get_by_label("Your display name").fill("Ann (CTO)")
    page.get_by_role("button", name="Join and start").click()
    expect(page.get_by_text(re.compile(r"Question 1 of \d+"))).to_be_visible()
    page.context.close()


# Every element under `root` whose content is wider than its box (cut off or ellipsised), with its text.
CUT = """root => [root, ...root.querySelectorAll('*')]
    .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.tagName + ': ' + e.textContent.slice(0, 80))"""


def assert_whole_cells(table) -> None:
    """A static table: no cell cut or ellipsised, and the table no wider than its place on the page."""
    cells = table.locator("th, td")
    assert cells.count() > 1
    assert table.evaluate(CUT) == []
    wide = table.evaluate("t => [t.scrollWidth, t.clientWidth]")
    assert wide[0] <= wide[1] + 1, wide


@pytest.mark.parametrize("width", [1400, 1000])
def test_everything_reads_whole_at_laptop_widths(browser, room, rubric, width, tmp_path):
    from playwright.sync_api import expect

    server, new, _, _ = room
    page = open_page(browser, width)
    sign_in(page, server.url, new.id, new.key)
    # The two buttons: their full labels, nothing cut to "Re..." or "Si...".
    for label in ("Refresh now", "Sign out"):
        button = page.get_by_role("button", name=label)
        expect(button).to_be_visible()
        assert label in button.inner_text()
        assert button.evaluate(CUT) == [], label
    # Cohort: every principle's title and every company's name is drawn whole, each at its own place.
    page.get_by_role("tab", name="Cohort").click()
    heatmap = page.get_by_test_id("stVegaLiteChart").nth(1)

    def drawn(text: str) -> dict:
        """Where a label reading exactly `text` is drawn (waits for it; a cut one reads "Benchmark price and…")."""
        label = heatmap.locator("svg text").filter(has_text=re.compile(f"^{re.escape(text)}$")).first
        expect(label).to_be_visible()
        # Vega may draw the chart again (the tab's width settles) between finding a label and measuring it:
        # measure the label drawn now, for a few seconds at most.
        box = None
        for _ in range(50):
            box = label.bounding_box()
            if box and box["width"] > 0:
                break
            page.wait_for_timeout(100)
        assert box and box["width"] > 0, text
        return box

    for company in ("Acme Models", "Beta Labs"):
        drawn(company)
    rows = sorted((drawn(p.title) for p in rubric.principles), key=lambda b: b["y"])
    chart_box = heatmap.bounding_box()
    for upper, lower in itertools.pairwise(rows):
        assert upper["y"] + upper["height"] <= lower["y"] + 1, (upper, lower)  # no two titles overlap
    for box in rows:
        assert box["x"] >= chart_box["x"] - 1 and box["x"] + box["width"] <= chart_box["x"] + chart_box["width"] + 1
    # Beta's consensus has blocked benefits: marked "blocked", never a red 0.
    drawn(BLOCKED)
    # The most common gaps: a table whose cells wrap and read whole.
    cohort_panel = page.get_by_role("tabpanel").filter(has_text="Most common gaps")
    gaps = cohort_panel.get_by_test_id("stTable").last
    expect(gaps).to_contain_text("Acme Models, Beta Labs")
    heatmap.screenshot(path=tmp_path / f"heatmap-{width}.png")  # to look at when a check fails
    gaps.screenshot(path=tmp_path / f"gaps-{width}.png")
    assert_whole_cells(gaps)
    # Companies: the consensus answer to every question, whole.
    page.get_by_role("tab", name="Companies").click()
    page.get_by_text("Consensus answer to every question").click()
    consensus = page.get_by_role("tabpanel").filter(has_text="Where the team disagrees").get_by_test_id("stTable")
    longest = max((q.text for q in rubric.questions), key=len)
    expect(consensus).to_contain_text(longest)
    assert_whole_cells(consensus)
    consensus.screenshot(path=tmp_path / f"consensus-{width}.png")
    page.context.close()

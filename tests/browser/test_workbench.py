"""The price/performance workbench in Chromium: bad input, the last result kept, saving, the CSV."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from assessment.workbench import parse_workbench
from tests.browser.server import wait_until
from ui.workbench.grids import PARTS

pytestmark = pytest.mark.browser


WINS = "Closed API, small tier (illustrative) wins: it is the cheapest option, at {} a month"


def test_bad_input_keeps_the_last_result_then_a_fix_is_saved(page, app_server, store, examples):
    token = store.create(examples["harbor-legal-ai"])
    saved_before = store.load(token).assessment.workbench
    page.goto(f"{app_server.url}workbench?a={token}")
    main = page.get_by_test_id("stMain")
    main.get_by_text("Break-even: when does self-hosting win?").wait_for()
    main.get_by_text(WINS.format("$666")).wait_for()

    requests = main.get_by_role("spinbutton", name="Requests per month")
    requests.fill("0")
    requests.press("Enter")
    main.get_by_test_id("stAlert").filter(has_text="must be at least 1").wait_for()
    main.get_by_text("The results below are from your last valid inputs.").wait_for()
    assert main.get_by_text(WINS.format("$666")).is_visible()
    assert store.load(token).assessment.workbench == saved_before

    requests.fill("240000")
    requests.press("Enter")
    # 240,000 x (9,000 in + 700 out): 2,160M x $0.50 + 168M x $1.50 = $1,080 + $252
    main.get_by_text(WINS.format("$1,332")).wait_for()
    assert main.get_by_text("must be at least 1").count() == 0
    wait_until(lambda: parse_workbench(store.load(token).assessment.workbench).workload.monthly_requests == 240_000)
    # The run that drew the new answer goes on to draw the download button: wait for it to finish.
    page.wait_for_function("() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState"
                           " === 'notRunning'")

    with page.expect_download() as download:
        main.get_by_role("button", name="Download the comparison (CSV)").click()
    assert download.value.suggested_filename == "harbor-legal-ai-fictional-price-performance.csv"
    frame = pd.read_csv(io.BytesIO(download.value.path().read_bytes()))
    costs = dict(zip(frame["option"], frame["monthly_cost_usd"], strict=True))
    assert costs["Closed API, small tier (illustrative)"] == 1_332
    assert costs["Closed API, large tier (illustrative)"] == 2 * 6_660


def test_an_exponent_typed_in_a_count_is_refused_not_read_as_1(page, app_server, store, examples):
    """Found by a breaker: "1e308" in a whole-number box became 1, saved without a word."""
    token = store.create(examples["harbor-legal-ai"])
    saved_before = store.load(token).assessment.workbench
    page.goto(f"{app_server.url}workbench?a={token}")
    main = page.get_by_test_id("stMain")
    main.get_by_text(WINS.format("$666")).wait_for()
    for label in ("Requests per month", "over this many months"):
        box = main.get_by_role("spinbutton", name=label)
        box.fill("1e308")
        box.press("Enter")
        main.get_by_test_id("stAlert").filter(has_text="must be at most").first.wait_for()
        assert box.input_value() == "1e+308"  # what was typed, not a number made up from it
        box.fill("240000" if label == "Requests per month" else "18")
        box.press("Enter")
        main.get_by_test_id("stAlert").filter(has_text="must be at most").first.wait_for(state="detached")
    assert parse_workbench(store.load(token).assessment.workbench).projection.months == 18
    assert store.load(token).assessment.workbench != saved_before  # the fixed figures are saved


HEADING_PADDING = 40  # a grid heading's padding and edit icon around its text


@pytest.mark.parametrize("width", [1400, 1000])
def test_every_options_grid_heading_is_whole_without_scrolling(page, app_server, store, examples, width):
    token = store.create(examples["harbor-legal-ai"])
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(f"{app_server.url}workbench?a={token}")
    main = page.get_by_test_id("stMain")
    main.get_by_text(WINS.format("$666")).wait_for(timeout=120_000)
    grids = main.get_by_test_id("stDataFrameResizable")
    grids.nth(len(PARTS) - 1).wait_for()
    assert grids.count() == len(PARTS)
    page_box = main.get_by_test_id("stMainBlockContainer").evaluate(
        "c => { const r = c.getBoundingClientRect(), s = getComputedStyle(c);"
        " return {left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight)}; }")
    for i, part in enumerate(PARTS):
        grid = grids.nth(i)
        box = grid.bounding_box()
        assert page_box["left"] - 1 <= box["x"] and box["x"] + box["width"] <= page_box["right"] + 1, part.title
        scroller = grid.locator(".dvn-scroller").first
        assert scroller.evaluate("s => s.scrollWidth <= s.clientWidth + 1"), f"{part.title}: columns run out of view"
        # The headings are drawn on a canvas; its accessible copy names them, and the page's own font
        # measures each against the width its column is given.
        grid.locator("th").nth(len(part.columns) - 1).wait_for(state="attached")
        headings = grid.evaluate("g => [...g.querySelectorAll('th')].map(t => t.textContent.trim())")
        assert headings == [c.label for c in part.columns]
        text_widths = grid.evaluate(
            "(g, labels) => { const c = document.createElement('canvas').getContext('2d');"
            " c.font = '600 14px ' + getComputedStyle(g).fontFamily;"
            " return labels.map(l => c.measureText(l).width); }", headings)
        for column, text in zip(part.columns, text_widths, strict=True):
            assert text + HEADING_PADDING <= column.width, f"{part.title}: '{column.label}' is cut"
        assert sum(c.width for c in part.columns) <= scroller.evaluate("s => s.clientWidth"), part.title


def _cell(grid, part, column: str, row: int) -> tuple[float, float]:
    """Page coordinates of a grid cell's middle, from the widths the grid gives its columns."""
    box = grid.bounding_box()
    left = box["x"] + (34 if part.kinds is None else 0)  # the first grid has a column of row markers
    for c in part.columns:
        if c.label == column:
            return left + c.width / 2, box["y"] + 35 * (row + 1) + 17
        left += c.width
    raise KeyError(column)


def test_a_value_typed_in_a_figures_grid_is_saved(page, app_server, store, examples):
    token = store.create(examples["harbor-legal-ai"])
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_server.url}workbench?a={token}")
    main = page.get_by_test_id("stMain")
    main.get_by_text(WINS.format("$666")).wait_for(timeout=120_000)
    grids = main.get_by_test_id("stDataFrameResizable")
    grids.nth(len(PARTS) - 1).wait_for()
    part = next(p for p in PARTS if p.name == "api")
    grid = grids.nth(PARTS.index(part))
    grid.scroll_into_view_if_needed()
    x, y = _cell(grid, part, "$ / 1M output", 1)  # the small tier's output price
    page.mouse.click(x, y)
    page.keyboard.type("3")  # typing into a selected cell replaces its value
    page.locator("#portal textarea, #portal input").first.wait_for()
    page.keyboard.press("Enter")
    # 1,080M x $0.50 + 84M x $3 = $540 + $252
    main.get_by_text(WINS.format("$792")).wait_for()
    wait_until(lambda: parse_workbench(store.load(token).assessment.workbench).options[1].price_per_m_output == 3)
    saved = parse_workbench(store.load(token).assessment.workbench)
    assert saved.options[1].price_per_m_input == 0.5 and len(saved.options) == 4

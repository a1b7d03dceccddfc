"""The price/performance workbench in Chromium: bad input, the last result kept, saving, the CSV."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from assessment.workbench import parse_workbench
from tests.browser.server import wait_until

pytestmark = pytest.mark.browser


def test_bad_input_keeps_the_last_result_then_a_fix_is_saved(page, app_server, store, examples):
    token = store.create(examples["harbor-legal-ai"])
    saved_before = store.load(token).assessment.workbench
    page.goto(f"{app_server.url}workbench?a={token}")
    main = page.get_by_test_id("stMain")
    main.get_by_text("Break-even: when does self-hosting win?").wait_for()
    main.get_by_text("Cheapest: Closed API, small tier (illustrative) at $666 a month.").wait_for()

    requests = main.get_by_role("spinbutton", name="Requests per month")
    requests.fill("0")
    requests.press("Enter")
    main.get_by_test_id("stAlert").filter(has_text="must be greater than 0").wait_for()
    main.get_by_text("The results below are from your last valid inputs.").wait_for()
    assert main.get_by_text("Cheapest: Closed API, small tier (illustrative) at $666 a month.").is_visible()
    assert store.load(token).assessment.workbench == saved_before

    requests.fill("240000")
    requests.press("Enter")
    # 240,000 x (9,000 in + 700 out): 2,160M x $0.50 + 168M x $1.50 = $1,080 + $252
    main.get_by_text("Cheapest: Closed API, small tier (illustrative) at $1,332 a month.").wait_for()
    assert main.get_by_text("must be greater than 0").count() == 0
    wait_until(lambda: parse_workbench(store.load(token).assessment.workbench).workload.monthly_requests == 240_000)

    with page.expect_download() as download:
        main.get_by_role("button", name="Download the comparison (CSV)").click()
    assert download.value.suggested_filename == "harbor-legal-ai-fictional-price-performance.csv"
    frame = pd.read_csv(io.BytesIO(download.value.path().read_bytes()))
    costs = dict(zip(frame["option"], frame["monthly_cost_usd"], strict=True))
    assert costs["Closed API, small tier (illustrative)"] == 1_332
    assert costs["Closed API, large tier (illustrative)"] == 2 * 6_660

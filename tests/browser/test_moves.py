"""Moving through the questionnaire: each move opens the next principle at its top, without a script error."""

from __future__ import annotations

import re

import pytest

from assessment.answers import new_assessment
from tests.browser.server import idle

pytestmark = pytest.mark.browser


def test_every_next_opens_the_principle_at_its_top_without_a_page_error(page, app_server, rubric, store):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    token = store.create(new_assessment(rubric, name="Mover"))
    page.set_viewport_size({"width": 1400, "height": 700})
    page.goto(f"{app_server.url}questionnaire?a={token}")
    main = page.get_by_test_id("stMain")
    for nxt in rubric.principles[1:4]:  # three moves in one page: the script runs again each time
        page.get_by_text(rubric.principles[0].title).first.wait_for()
        idle(page)
        main.evaluate("m => m.scrollTo({top: m.scrollHeight})")  # "Next" sits at the bottom
        page.get_by_role("button", name=re.compile(f"Next: {re.escape(nxt.title)}")).click()
        heading = page.get_by_role("heading", name=re.compile(re.escape(nxt.title))).first
        heading.wait_for()
        idle(page)
        page.wait_for_function("() => { const m = document.querySelector('[data-testid=stMain]');"
                               " return m && m.scrollTop < 5; }", timeout=10_000)
        assert heading.bounding_box()["y"] < 700, f"{nxt.title}: opened below the first screen"
    assert errors == []

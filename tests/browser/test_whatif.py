"""The what-if's pills in Chromium: they stay where they are as picks close other gaps (breaker finds)."""

from __future__ import annotations

import pytest

from assessment.answers import Answer
from tests.browser import server

pytestmark = pytest.mark.browser
SLOW = 120_000


def benchmark_closes_reality_check(rubric, examples):
    """Fixing "no price/performance comparison" also closes "no reality check", a gap drawn before it: the
    case where a vanishing pill moved the next one under the pointer."""
    answers = {**examples["two-founders-preseed"].answers, "niche-monetization": Answer(choice="no"),
               "models-benchmark-parity": Answer(choice="no"), "models-eval-breadth": Answer(choice="nothing")}
    return examples["two-founders-preseed"].model_copy(update={"answers": answers})


def pills(page):
    return page.get_by_test_id("stMain").get_by_test_id("stButtonGroup").filter(has_text="(critical)").first


def benchmark_pill(page, rubric):
    title = next(g.title for g in rubric.gap_rules if g.id == "no-price-performance-benchmark")
    return pills(page).get_by_role("button").filter(has_text=title).first


def test_a_quick_second_click_on_a_pill_undoes_it_and_picks_no_neighbour(page, app_server, store, rubric, examples):
    token = store.create(benchmark_closes_reality_check(rubric, examples))
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.goto(f"{app_server.url}results?a={token}")
    page.get_by_text("Gaps to fix").wait_for(timeout=SLOW)
    server.idle(page, SLOW)
    group = pills(page)
    buttons = group.get_by_role("button")
    before = [buttons.nth(i).inner_text() for i in range(buttons.count())]
    first = benchmark_pill(page, rubric)
    first.scroll_into_view_if_needed()
    box = first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.get_by_text("Score if fixed").wait_for(timeout=SLOW)
    server.idle(page, SLOW)
    assert [buttons.nth(i).inner_text() for i in range(buttons.count())] == before  # no pill left its place
    page.mouse.click(x, y)  # the same spot again: undo, as a person clicks twice
    page.get_by_text("Pick gaps above to see").wait_for(timeout=SLOW)
    server.idle(page, SLOW)
    assert [buttons.nth(i).inner_text() for i in range(buttons.count())] == before
    assert page.get_by_text("Score if fixed").count() == 0  # nothing picked: no neighbour took the click


def test_a_pill_keeps_the_keyboard_focus_when_its_pick_closes_another_gap(page, app_server, store, rubric,
                                                                          examples):
    token = store.create(benchmark_closes_reality_check(rubric, examples))
    page.goto(f"{app_server.url}results?a={token}")
    page.get_by_text("Gaps to fix").wait_for(timeout=SLOW)
    server.idle(page, SLOW)
    first = benchmark_pill(page, rubric)
    first.focus()
    page.keyboard.press("Space")
    page.get_by_text("These fixes also close").wait_for(timeout=SLOW)
    server.idle(page, SLOW)
    assert page.evaluate("document.activeElement && document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Space")  # the same pill again: unpicked
    page.get_by_text("Pick gaps above to see").wait_for(timeout=SLOW)

"""An answer re-draws only what it changes: each kind of change still shows everywhere it should.

A first answer, a changed one, a "don't know" and back: the question's badge and note box, the
progress pills and the sidebar's count follow each click, and the database holds the last choice.
"""

from __future__ import annotations

import re

import pytest

from assessment.scoring import score
from assessment.verdict import answered_summary
from tests.browser.server import idle, wait_until
from tests.browser.test_founder_flow import pick, question_radios, sidebar_count, start_new

pytestmark = pytest.mark.browser


def test_each_kind_of_answer_change_shows_in_the_question_the_pills_and_the_sidebar(page, app_server, rubric,
                                                                                      store):
    from playwright.sync_api import expect

    token = start_new(page, app_server.url, "Redraw Co")
    principle = rubric.principles[0]
    deciders = {q.skip_when.answer.question for q in rubric.questions if q.skip_when and q.skip_when.answer}
    # A question no other depends on: its answers never make the whole page re-draw.
    question = next(q for q in principle.questions if q.id not in deciders)
    block = page.locator("[data-testid=stVerticalBlock]").filter(has=question_radios(page, question)).last
    pills = page.get_by_test_id("stMain").get_by_text(
        re.compile(rf"^(✓ )?\d+/{len(principle.questions)}.* · {re.escape(principle.title)}$"))
    expect(block.get_by_text("Not answered yet")).to_be_visible()
    first, second = question.choices[0], question.choices[1]

    pick(page, question, first.label)  # a first answer: badge gone, note box, counts up
    expect(block.get_by_text("Not answered yet")).to_have_count(0)
    expect(block.get_by_text("Add an evidence note (optional)")).to_be_visible()
    expect(pills.first).to_contain_text(f"1/{len(principle.questions)}")
    sidebar_count(page, rubric, {question.id: first.id})

    pick(page, question, second.label)  # a changed choice: the counts stay, the note box stays
    idle(page)
    wait_until(lambda: store.load(token).assessment.answers[question.id].choice == second.id)
    expect(question_radios(page, question).get_by_role("radio", name=second.label)).to_be_checked()
    expect(block.get_by_text("Add an evidence note (optional)")).to_be_visible()
    sidebar_count(page, rubric, {question.id: second.id})

    pick(page, question, rubric.dont_know.label)  # "don't know": its badge, and counted apart
    expect(block.get_by_text("Don't know - find out")).to_be_visible()
    expect(pills.first).to_contain_text("don't know")
    sidebar_count(page, rubric, {question.id: rubric.dont_know.id})

    pick(page, question, first.label)  # back to a real answer: the badge goes
    expect(block.get_by_text("Don't know - find out")).to_have_count(0)
    expect(pills.first).not_to_contain_text("don't know")
    page.get_by_test_id("stSidebar").get_by_text(
        answered_summary(score(rubric, {question.id: first.id})), exact=True).wait_for()
    wait_until(lambda: store.load(token).assessment.answers[question.id].choice == first.id)

    page.reload()  # what is on screen is what was saved
    expect(question_radios(page, question).get_by_role("radio", name=first.label)).to_be_checked()


# Clicks from inside the page, `gap` ms apart: quicker than a person, so that a click's re-draw can be
# superseded by the next click's run (it was, and the first question kept "Not answered yet").
QUICK_CLICKS = """async ([labels, gap]) => {
  for (const label of labels) {
    label.click();
    await new Promise((r) => setTimeout(r, gap));
  }
}"""


@pytest.mark.parametrize("gap", [10, 40])
def test_quick_first_answers_each_lose_their_badge_and_get_a_note_box(page, app_server, rubric, store, gap):
    from playwright.sync_api import expect

    token = start_new(page, app_server.url, f"Quick {gap}")
    deciders = {q.skip_when.answer.question for q in rubric.questions if q.skip_when and q.skip_when.answer}
    questions = [q for q in rubric.principles[0].questions if q.id not in deciders][:2]
    idle(page)
    labels = [question_radios(page, q).locator("label").filter(has_text=q.choices[0].label).first.element_handle()
              for q in questions]
    page.evaluate(QUICK_CLICKS, [labels, gap])
    wait_until(lambda: all(q.id in store.load(token).assessment.answers for q in questions))
    idle(page)
    for q in questions:
        block = page.locator("[data-testid=stVerticalBlock]").filter(has=question_radios(page, q)).last
        expect(block.get_by_text("Not answered yet")).to_have_count(0)
        expect(block.get_by_text("Add an evidence note (optional)")).to_be_visible()

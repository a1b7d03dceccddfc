"""A person in Chromium: a whole assessment, downloads, a refresh mid-way, a broken import."""

from __future__ import annotations

import io
import json

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from assessment.answers import parse_assessment
from assessment.rubric import Question, Rubric
from assessment.scoring import score, score_assessment
from assessment.verdict import answered_summary
from tests.browser.server import choose_tab, wait_until

pytestmark = pytest.mark.browser


def sidebar_count(page, rubric: Rubric, answers: dict[str, str]) -> None:
    """The sidebar's progress: real answers and "don't know" apart, of the questions that apply."""
    text = answered_summary(score(rubric, answers))
    page.get_by_test_id("stSidebar").get_by_text(text, exact=True).wait_for()


def question_radios(page, question: Question):
    """The radio group of one question (its accessible name is the question text)."""
    return page.get_by_role("radiogroup", name=question.text, exact=True)


def pick(page, question: Question, label: str) -> None:
    question_radios(page, question).get_by_text(label, exact=True).click()


def start_new(page, url: str, company: str) -> str:
    page.goto(url)
    page.get_by_label("Company name").fill(company)
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_text("Question 1 of").first.wait_for()
    return page.url.split("a=", 1)[1]


def choice_for(rubric: Rubric, number: int, question: Question) -> tuple[str, str]:
    """A varied but deterministic answer: mostly good, some weak, every seventh "don't know".

    Questions that decide whether others are asked get their first (best) answer, so all apply.
    """
    deciders = {q.skip_when.answer.question for q in rubric.questions if q.skip_when and q.skip_when.answer}
    if question.id in deciders:
        return question.choices[0].id, question.choices[0].label
    if number % 7 == 0:
        return rubric.dont_know.id, rubric.dont_know.label
    choice = question.choices[number % 2]
    return choice.id, choice.label


def test_a_person_completes_an_assessment_and_downloads_the_pdf_and_the_json(page, app_server, rubric, store):
    token = start_new(page, app_server.url, "Browser Test Co")
    expected: dict[str, str] = {}
    number = 0
    for p_index, principle in enumerate(rubric.principles):
        pillar = rubric.pillar_index[principle.pillar]
        page.get_by_role("heading", name=f"{pillar.title}: {principle.title}").wait_for()
        for question in principle.questions:
            if question.id in score(rubric, expected).skipped:  # e.g. the platform-only question
                continue
            number += 1
            choice_id, label = choice_for(rubric, number, question)
            pick(page, question, label)
            expected[question.id] = choice_id
            sidebar_count(page, rubric, expected)
        if p_index + 1 < len(rubric.principles):
            page.get_by_role("button", name=f"Next: {rubric.principles[p_index + 1].title}").click()
    first = rubric.questions[0]
    page.get_by_role("radiogroup", name="Requirements", exact=False).get_by_role(
        "radio", name=rubric.principles[0].title, exact=False).click()
    page.get_by_role("heading", name=f"Requirements: {rubric.principles[0].title}").wait_for()
    page.get_by_text("Add an evidence note (optional)").first.click()  # collapsed until asked for
    note = page.get_by_label(first.evidence_prompt).first
    note.fill("Board memo, 2024-03")
    note.press("Control+Enter")
    wait_until(lambda: store.load(token).assessment.answers[first.id].evidence == "Board memo, 2024-03")

    saved = store.load(token).assessment
    assert {k: a.choice for k, a in saved.answers.items()} == expected
    result = score_assessment(rubric, saved)

    page.get_by_test_id("stSidebarNav").get_by_text("Results", exact=True).click()
    main = page.get_by_test_id("stMain")
    figures = main.get_by_test_id("stMarkdownContainer")
    expect(figures.filter(has_text="Overall score").first).to_contain_text(f"{result.overall:.1f} / 100",
                                                                           timeout=30_000)
    assert result.level.label in figures.filter(has_text="Readiness level").first.inner_text()
    for gap in result.confirmed_gaps[:3]:
        page.get_by_text(gap.title, exact=True).first.wait_for()

    page.get_by_test_id("stSidebarNav").get_by_text("Download", exact=True).click()
    with page.expect_download() as pdf_download:
        page.get_by_role("button", name="Download PDF").click()
    pdf = PdfReader(io.BytesIO(pdf_download.value.path().read_bytes()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Browser Test Co" in text and f"{result.overall:.1f}" in text and result.level.label in text
    assert pdf_download.value.suggested_filename == "browser-test-co-readiness.pdf"

    with page.expect_download() as json_download:
        page.get_by_role("button", name="Download JSON").click()
    raw = json_download.value.path().read_bytes()
    reimported = parse_assessment(raw, rubric, "download.json")
    # Downloading the report took a snapshot of it (the history that "progress over time" compares).
    # The JSON file carries it, with every answer and note as saved.
    assert [h.reason for h in reimported.history] == ["report"]
    assert reimported.history[0].answers == saved.answers
    assert reimported.model_copy(update={"history": []}) == saved
    assert json.loads(raw)["answers"][first.id]["evidence"] == "Board memo, 2024-03"


def test_a_refresh_mid_way_continues_from_the_link(page, browser, app_server, rubric):
    start_new(page, app_server.url, "Refresh Co")
    p1, p2 = rubric.principles[0], rubric.principles[1]
    pick(page, p1.questions[0], p1.questions[0].choices[0].label)
    answers = {p1.questions[0].id: p1.questions[0].choices[0].id}
    sidebar_count(page, rubric, answers)
    page.get_by_role("button", name=f"Next: {p2.title}").click()
    page.get_by_role("heading", name=f"Requirements: {p2.title}").wait_for()
    pick(page, p2.questions[1], p2.questions[1].choices[1].label)
    answers[p2.questions[1].id] = p2.questions[1].choices[1].id
    sidebar_count(page, rubric, answers)
    link = page.url
    assert "a=" in link

    page.reload()
    page.get_by_role("heading", name=f"Requirements: {p2.title}").wait_for()
    sidebar_count(page, rubric, answers)
    chosen = p2.questions[1].choices[1].label
    assert question_radios(page, p2.questions[1]).get_by_role("radio", name=chosen).is_checked()

    # A closed tab: a fresh browser context opens the same link.
    other = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        fresh = other.new_page()
        fresh.goto(link)
        fresh.get_by_role("heading", name=f"Requirements: {p2.title}").wait_for()
        fresh.get_by_role("button", name=f"Previous: {p1.title}").click()
        fresh.get_by_role("heading", name=f"Requirements: {p1.title}").wait_for()
        radio = question_radios(fresh, p1.questions[0]).get_by_role("radio", name=p1.questions[0].choices[0].label)
        assert radio.is_checked()
    finally:
        other.close()


def test_importing_a_broken_file_shows_the_message(page, app_server, tmp_path):
    page.goto(app_server.url)
    choose_tab(page, "Import a saved file")
    broken = tmp_path / "broken.json"
    broken.write_bytes(bytes(range(256)) * 8)
    uploader = page.locator("[data-testid=stFileUploader]").filter(has_text="Assessment file (.json)")
    uploader.locator("input[type=file]").set_input_files(str(broken))
    page.get_by_text("Could not import broken.json: The file is not a text file, so it is not an assessment file"
                     " from this app.").wait_for()
    page.get_by_text("Details: not a UTF-8 text file (is it a binary file?)").wait_for()
    wrong = tmp_path / "old.json"
    wrong.write_text('{"format_version": 1, "rubric": {"id": "open-llm-playbook", "version": "0.0.1"}}')
    uploader.locator("input[type=file]").set_input_files(str(wrong))
    page.get_by_text("this assessment was made with rubric version 0.0.1").wait_for()
    assert "a=" not in page.url  # nothing was opened

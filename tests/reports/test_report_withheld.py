"""No score or level in a report from a handful of answers (`score_shown_from`); both once enough is answered."""

from __future__ import annotations

import re

import pytest

from assessment.rubric import Rubric
from assessment.scoring import score_assessment
from reports import report_markdown, report_pdf
from reports.brief import brief_pdf
from tests.conftest import best_choices
from tests.reports.report_helpers import assessment_with, pdf_reader, pdf_text, squash


def _answers(rubric: Rubric, count: int, choices: dict[str, str] | None = None):
    choices = choices or best_choices(rubric)
    return assessment_with(rubric, dict(list(choices.items())[:count]), name="Early Co")


def _front(text: str) -> str:
    """The cover and the executive summary (the methodology further on lists every level)."""
    return squash(text.split("Scores at a glance")[0])


def _levels_named(rubric: Rubric, text: str) -> list[str]:
    return [lv.label for lv in rubric.levels if re.search(rf"\b{re.escape(lv.label)}\b", text)]


def test_two_answers_give_no_score_or_level_in_the_pdf_markdown_or_brief(rubric):
    assessment = _answers(rubric, 2)
    result = score_assessment(rubric, assessment)
    assert not result.score_shown and result.enough_known
    n = result.answers_to_score
    expected = (f"2 of {result.total} questions answered: too few for a score to mean anything. Both appear, as a"
                f" provisional result, once {n} more questions have a real answer.")

    data = report_pdf(rubric, assessment)
    front = _front(pdf_text(data))
    assert f"No score or level yet (2 of {result.total} answered)" in front
    assert expected in front
    assert "/ 100" not in front and "Overall score" not in front
    assert _levels_named(rubric, front) == []
    subject = pdf_reader(data).metadata.subject
    assert subject.startswith("No score or level yet") and "/ 100" not in subject and not _levels_named(rubric, subject)
    whole = squash(pdf_text(data))
    assert not any(f"Caps the level at {lv.label}" in whole for lv in rubric.levels)
    assert " · score " not in whole and " · level " not in whole  # the running footer neither
    assert whole.count(" · No score or level yet") == len(pdf_reader(data).pages) - 1  # every page but the cover

    markdown = report_markdown(rubric, assessment)
    md_front = squash(markdown.split("## Scores at a glance")[0].replace("**", ""))
    assert f"No score or level yet (2 of {result.total} answered)" in md_front and expected in md_front
    assert "/ 100" not in md_front and "Level scale" not in md_front and _levels_named(rubric, md_front) == []

    brief = squash(pdf_text(brief_pdf(rubric, assessment)))
    assert f"No score or level yet (2 of {result.total} answered)" in brief
    assert "/ 100" not in brief and "Overall score" not in brief
    assert _levels_named(rubric, brief.split("Methodology")[0]) == []


def test_mostly_dont_know_is_headed_not_enough_known(rubric):
    dont_know = {q.id: "dont-know" for q in rubric.questions}
    assessment = _answers(rubric, 3, dont_know)
    result = score_assessment(rubric, assessment)
    assert not result.score_shown and not result.enough_known
    front = _front(pdf_text(report_pdf(rubric, assessment)))
    assert f"Not enough known to judge (0 of {result.total} answered, 3 don't know)" in front
    assert "no score or level until more questions have a real answer" in front
    assert "/ 100" not in front and _levels_named(rubric, front) == []


@pytest.mark.parametrize("render", ["pdf", "markdown", "brief"])
def test_enough_answers_still_show_score_and_level(rubric, render):
    assessment = _answers(rubric, len(rubric.questions))
    result = score_assessment(rubric, assessment)
    assert result.score_shown
    text = {"pdf": lambda: pdf_text(report_pdf(rubric, assessment)),
            "markdown": lambda: report_markdown(rubric, assessment).replace("**", ""),
            "brief": lambda: pdf_text(brief_pdf(rubric, assessment))}[render]()
    flat = squash(text)
    assert "Overall score 100.0 / 100" in flat
    assert f"Readiness level: {result.level.label}" in flat

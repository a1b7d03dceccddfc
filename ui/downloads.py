"""The bytes behind the Download page's buttons, made only when a button is clicked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from assessment.answers import Assessment, dump_assessment
from assessment.filenames import report_stem
from assessment.rubric import Rubric


def file_stem(assessment: Assessment, today: dt.date | None = None) -> str:
    """The file name stem of every download ("harbor-legal-ai-readiness", "株式会社-readiness").

    A name with no letters or digits left gives "assessment-<date>" (the assessment's date, else today).
    """
    return report_stem(assessment.company.name, assessment.company.date or today or dt.date.today())


def pdf(rubric: Rubric, assessment: Assessment) -> Callable[[], bytes]:
    def make() -> bytes:
        from reports import report_pdf  # reportlab loads only when a report is asked for

        return report_pdf(rubric, assessment)

    return make


def markdown(rubric: Rubric, assessment: Assessment) -> Callable[[], str]:
    def make() -> str:
        from reports import report_markdown

        return report_markdown(rubric, assessment)

    return make


def assessment_json(assessment: Assessment) -> Callable[[], str]:
    return lambda: dump_assessment(assessment)

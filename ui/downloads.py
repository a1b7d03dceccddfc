"""The bytes behind the Download page's buttons, made only when a button is clicked."""

from __future__ import annotations

import re
from collections.abc import Callable

from assessment.answers import Assessment, dump_assessment
from assessment.rubric import Rubric


def file_stem(assessment: Assessment) -> str:
    """A safe file name stem from the company name ("harbor-legal-ai-readiness")."""
    slug = re.sub(r"[^a-z0-9]+", "-", assessment.company.name.lower()).strip("-")[:60]
    return f"{slug or 'assessment'}-readiness"


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

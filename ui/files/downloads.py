"""The bytes behind the Download page's buttons, made only when a button is clicked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from assessment.answers import Assessment, dump_assessment
from assessment.exports.filenames import report_stem
from assessment.rubric import Rubric

Hook = Callable[[], None]


def file_stem(assessment: Assessment, today: dt.date | None = None) -> str:
    """The file name stem of every download ("harbor-legal-ai-readiness", "株式会社-readiness").

    A name with no letters or digits left gives "assessment-<date>" (the assessment's date, else today).
    """
    return report_stem(assessment.company.name, assessment.company.date or today or dt.date.today())


def pdf(rubric: Rubric, assessment: Assessment, since: Assessment | None = None,
        before: Hook | None = None) -> Callable[[], bytes]:
    """The full report (with the progress since `since`); `before` runs first (e.g. takes a snapshot)."""
    def make() -> bytes:
        from reports import report_pdf  # reportlab loads only when a report is asked for

        if before is not None:
            before()
        return report_pdf(rubric, assessment, since=since)

    return make


def markdown(rubric: Rubric, assessment: Assessment, since: Assessment | None = None,
             before: Hook | None = None) -> Callable[[], str]:
    def make() -> str:
        from reports import report_markdown

        if before is not None:
            before()
        return report_markdown(rubric, assessment, since=since)

    return make


def brief(rubric: Rubric, assessment: Assessment, since: Assessment | None = None,
          before: Hook | None = None) -> Callable[[], bytes]:
    """The one-page brief (with the progress since `since`)."""
    def make() -> bytes:
        from reports.brief import brief_pdf

        if before is not None:
            before()
        return brief_pdf(rubric, assessment, since=since)

    return make


def assessment_json(assessment: Assessment,
                    complete: Callable[[Assessment], Assessment] | None = None) -> Callable[[], str]:
    """The assessment file; `complete` adds what is stored beside it (its history)."""
    return lambda: dump_assessment(complete(assessment) if complete else assessment)

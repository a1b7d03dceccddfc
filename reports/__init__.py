"""Report renderers: one report model (`reports.model.build_report`), rendered as PDF or Markdown.

The app, the CLI and batch exports call `report_pdf` / `report_markdown` (or `write_report`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assessment.answers import Assessment
from assessment.errors import InputError
from assessment.rubric import Rubric
from assessment.scoring import Result
from reports.markdown import render_markdown
from reports.model import Report, build_report
from reports.pdf import render_pdf

FORMATS = {".pdf": "pdf", ".md": "markdown", ".markdown": "markdown"}


def report_pdf(rubric: Rubric, assessment: Assessment, result: Result | None = None,
               today: dt.date | None = None, since: Assessment | None = None) -> bytes:
    """The PDF readiness report for an assessment, as bytes (with `since`: progress since then)."""
    return render_pdf(build_report(rubric, assessment, result, today, since))


def report_markdown(rubric: Rubric, assessment: Assessment, result: Result | None = None,
                    today: dt.date | None = None, since: Assessment | None = None) -> str:
    """The same report as Markdown text."""
    return render_markdown(build_report(rubric, assessment, result, today, since))


def write_report(rubric: Rubric, assessment: Assessment, path: str | Path, today: dt.date | None = None,
                 since: Assessment | None = None) -> Path:
    """Write the report to `path`; the suffix (.pdf, .md) picks the format. With `since` (an earlier
    assessment of the same company) it has a "Progress since <date>" section near the front."""
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(str(path), f"unknown report format '{path.suffix or '(none)'}'; use .pdf or .md")
    report = build_report(rubric, assessment, today=today, since=since)
    data = render_pdf(report) if kind == "pdf" else render_markdown(report).encode("utf-8")
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InputError(str(path), f"cannot write file ({exc.strerror or exc})") from None
    return path


__all__ = ["FORMATS", "Report", "build_report", "render_markdown", "render_pdf", "report_markdown", "report_pdf",
           "write_report"]

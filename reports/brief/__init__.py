"""The one-page brief for a board or an investor: what it says (`model`) and its fixed A4 layout (`pdf`).

`brief_pdf(rubric, assessment, since=None) -> bytes`; `write_brief(...)`. Built on `reports.model`
(the same figures as the full report) and `assessment.progress`. Never imports `ui` or streamlit.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assessment.answers import Assessment
from assessment.errors import InputError
from assessment.rubric import Rubric
from reports.brief.model import Brief, build_brief
from reports.brief.pdf import render_brief


def brief_pdf(rubric: Rubric, assessment: Assessment, since: Assessment | None = None,
              today: dt.date | None = None) -> bytes:
    """The one-page brief as PDF bytes (progress since `since`, else since the file's last snapshot)."""
    return render_brief(build_brief(rubric, assessment, since=since, today=today))


def write_brief(rubric: Rubric, assessment: Assessment, path: str | Path, since: Assessment | None = None) -> Path:
    path = Path(path)
    data = brief_pdf(rubric, assessment, since=since)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InputError(str(path), f"cannot write file ({exc.strerror or exc})") from None
    return path


__all__ = ["Brief", "brief_pdf", "build_brief", "render_brief", "write_brief"]

"""Helpers for the readiness-report tests: read PDFs back, build assessments and big rubrics."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pypdf

from assessment.answers import Answer, Assessment, Company
from assessment.rubric import Rubric, parse_rubric

REPORT_DATE = dt.date(2026, 11, 1)


def pdf_reader(data: bytes) -> pypdf.PdfReader:
    assert data.startswith(b"%PDF-"), "not a PDF"
    assert data.rstrip().endswith(b"%%EOF"), "PDF is truncated"
    return pypdf.PdfReader(io.BytesIO(data), strict=True)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pdf_reader(data).pages)


def squash(text: str) -> str:
    """Whitespace-insensitive form: a line wrap in the PDF is a space in the model."""
    return " ".join(text.split())


def outline(data: bytes) -> list[tuple[str, list[str]]]:
    """The PDF's bookmark outline as [(top-level title, [child titles])]."""
    out: list[tuple[str, list[str]]] = []
    for item in pdf_reader(data).outline:
        if isinstance(item, list):
            out[-1][1].extend(child.title for child in item if not isinstance(child, list))
        else:
            out.append((item.title, []))
    return out


def assessment_with(rubric: Rubric, choices: dict[str, str], evidence: dict[str, str] | None = None,
                    **company: Any) -> Assessment:
    evidence = evidence or {}
    company.setdefault("date", REPORT_DATE)
    return Assessment(
        rubric=rubric.ref,
        company=Company(**company),
        answers={qid: Answer(choice=c, evidence=evidence.get(qid, "")) for qid, c in choices.items()},
    )


def big_rubric(rubric: Rubric, questions: int = 200) -> Rubric:
    """The shipped rubric with extra questions spread over its principles, `questions` in all."""
    data = rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    template = data["principles"][0]["questions"][0]
    count = len(rubric.questions)
    i = 0
    while count < questions:
        principle = data["principles"][i % len(data["principles"])]
        extra = dict(template, id=f"extra-{count}", text=f"Generated question number {count}?")
        principle["questions"].append(extra)
        count += 1
        i += 1
    return parse_rubric(data, "big rubric")

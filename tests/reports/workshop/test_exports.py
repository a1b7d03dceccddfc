"""Workshop exports: cohort CSV and Excel, ZIP of consensus PDFs (read back and checked)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from assessment.workshop.cohort import CompanyAnswers, ParticipantAnswers, aggregate_cohort
from reports.markdown import render_markdown
from reports.model import fmt_score
from reports.workshop.exports import (
    DISAGREEMENT_TITLE,
    EXCEL_SHEETS,
    cohort_csv,
    cohort_excel,
    consensus_pdf,
    consensus_report,
    consensus_reports_zip,
    disagreement_table,
    report_file_name,
)
from tests.conftest import best_choices, worst_choices

DAY = dt.date(2026, 3, 14)
EVIL = "=HYPERLINK(\"http://x\")"


@pytest.fixture(scope="module")
def cohort(rubric):
    best, worst = best_choices(rubric), worst_choices(rubric)
    mixed = dict(best)
    mixed["niche-objective"] = "no"
    return aggregate_cohort(rubric, [
        CompanyAnswers("Acme Models", [ParticipantAnswers("a", best), ParticipantAnswers("b", mixed)]),
        CompanyAnswers(EVIL, [ParticipantAnswers("c", worst)]),
        CompanyAnswers("Zürich Ünïcode", [ParticipantAnswers("d", best)]),
        CompanyAnswers("Nobody Came", []),
    ])


def test_csv_reads_back_as_the_cohort_table(cohort):
    frame = pd.read_csv(io.BytesIO(cohort_csv(cohort)))
    assert list(frame.columns) == list(cohort.cohort_table.columns)
    assert list(frame["company"]) == ["Acme Models", "'" + EVIL, "Zürich Ünïcode", "Nobody Came"]
    acme = cohort.company(cohort.companies[0].id)
    assert frame.loc[0, "overall"] == pytest.approx(round(acme.result.overall, 1))
    assert frame.loc[0, "level"] == acme.result.level.label
    assert pd.isna(frame.loc[3, "overall"])
    assert frame.loc[1, "participants"] == 1


def test_excel_has_every_sheet_and_no_formulas(cohort, rubric):
    book = openpyxl.load_workbook(io.BytesIO(cohort_excel(cohort)))
    assert tuple(book.sheetnames) == EXCEL_SHEETS
    sheet = book["Cohort"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["Company", "Participants", "Active", "Overall", "Level", "Provisional", "Answered (%)"]
    names = [sheet.cell(row=i, column=1).value for i in range(2, 6)]
    assert names[1] == "'" + EVIL  # text, never a formula
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    pillars = book["Pillars"]
    assert [c.value for c in pillars[1]] == ["Company", *(p.title for p in rubric.pillars)]
    # Numbers for people: scores to one decimal, shares in whole percents (the CSV keeps full precision).
    numbers = [c.value for s in book.worksheets for row in s.iter_rows(min_row=2) for c in row
               if isinstance(c.value, float)]
    assert numbers and all(round(v, 1) == v for v in numbers)
    share = [c.value for c in book["Cohort"]["G"][1:]]
    assert all(v is None or (float(v).is_integer() and 0 <= v <= 100) for v in share)
    gaps = book["Common gaps"]
    assert gaps.max_row == len(cohort.gap_table) + 1
    dis = book["Disagreements"]
    assert dis.cell(row=2, column=1).value == "Acme Models"
    assert "Have a niche" in [c.value for c in dis[2]]


def test_disagreement_table_lists_answers_with_counts(cohort):
    table = disagreement_table(cohort)
    row = table[table["question_id"] == "niche-objective"].iloc[0]
    assert row["company"] == "Acme Models" and row["spread"] == 100
    assert row["answers"].count("(1)") == 2
    assert row["consensus"].startswith("No")  # two answers: the lower one


def test_zip_holds_one_pdf_per_company_with_answers(cohort):
    data = consensus_reports_zip(cohort, workshop="Spring cohort", today=DAY)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert names == ["01-acme-models.pdf", "02-hyperlink-http-x.pdf", "03-zürich-ünïcode.pdf", "README.txt"]
        readme = zf.read("README.txt").decode()
        assert "Nobody Came" in readme and "Spring cohort" in readme
        for name, company in zip(names[:3], cohort.companies[:3], strict=True):
            reader = PdfReader(io.BytesIO(zf.read(name)))
            text = " ".join(page.extract_text() for page in reader.pages)
            assert fmt_score(company.result.overall) in text
            assert company.result.level.label in text
            assert "Workshop consensus of" in text
        first = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(zf.read(names[0]))).pages)
        assert "Acme Models" in first and "2 participants" in first


@pytest.mark.parametrize(
    ("position", "name", "expected"),
    [(1, "Acme", "01-acme.pdf"), (12, "../../etc/passwd", "12-etc-passwd.pdf"), (3, "東京", "03-東京.pdf"),
     (4, "Zoë & Co.", "04-zoë-co.pdf"), (5, "🚀", "05-company.pdf")],
)
def test_report_file_names_are_safe(position, name, expected):
    assert report_file_name(position, name) == expected


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_company_report_has_where_your_team_disagrees(cohort, rubric):
    acme = cohort.companies[0]
    report = consensus_report(cohort, acme, workshop="Spring cohort", today=DAY)
    assert DISAGREEMENT_TITLE in report.section_titles
    assert report.section_titles.index(DISAGREEMENT_TITLE) < report.section_titles.index("Methodology")
    text = pdf_text(consensus_pdf(cohort, acme, workshop="Spring cohort", today=DAY))
    section = text[text.index(DISAGREEMENT_TITLE):]
    assert "2 participants answered on their own" in section
    niche = rubric.question_index["niche-objective"][1]
    assert niche.text[:40] in section
    assert "No - we have not decided yet (1)" in section and "gives the same answer (1)" in section
    assert "Answers are counted, not attributed" in section
    # Participants' names (here "a" and "b") are not in the report.
    assert not re.search(r"\b(a|b) \(", section)


def test_unanimous_company_report_says_so(cohort):
    zurich = cohort.companies[2]  # one participant
    text = pdf_text(consensus_pdf(cohort, zurich, today=DAY))
    assert "Everyone who answered gave the same answer to every question" in text
    md = render_markdown(consensus_report(cohort, zurich, today=DAY))
    assert f"## {DISAGREEMENT_TITLE}" in md and "1 participant answered" in md


def test_zip_reports_include_the_disagreement_section(cohort):
    with zipfile.ZipFile(io.BytesIO(consensus_reports_zip(cohort, today=DAY))) as zf:
        assert all(DISAGREEMENT_TITLE in pdf_text(zf.read(n)) for n in zf.namelist() if n.endswith(".pdf"))

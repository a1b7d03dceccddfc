"""Workshop exports: the cohort table as CSV and Excel, and every company's consensus report in one ZIP.

The numbers all come from `assessment.workshop.Cohort` (computed once); this module only writes them
out. Company names are user text: cells that a spreadsheet would run as a formula are neutralised,
and file names inside the ZIP are reduced to safe ASCII.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile

import pandas as pd

from assessment.filenames import slug
from assessment.spreadsheet import csv_bytes, defuse_frame
from assessment.workshop import Cohort, CompanyConsensus, consensus_assessment
from reports.model import Report, build_report
from reports.pdf import render_pdf
from reports.sections import Block, Section, TableBlock, Text

DISAGREEMENT_TITLE = "Where your team disagrees"
MAX_DISAGREEMENT_ROWS = 12  # the widest ones are the ones to talk through; the rest are listed by name
EXCEL_SHEETS = ("Cohort", "Pillars", "Principles", "Common gaps", "Disagreements")


def disagreement_table(cohort: Cohort) -> pd.DataFrame:
    """Every question a company's team answered differently, widest spread first within each company."""
    titles = {p.id: p.title for p in cohort.rubric.principles}
    rows = [
        {"company": c.name, "question": q.text, "principle": titles[q.principle], "spread": q.spread,
         "consensus": q.label or "", "answers": "; ".join(f"{label} ({n})" for _, label, n in q.counts),
         "question_id": q.question}
        for c in cohort.companies
        for q in c.disagreements
    ]
    return pd.DataFrame(rows, columns=["company", "question", "principle", "spread", "consensus", "answers",
                                       "question_id"])


def cohort_csv(cohort: Cohort) -> bytes:
    """The cohort table (one row per company) as UTF-8 CSV."""
    return csv_bytes(cohort.cohort_table)


def cohort_excel(cohort: Cohort) -> bytes:
    """An .xlsx workbook: the cohort table, pillar and principle scores, common gaps, disagreements."""
    sheets = {
        "Cohort": cohort.cohort_table,
        "Pillars": cohort.pillar_table.reset_index(),
        "Principles": cohort.principle_table.reset_index(),
        "Common gaps": cohort.gap_table,
        "Disagreements": disagreement_table(cohort),
    }
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            defuse_frame(frame).to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            for i, column in enumerate(frame.columns, start=1):
                width = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))]) + 2
                sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = min(width, 60)
            sheet.freeze_panes = "B2"
    return buf.getvalue()


def disagreement_section(cohort: Cohort, company: CompanyConsensus) -> Section:
    """"Where your team disagrees": each question answered differently, widest spread first, with counts."""
    people = f"{company.active} participant{'s' if company.active != 1 else ''}"
    blocks: list[Block] = [Text(
        f"{people} answered on their own. The scores in this report use the team's median answer to each"
        " question. These are the questions where the answers differed, widest spread first: the spread is the"
        " distance in points (0-100) between the best- and worst-scoring answers given. \"Don't know\" next to a"
        " firm answer counts as a difference too. Talk these through first: a wide spread usually means the team"
        " does not share one picture of where the company stands."
    )]
    if not company.disagreements:
        blocks.append(Text("Everyone who answered gave the same answer to every question.", "callout"))
    else:
        titles = {p.id: p.title for p in cohort.rubric.principles}
        shown = company.disagreements[:MAX_DISAGREEMENT_ROWS]
        rows = tuple(
            (q.text, titles[q.principle], f"{q.spread:.0f}", "; ".join(f"{label} ({n})" for _, label, n in q.counts),
             q.label or "")
            for q in shown
        )
        blocks.append(TableBlock(("Question", "Principle", "Spread", "Answers given (people)", "Consensus"), rows,
                                 (0.32, 0.16, 0.08, 0.28, 0.16)))
        rest = company.disagreements[MAX_DISAGREEMENT_ROWS:]
        if rest:
            blocks.append(Text(
                f"{len(rest)} more question{'s' if len(rest) != 1 else ''} with smaller differences (spread"
                f" {rest[0].spread:.0f} or less): " + "; ".join(q.text for q in rest), "meta"))
    blocks.append(Text("Answers are counted, not attributed: this report does not say who gave which answer.", "meta"))
    return Section(DISAGREEMENT_TITLE, tuple(blocks))


def consensus_report(cohort: Cohort, company: CompanyConsensus, *, workshop: str = "",
                     today: dt.date | None = None) -> Report:
    """The standard readiness report for a company's consensus answers, plus "Where your team disagrees"."""
    date = today or dt.date.today()
    assessment = consensus_assessment(company, cohort.rubric, workshop=workshop, date=date)
    report = build_report(cohort.rubric, assessment, company.result, date)
    return dataclasses.replace(report, sections=(disagreement_section(cohort, company), *report.sections))


def consensus_pdf(cohort: Cohort, company: CompanyConsensus, *, workshop: str = "",
                  today: dt.date | None = None) -> bytes:
    """The company's consensus report as PDF, with the team's disagreements."""
    return render_pdf(consensus_report(cohort, company, workshop=workshop, today=today))


def report_file_name(position: int, company: str) -> str:
    """`03-acme-models.pdf`: numbered (so equal slugs never collide), letters of any script, no path parts."""
    return f"{position:02d}-{slug(company) or 'company'}.pdf"


def consensus_reports_zip(cohort: Cohort, *, workshop: str = "", today: dt.date | None = None) -> bytes:
    """One ZIP with every company's consensus PDF; companies nobody answered for are listed, not reported."""
    date = today or dt.date.today()
    buf = io.BytesIO()
    skipped = []
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for i, company in enumerate(cohort.companies, start=1):
            if not company.has_answers:
                skipped.append(company.name)
                continue
            pdf = consensus_pdf(cohort, company, workshop=workshop, today=date)
            zf.writestr(zipfile.ZipInfo(report_file_name(i, company.name), date_time=(*date.timetuple()[:3], 0, 0, 0)),
                        pdf, compress_type=zipfile.ZIP_STORED)  # PDFs are already compressed
        lines = [f"Consensus readiness reports{f' - {workshop}' if workshop else ''}, {date.isoformat()}.",
                 "Each report scores the median answer of the company's participants.", ""]
        if skipped:
            lines += ["No answers yet (no report):", *(f"- {name}" for name in skipped)]
        zf.writestr("README.txt", "\n".join(lines) + "\n")
    return buf.getvalue()

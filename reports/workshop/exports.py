"""Workshop exports: the cohort table as CSV and Excel, and every company's consensus report in one ZIP.

The numbers all come from `assessment.workshop.cohort.Cohort` (computed once); this module only writes them
out. Company names are user text: cells that a spreadsheet would run as a formula are neutralised,
and file names inside the ZIP are reduced to safe ASCII.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile

import pandas as pd

from assessment.exports.filenames import slug
from assessment.exports.spreadsheet import csv_bytes, defuse_frame
from assessment.progress.cohorts import since_last_run_table
from assessment.workshop.cohort import Cohort, CompanyConsensus, consensus_assessment
from reports.blocks import Block, Section, TableBlock, Text
from reports.model import Report, build_report
from reports.pdf import render_pdf

DISAGREEMENT_TITLE = "Where your team disagrees"
MAX_DISAGREEMENT_ROWS = 12  # the widest ones are the ones to talk through; the rest are listed by name
EXCEL_SHEETS = ("Cohort", "Pillars", "Principles", "Common gaps", "Disagreements")
SINCE_SHEET = "Since last run"  # a re-run's workbook only


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


def _with_previous(cohort: Cohort, previous: Cohort | None) -> pd.DataFrame:
    """The cohort table; for a re-run, with the previous run's consensus and the change beside it."""
    if previous is None:
        return cohort.cohort_table
    since = since_last_run_table(previous, cohort).drop(columns=["company", "overall", "level"])
    return pd.concat([cohort.cohort_table, since.reset_index(drop=True)], axis=1)


def _for_people(frame: pd.DataFrame) -> pd.DataFrame:
    """Scores to one decimal and shares to whole percents, headers capitalised ("Company", "Pillar: Niche")."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            share = "share" in str(column)
            out[column] = (out[column] * 100).round(0) if share else out[column].round(1)
    out.columns = [_header(c) for c in out.columns]
    return out


def _header(column: object) -> str:
    text = str(column).replace("_", " ")
    text = text.replace("answered share", "answered (%)").replace("share", "share (%)")
    return text[:1].upper() + text[1:]


def cohort_csv(cohort: Cohort, previous: Cohort | None = None) -> bytes:
    """The cohort table (one row per company) as UTF-8 CSV; a re-run's compares with the previous run."""
    return csv_bytes(_with_previous(cohort, previous))


def cohort_excel(cohort: Cohort, previous: Cohort | None = None) -> bytes:
    """An .xlsx workbook: the cohort table, pillar and principle scores, common gaps, disagreements, and
    for a re-run the sheet "Since last run".

    For people (the CSV is for scripts): scores rounded to one decimal, shares in percent, headers
    capitalised.
    """
    frames = {
        "Cohort": cohort.cohort_table,
        "Pillars": cohort.pillar_table.reset_index(),
        "Principles": cohort.principle_table.reset_index(),
        "Common gaps": cohort.gap_table,
        "Disagreements": disagreement_table(cohort),
    }
    if previous is not None:
        frames[SINCE_SHEET] = since_last_run_table(previous, cohort)
    sheets = {name: _for_people(frame) for name, frame in frames.items()}
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


def report_file_name(position: int | None, company: str) -> str:
    """`03-acme-models.pdf` in a ZIP of several (numbered in the workshop's order, so equal slugs never
    collide), `acme-models.pdf` for a report on its own (`position` None); letters of any script, no path parts."""
    stem = slug(company) or "company"
    return f"{stem}.pdf" if position is None else f"{position:02d}-{stem}.pdf"


def consensus_reports_zip(cohort: Cohort, *, workshop: str = "", today: dt.date | None = None) -> bytes:
    """One ZIP with every company's consensus PDF; companies nobody answered for are listed, not reported."""
    date = today or dt.date.today()
    buf = io.BytesIO()
    skipped = [c.name for c in cohort.companies if not c.has_answers]
    several = cohort.scored > 1  # one report on its own is not numbered
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for i, company in enumerate(cohort.companies, start=1):
            if not company.has_answers:
                continue
            pdf = consensus_pdf(cohort, company, workshop=workshop, today=date)
            name = report_file_name(i if several else None, company.name)
            zf.writestr(zipfile.ZipInfo(name, date_time=(*date.timetuple()[:3], 0, 0, 0)),
                        pdf, compress_type=zipfile.ZIP_STORED)  # PDFs are already compressed
        lines = [f"Consensus readiness reports{f' - {workshop}' if workshop else ''}, {date.isoformat()}.",
                 "Each report scores the median answer of the company's participants.", ""]
        if skipped:
            lines += ["No answers yet (no report):", *(f"- {name}" for name in skipped)]
        zf.writestr("README.txt", "\n".join(lines) + "\n")
    return buf.getvalue()

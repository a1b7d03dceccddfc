"""`assessment report FILE -o report.pdf|report.md [--since OLD.json] [--brief]`: registered by `cli.main`."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessment.answers import read_assessment
from assessment.errors import InputError
from assessment.rubric import load_rubric
from cli.progress import read_comparable
from reports import FORMATS, write_report
from reports.brief import write_brief


def cmd_report(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    since = None
    if args.since:
        since, assessment = read_comparable(rubric, args.since, args.file)
    else:
        assessment = read_assessment(args.file, rubric)
    if args.brief:
        if Path(args.output).suffix.lower() != ".pdf":
            raise InputError(args.output, "the brief is a PDF; name the output file .pdf")
        path = write_brief(rubric, assessment, args.output, since=since)
    else:
        path = write_report(rubric, assessment, args.output, since=since)
    print(f"wrote {path}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write the readiness report as PDF or Markdown, or the one-page brief",
                       description="Write the readiness report. The output's suffix picks the format: "
                                   + ", ".join(sorted(FORMATS)) + ".")
    p.add_argument("file", help="assessment JSON file")
    p.add_argument("-o", "--output", required=True, help="report file to write (report.pdf or report.md)")
    p.add_argument("--since", metavar="OLD", help="an earlier assessment JSON file of the same company: the report"
                                                  " starts with the progress since then")
    p.add_argument("--brief", action="store_true", help="the one-page brief (PDF) instead of the full report")
    p.set_defaults(run=cmd_report)

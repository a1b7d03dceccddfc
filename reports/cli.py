"""`assessment report FILE -o report.pdf|report.md`: registered by `assessment.cli`."""

from __future__ import annotations

import argparse

from assessment.answers import read_assessment
from assessment.rubric import load_rubric
from reports import FORMATS, write_report


def cmd_report(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    assessment = read_assessment(args.file, rubric)
    path = write_report(rubric, assessment, args.output)
    print(f"wrote {path}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write the readiness report as PDF or Markdown",
                       description="Write the readiness report. The output's suffix picks the format: "
                                   + ", ".join(sorted(FORMATS)) + ".")
    p.add_argument("file", help="assessment JSON file")
    p.add_argument("-o", "--output", required=True, help="report file to write (report.pdf or report.md)")
    p.set_defaults(run=cmd_report)

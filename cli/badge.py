"""`assessment badge FILE -o badge.svg`: the readiness badge for a README, and its Markdown snippet."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessment.answers import read_assessment
from assessment.errors import InputError
from assessment.rubric import load_rubric
from assessment.scoring import score_assessment
from reports.badge import badge_markdown, badge_svg


def cmd_badge(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    assessment = read_assessment(args.file, rubric)
    result = score_assessment(rubric, assessment)
    out = Path(args.output)
    if out.suffix.lower() != ".svg":
        raise InputError(str(out), "the badge is an SVG file: give an output name ending in .svg")
    try:
        out.write_text(badge_svg(rubric, result, assessment.company.name), encoding="utf-8")
    except OSError as exc:
        raise InputError(str(out), f"cannot write file ({exc.strerror or exc})") from None
    print(f"wrote {out}")
    print(badge_markdown(result, out.name))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("badge", help="write the readiness badge (SVG) for a README",
                       description="Write a shields-style SVG badge with the readiness level and score, and"
                                   " print the Markdown that shows it in a README.")
    p.add_argument("file", help="assessment JSON file")
    p.add_argument("-o", "--output", required=True, help="badge file to write (badge.svg)")
    p.set_defaults(run=cmd_badge)

"""`assessment questions|score|validate-rubric|schema`: the questionnaire, scores and file formats."""

from __future__ import annotations

import argparse
import json
import sys

from assessment.answers import Assessment, read_assessment
from assessment.focus import focus_ids
from assessment.result_json import result_to_dict
from assessment.rubric import Rubric, load_rubric, read_rubric
from assessment.scoring import Result, score_assessment
from assessment.verdict import answered_summary, level_label, withheld_detail, withheld_headline

EXIT_OK = 0

def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def questions_to_dict(rubric: Rubric) -> dict[str, object]:
    """The stable JSON shape of `assessment questions --json`."""
    return {
        "rubric": {"id": rubric.id, "version": rubric.version, "title": rubric.title, "source": rubric.source},
        "questions": [
            {
                "id": q.id,
                "pillar": p.pillar,
                "principle": p.id,
                "text": q.text,
                "help": q.help,
                "section": q.section,
                "weight": q.weight,
                "skip_when": None if q.skip_when is None else q.skip_when.model_dump(by_alias=True, exclude_none=True),
                "skip_note": q.skip_note,
                "choices": [
                    {"id": c.id, "label": c.label, "score": c.score, "dont_know": c.dont_know}
                    for c in rubric.choices_for(q)
                ],
            }
            for p in rubric.principles
            for q in p.questions
        ],
    }


def cmd_questions(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    if args.json:
        _print_json(questions_to_dict(rubric))
        return EXIT_OK
    print(f"{rubric.title} (rubric {rubric.id} {rubric.version}), {len(rubric.questions)} questions\n")
    for pillar in rubric.pillars:
        print(f"== {pillar.title} ==")
        for principle in rubric.principles_of(pillar.id):
            print(f"\n  -- {principle.title} --")
            for q in principle.questions:
                print(f"  [{q.id}] {q.text}")
                for c in rubric.choices_for(q):
                    print(f"      {c.id:<16} {c.label}")
        print()
    return EXIT_OK


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.1f}"


def print_result(assessment: Assessment, result: Result, focus: list[str]) -> None:
    name = assessment.company.name or "(unnamed company)"
    if not result.score_shown:  # a score and level from a handful of answers would mean nothing
        print(f"{name}: {withheld_headline(result)}")
        print(f"  {withheld_detail(result)}")
    else:
        print(f"{name}: {result.overall:.1f}/100, level {level_label(result)}")
        if result.capped_by:
            print(f"  capped from {result.uncapped_level.label} by: {', '.join(result.capped_by)}")
        print(f"  {answered_summary(result)}")
        if result.provisional:
            print("  provisional: too few real answers for a firm verdict")
    print("\nPillars:")
    for p in result.pillars:
        print(f"  {_fmt(p.score)}  {p.title}")
    print("\nPrinciples:")
    for p in result.principles:
        flag = f"  [blocked by {', '.join(p.blocked_by)}]" if p.blocked else ""
        print(f"  {_fmt(p.score)}  {p.title}{flag}")
    confirmed = [g for g in result.gaps if g.confirmed]
    unconfirmed = [g for g in result.gaps if not g.confirmed]
    print("\nGaps:" if confirmed else "\nNo confirmed gaps.")
    for g in confirmed:
        print(f"  [{g.severity}] {g.id}: {g.title}")
    if unconfirmed:
        print("\nTo confirm (they hold only on \"don't know\" answers):")
        for g in unconfirmed:
            print(f"  [{g.severity}] {g.id}: {g.headline}")
    if focus:
        print(f"\nStart with: {', '.join(focus)}")


def cmd_score(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    assessment = read_assessment(args.file, rubric)
    result = score_assessment(rubric, assessment)
    if args.json:
        data = {"rubric": {"id": rubric.id, "version": rubric.version},
                "company": assessment.company.model_dump(mode="json"), **result_to_dict(result),
                "focus": focus_ids(rubric, result)}
        _print_json(data)
    else:
        print_result(assessment, result, focus_ids(rubric, result))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    rubric = read_rubric(args.file)
    print(f"{args.file}: ok ({rubric.id} {rubric.version}: {len(rubric.principles)} principles,"
          f" {len(rubric.questions)} questions, {len(rubric.gap_rules)} gap rules)")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    model = Rubric if args.kind == "rubric" else Assessment
    _print_json(model.model_json_schema(by_alias=True))
    return EXIT_OK



def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("questions", help="list the questionnaire, grouped by pillar and principle")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_questions)

    p = sub.add_parser("score", help="score a saved assessment JSON file")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_score)

    p = sub.add_parser("validate-rubric", help="check a rubric file")
    p.add_argument("file")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("schema", help="JSON Schema of a file format")
    p.add_argument("kind", choices=["rubric", "assessment"], nargs="?", default="assessment")
    p.set_defaults(run=cmd_schema)

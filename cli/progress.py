"""`assessment compare OLD.json NEW.json [--json]`: what changed between two assessments of one company."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assessment.answers import MAX_ASSESSMENT_BYTES, Assessment, parse_assessment
from assessment.errors import InputError
from assessment.progress.compare import check_comparable, check_same_rubric, compare, comparison_to_dict
from assessment.rubric import Rubric, RubricRef, load_rubric


def _read_bytes(path: str) -> bytes:
    try:
        size = Path(path).stat().st_size
        if size > MAX_ASSESSMENT_BYTES:
            raise InputError(path, f"file is {size:,} bytes; the limit is 1 MB")
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None


def _rubric_ref(raw: bytes) -> RubricRef | None:
    """The file's rubric reference as written, before any checks (None when there is none to read)."""
    try:
        data = json.loads(raw)
        return RubricRef.model_validate(data["rubric"])
    except (ValueError, TypeError, KeyError, RecursionError):
        return None


def read_comparable(rubric: Rubric, old_path: str, new_path: str) -> tuple[Assessment, Assessment]:
    """Both files, read and checked: one company, one rubric and version (InputError otherwise).

    The rubric references are compared first, so two files of different rubric versions are told to
    migrate rather than that one of them does not fit this tool.
    """
    old_raw, new_raw = _read_bytes(old_path), _read_bytes(new_path)
    old_ref, new_ref = _rubric_ref(old_raw), _rubric_ref(new_raw)
    if old_ref is not None and new_ref is not None:
        check_same_rubric(old_ref, new_ref, old_path, new_path)
    old = parse_assessment(old_raw, rubric, old_path)
    new = parse_assessment(new_raw, rubric, new_path)
    check_comparable(old, new, old_path, new_path)
    return old, new


def _signed(value: object) -> str:
    return "n/a" if value is None else f"{value:+.1f}"


def print_comparison(data: dict) -> None:
    o = data["overall"]
    print(f"Overall: {o['old']} -> {o['new']} ({_signed(o['delta'])}); level {data['level']['old']}"
          f" -> {data['level']['new']}")
    print("\nPrinciples:")
    for p in data["principles"]:
        print(f"  {_signed(p['delta']):>6}  {p['id']} ({p['old']} -> {p['new']})")
    print(f"\nGaps closed: {', '.join(data['gaps_closed']) or 'none'}")
    print(f"Gaps opened: {', '.join(data['gaps_opened']) or 'none'}")
    print(f"Answers changed: {len(data['answers_changed'])}")
    for a in data["answers_changed"]:
        print(f"  {a['question']}: {a['old'] or '(unanswered)'} -> {a['new'] or '(unanswered)'}")
    if data["actions_done"]:
        print(f"Action-plan items done: {', '.join(data['actions_done'])}")
    if data["actions_closed"]:
        print(f"Planned actions closed with their gap: {', '.join(data['actions_closed'])}")


def cmd_compare(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    old, new = read_comparable(rubric, args.old, args.new)
    data = comparison_to_dict(compare(rubric, old, new))
    if args.json:
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_comparison(data)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="what changed between two assessments of one company",
                       description="Compare an earlier assessment file with a later one of the same company and"
                                   " rubric version: score and principle deltas, gaps closed and opened,"
                                   " answers changed.")
    p.add_argument("old", help="the earlier assessment JSON file")
    p.add_argument("new", help="the later assessment JSON file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_compare)

"""`assessment whatif FILE --fix GAP [--fix GAP ...] [--json]`: the score and level range if gaps were fixed.

The questions a fix makes apply have no answers yet, so the result is a range (every such question at
its worst choice, then at its best), never one inflated number. Registered by `cli.main`.
"""

from __future__ import annotations

import argparse
import json
import sys

from assessment.answers import read_assessment
from assessment.errors import InputError
from assessment.rubric import Rubric, load_rubric
from assessment.scoring import Result, choices_of, score
from assessment.verdict import level_label
from assessment.whatif import WhatIf, open_questions_text, shown, shown_change, what_if


def _level(result: Result) -> dict[str, str]:
    return {"id": result.level.id, "label": result.level.label}


def whatif_to_dict(rubric: Rubric, outcome: WhatIf) -> dict[str, object]:
    """The stable JSON shape of `assessment whatif --json`; scripts rely on it."""
    return {
        "rubric": {"id": rubric.id, "version": rubric.version},
        "fix": list(outcome.picked),
        "before": {"overall": shown(outcome.base.overall), "level": _level(outcome.base)},
        "overall": {"low": shown(outcome.low.overall), "high": shown(outcome.high.overall)},
        "level": {"low": _level(outcome.low), "high": _level(outcome.high)},
        "new_questions": list(outcome.new_questions),
        "assumed": {a.question: a.choice for a in outcome.assumed},
        "closed": list(outcome.closed),
    }


def check_fixes(source: str, rubric: Rubric, result: Result, picked: list[str]) -> None:
    """Raise InputError for a gap id the rubric does not know or the assessment does not have."""
    known = {r.id for r in rubric.gap_rules}
    has = [g.id for g in result.gaps]
    for gap_id in picked:
        if gap_id not in known:
            raise InputError(source, f"--fix {gap_id}: no such gap in rubric {rubric.id}"
                                     f" (this assessment's gaps: {', '.join(has) or 'none'})")
        if gap_id not in has:
            raise InputError(source, f"--fix {gap_id}: this assessment does not have that gap"
                                     f" (its gaps: {', '.join(has) or 'none'})")


def _range_text(low: float, high: float, sign: str = "") -> str:
    return f"{low:{sign}.1f}" if low == high else f"{low:{sign}.1f} to {high:{sign}.1f}"


def print_whatif(rubric: Rubric, name: str, outcome: WhatIf) -> None:
    base, low, high = outcome.base, outcome.low, outcome.high
    print(f"{name}: now {shown(base.overall):.1f}/100, level {level_label(base)}")
    low_label, high_label = level_label(low), level_label(high)
    levels = low_label if low_label == high_label else f"{low_label} to {high_label}"
    change = _range_text(shown_change(base.overall, low.overall), shown_change(base.overall, high.overall), "+")
    print(f"Fixing {', '.join(outcome.picked)}: {_range_text(shown(low.overall), shown(high.overall))}/100"
          f" ({change}), level {levels}")
    for a in outcome.assumed:
        print(f"  assumes {a.question} = {a.choice} (now {a.before or 'not answered'})")
    if outcome.new_questions:
        principles = dict.fromkeys(rubric.question_index[q][0].title for q in outcome.new_questions)
        print(f"  {open_questions_text(outcome)} ({'; '.join(principles)}):"
              " the range has them all at their worst and at their best answer")


def cmd_whatif(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    assessment = read_assessment(args.file, rubric)
    choices = choices_of(assessment)
    picked = list(dict.fromkeys(args.fix))
    check_fixes(str(args.file), rubric, score(rubric, choices), picked)
    outcome = what_if(rubric, choices, picked)
    if args.json:
        json.dump(whatif_to_dict(rubric, outcome), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_whatif(rubric, assessment.company.name or "(unnamed company)", outcome)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("whatif", help="the score and level range if some gaps were fixed",
                       description="Score an assessment as if the named gaps were fixed. Questions the fixes make"
                                   " apply are unanswered, so the score is a range: all of them at their worst"
                                   " answer, and at their best. The file is not changed.")
    p.add_argument("file", help="assessment JSON file")
    p.add_argument("--fix", action="append", required=True, metavar="GAP",
                   help="id of a gap to fix (as in `assessment score FILE --json`); repeat for several")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=cmd_whatif)

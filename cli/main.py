"""The `assessment` command: its parser, and one registered module per command group.

Exit 0 on success, 2 on bad input with one line on stderr naming the file and the problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from assessment.errors import InputError
from assessment.rubric import DEFAULT_RUBRIC
from cli import assessments, badge, prefill, progress, report, whatif, workshop

EXIT_OK = 0
EXIT_BAD_INPUT = 2

# The command groups, in the order `assessment --help` lists them; each has `register(subparsers)`.
COMMAND_GROUPS = (assessments, whatif, report, prefill, badge, progress, workshop)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assessment", description="Open LLM Readiness assessment tools.")
    parser.add_argument("--rubric", default=str(DEFAULT_RUBRIC), help="rubric YAML file (default: %(default)s)")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in COMMAND_GROUPS:
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

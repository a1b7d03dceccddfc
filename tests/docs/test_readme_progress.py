"""The README's progress section states the compare contract the command prints, and its commands run."""

from __future__ import annotations

import re

from assessment.answers import read_assessment
from assessment.progress.compare import compare, comparison_to_dict
from cli.main import build_parser
from tests.conftest import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text()
SECTION = README[README.index("## Progress over time and the one-page brief"):README.index("## Code map")]


def test_every_compare_key_is_documented(rubric) -> None:
    a = read_assessment(EXAMPLES / "harbor-legal-ai.json", rubric)
    keys = set(comparison_to_dict(compare(rubric, a, a)))
    documented = set(re.findall(r"`([a-z_]+)", SECTION))
    assert keys - documented == set()


def test_the_commands_in_the_readme_parse() -> None:
    parser = build_parser()
    for line in ("compare OLD.json NEW.json --json", "report NEW --since OLD -o report.pdf",
                 "report FILE --brief -o brief.pdf", "workshop rerun ID --name NAME --base-url URL --json"):
        assert f"assessment {line.split()[0]}" in README
        parser.parse_args(line.split())

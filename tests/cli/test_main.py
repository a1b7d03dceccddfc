"""The command line, as a script would use it: exit codes, stdout JSON, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assessment.rubric import Rubric
from cli.main import main
from tests.conftest import EXAMPLES, ROOT


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_questions_json(capsys: pytest.CaptureFixture[str], rubric: Rubric) -> None:
    code, out, _ = run(capsys, "questions", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["rubric"]["id"] == rubric.id and data["rubric"]["version"] == rubric.version
    assert len(data["questions"]) == len(rubric.questions)
    q = data["questions"][0]
    assert {"id", "pillar", "principle", "text", "choices"} <= set(q)
    assert q["choices"][-1] == {"id": "dont-know", "label": "Don't know", "score": 0, "dont_know": True}


def test_questions_text_is_grouped(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "questions")
    assert code == 0
    assert out.index("== Requirements ==") < out.index("-- Have a niche --") < out.index("== Actions ==")
    assert "[weights-released]" in out


def test_score_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", str(EXAMPLES / "nimbus-foundation-lab.json"), "--json")
    data = json.loads(out)
    assert code == 0 and err == ""
    assert data["level"]["id"] == "emerging" and data["level"]["label"] == "Emerging"
    assert data["level"]["capped_by"] == ["no-niche"]
    assert {"overall", "pillars", "principles", "completeness", "dont_know", "gaps"} <= set(data)
    assert data["gaps"][0] == {**data["gaps"][0], "id": "no-niche", "severity": "critical", "principle": "niche"}
    severities = [g["severity"] for g in data["gaps"]]
    order = ["critical", "high", "medium", "low"]
    assert severities == sorted(severities, key=order.index)


@pytest.mark.parametrize(("example", "expected"), [
    ("nimbus-foundation-lab", ["no-niche"]),
    ("closedwater-api", ["weights-not-released", "no-community-team"]),
    ("harbor-legal-ai", []),
])
def test_score_json_names_the_focus(capsys: pytest.CaptureFixture[str], example: str, expected: list[str]) -> None:
    code, out, _ = run(capsys, "score", str(EXAMPLES / f"{example}.json"), "--json")
    data = json.loads(out)
    assert code == 0 and data["focus"] == expected
    assert set(data["focus"]) <= {g["id"] for g in data["gaps"]}


def test_score_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", str(EXAMPLES / "closedwater-api.json"))
    assert code == 0
    assert "Closedwater API Inc. (fictional): 44.5/100, level Emerging" in out
    assert "[blocked by weights-not-released]" in out
    assert "Start with: weights-not-released, no-community-team" in out


def test_validate_rubric(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate-rubric", str(ROOT / "rubrics" / "open-llm-playbook.yaml"))
    assert code == 0 and ": ok (open-llm-playbook" in out


@pytest.mark.parametrize("kind", ["rubric", "assessment"])
def test_schema(capsys: pytest.CaptureFixture[str], kind: str) -> None:
    code, out, _ = run(capsys, "schema", kind)
    schema = json.loads(out)
    assert code == 0
    assert ("gap_rules" if kind == "rubric" else "answers") in schema["properties"]


BAD_INPUT = [
    (["score", "missing.json"], "missing.json: cannot read file"),
    (["validate-rubric", "README.md"], "README.md: invalid YAML at line"),
    (["validate-rubric", str(EXAMPLES / "harbor-legal-ai.json")], "harbor-legal-ai.json: id: Field required;"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_bad_input_exit_2_one_line(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_bad_assessment_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "a.json"
    bad.write_text('{"format_version": 1, "rubric": {"id": "open-llm-playbook", "version": "1.0.0"},'
                   ' "answers": {"ghost": {"choice": "yes"}}}')
    code, _, err = run(capsys, "score", str(bad))
    assert code == 2
    assert err.strip() == f"error: {bad}: answers.ghost: unknown question id 'ghost'"


def test_python_dash_m_works_the_same() -> None:
    proc = subprocess.run([sys.executable, "-m", "assessment", "score", "nope.json"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: nope.json: cannot read file (No such file or directory)"


def _few_answers(rubric: Rubric, tmp_path: Path, count: int) -> Path:
    """An assessment with `count` real answers (the best choice of the first questions)."""
    from assessment.answers import dump_assessment
    from tests.conftest import best_choices
    from tests.reports.report_helpers import assessment_with

    choices = dict(list(best_choices(rubric).items())[:count])
    path = tmp_path / "few.json"
    path.write_text(dump_assessment(assessment_with(rubric, choices, name="Early Co")), encoding="utf-8")
    return path


def test_score_text_withholds_score_and_level_from_a_handful_of_answers(
        capsys: pytest.CaptureFixture[str], rubric: Rubric, tmp_path: Path) -> None:
    from assessment.answers import read_assessment
    from assessment.scoring import score_assessment

    path = _few_answers(rubric, tmp_path, 2)
    code, out, _ = run(capsys, "score", str(path))
    result = score_assessment(rubric, read_assessment(path, rubric))
    n = result.answers_to_score
    assert code == 0 and n > 0
    first = out.split("\nPillars:")[0]
    assert first.startswith("Early Co: No score or level yet\n")
    assert (f"2 of {result.total} questions answered: too few for a score to mean anything. Both appear,"
            f" as a provisional result, once {n} more questions have a real answer.") in first
    assert "/100" not in out and "/ 100" not in out
    assert not any(level.label in first for level in rubric.levels)
    code, out, _ = run(capsys, "score", str(path), "--json")
    data = json.loads(out)  # the JSON keeps every key; `score_shown` says not to show them
    assert data["score_shown"] is False and data["answers_to_score"] == n
    assert "overall" in data and "label" in data["level"]


def test_score_text_shows_score_and_level_once_enough_is_answered(
        capsys: pytest.CaptureFixture[str], rubric: Rubric, tmp_path: Path) -> None:
    path = _few_answers(rubric, tmp_path, len(rubric.questions))
    code, out, _ = run(capsys, "score", str(path))
    assert code == 0 and out.startswith("Early Co: 100.0/100, level Leading\n")
    code, out, _ = run(capsys, "score", str(path), "--json")
    assert json.loads(out)["score_shown"] is True and json.loads(out)["answers_to_score"] == 0

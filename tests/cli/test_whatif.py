"""`assessment whatif FILE --fix GAP ... [--json]`: the range contract, and a clear line for a wrong gap."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment.rubric import Rubric
from cli.main import main
from tests.conftest import EXAMPLES

CLOSED = str(EXAMPLES / "closedwater-api.json")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract(capsys: pytest.CaptureFixture[str], rubric: Rubric) -> None:
    before = Path(CLOSED).read_bytes()
    code, out, err = run(capsys, "whatif", CLOSED, "--fix", "weights-not-released", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert {"overall", "level", "new_questions", "assumed"} <= set(data)
    assert data["overall"] == {"low": 51.0, "high": 92.1}
    assert data["level"] == {"low": {"id": "emerging", "label": "Emerging"}, "high": {"id": "ready", "label": "Ready"}}
    assert len(data["new_questions"]) == 12 and "ce-collection" in data["new_questions"]
    assert data["assumed"] == {"weights-released": "open"}
    assert data["before"] == {"overall": 44.5, "level": {"id": "emerging", "label": "Emerging"}}
    assert Path(CLOSED).read_bytes() == before  # the file is not changed


def test_several_fixes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "whatif", CLOSED, "--fix", "weights-not-released", "--fix", "no-community-team",
                       "--json")
    data = json.loads(out)
    assert code == 0 and data["fix"] == ["weights-not-released", "no-community-team"]
    assert data["assumed"] == {"community-people": "dedicated", "weights-released": "open"}
    assert data["level"]["high"]["id"] == "leading"


def test_text_output_names_the_range_and_the_new_questions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "whatif", CLOSED, "--fix", "weights-not-released")
    assert code == 0
    assert "Fixing weights-not-released: 51.0 to 92.1/100 (+6.5 to +47.6), level Emerging to Ready" in out
    assert "12 questions would then be asked (Release the model weights; Crowdsourced evaluations" in out
    code, out, _ = run(capsys, "whatif", str(EXAMPLES / "early-draft-partial.json"), "--fix", "no-compute")
    assert "now 81.7/100" in out and "87.7/100 (+6.0)" in out  # the figures add up


@pytest.mark.parametrize(("gap", "message"), [
    ("nope", "--fix nope: no such gap in rubric open-llm-playbook"
             " (this assessment's gaps: weights-not-released, no-community-team)"),
    ("no-niche", "--fix no-niche: this assessment does not have that gap"
                 " (its gaps: weights-not-released, no-community-team)"),
])
def test_a_wrong_gap_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], gap: str, message: str) -> None:
    code, out, err = run(capsys, "whatif", CLOSED, "--fix", gap, "--json")
    assert code == 2 and out == ""
    assert err == f"error: {CLOSED}: {message}\n"


def test_fixing_an_unconfirmed_gap_spans_the_dont_know_answers_it_makes_count(capsys: pytest.CaptureFixture[str],
                                                                              rubric: Rubric) -> None:
    """All "don't know": the release follow-ups are asked (a don't-know hides nothing) but nobody knows them;
    once the weights are out they count, so the what-if is a range over them, not one number."""
    dont_know = str(EXAMPLES / "all-dont-know.json")
    code, out, _ = run(capsys, "whatif", dont_know, "--fix", "weights-not-released", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["overall"]["low"] < data["overall"]["high"]
    assert {"weights-hub", "ce-collection", "pr-hiring-pitch"} <= set(data["new_questions"])
    assert "weights-released" not in data["new_questions"]  # the answer the fix assumes is not open
    code, out, _ = run(capsys, "whatif", dont_know, "--fix", "weights-not-released")
    assert "now 0.0/100, level Not enough known to judge" in out
    assert f'{len(data["new_questions"])} "don\'t know" answers would then matter' in out


def test_score_text_says_real_answers_and_dont_know_apart(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", str(EXAMPLES / "all-dont-know.json"))
    assert code == 0
    assert out.startswith("Unknown Co. (fictional): Not enough known to judge\n")  # no score from no real answer
    assert "/100" not in out
    assert "0 of 34 questions answered, 34 don't know" in out and "(100%)" not in out
    assert "No confirmed gaps." in out
    assert "To confirm" in out and "no-niche: Nobody could say whether there is a niche\n" in out

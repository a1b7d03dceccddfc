"""A malformed rubric is rejected with the file and the key path of every problem."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from assessment.errors import InputError
from assessment.rubric import DEFAULT_RUBRIC, read_rubric

BASE: dict[str, Any] = yaml.safe_load(DEFAULT_RUBRIC.read_text())


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _mutated(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    change(data)
    return data


def _dup_choice(d: dict) -> None:
    q = d["principles"][2]["questions"][1]
    q["choices"][1]["id"] = q["choices"][0]["id"]


def _dup_question(d: dict) -> None:
    d["principles"][1]["questions"][0]["id"] = d["principles"][0]["questions"][0]["id"]


def _unknown_pillar(d: dict) -> None:
    d["principles"][4]["pillar"] = "nowhere"


def _rule_unknown_question(d: dict) -> None:
    d["gap_rules"][0]["when"] = {"answer": {"question": "no-such-question", "choices": ["no"]}}


def _rule_unknown_choice(d: dict) -> None:
    d["gap_rules"][1]["when"] = {"answer": {"question": "niche-monetization", "choices": ["maybe"]}}


def _empty_choices(d: dict) -> None:
    d["principles"][0]["questions"][0]["choices"] = []


def _zero_weight(d: dict) -> None:
    d["principles"][3]["weight"] = 0


def _unordered_levels(d: dict) -> None:
    d["levels"][2]["min_score"] = 10


def _unknown_key(d: dict) -> None:
    d["principles"][0]["questions"][2]["hint"] = "misspelt help"


def _two_keys_in_condition(d: dict) -> None:
    d["gap_rules"][0]["when"] = {
        "answer": {"question": "niche-objective", "choices": ["no"]},
        "principle_below": {"principle": "niche", "score": 10},
    }


def _unknown_block(d: dict) -> None:
    d["gap_rules"][0]["blocks"] = ["nope"]
    d["gap_rules"][0]["unblock"] = "x"


def _bad_severity(d: dict) -> None:
    d["gap_rules"][0]["severity"] = "urgent"


def _too_many_actions(d: dict) -> None:
    d["gap_rules"][0]["actions"] = ["a", "b", "c", "d", "e"]


CASES = [
    (_dup_choice, "principles[2].questions[1].choices: duplicate id 'yes'"),
    (_dup_question, "duplicate question id 'niche-objective'"),
    (_unknown_pillar, "principles[4].pillar: unknown pillar 'nowhere'"),
    (_rule_unknown_question, "gap_rules[0].when.answer.question: unknown question 'no-such-question'"),
    (_rule_unknown_choice, "gap_rules[1].when.answer.choices[0]: question 'niche-monetization' has no choice 'maybe'"),
    (_empty_choices, "principles[0].questions[0].choices: Tuple should have at least 2 items"),
    (_zero_weight, "principles[3].weight: Input should be greater than 0"),
    (_unordered_levels, "levels: thresholds must be strictly increasing"),
    (_unknown_key, "principles[0].questions[2].hint: unknown key"),
    (_two_keys_in_condition, "gap_rules[0].when: a condition needs exactly one of"),
    (_unknown_block, "gap_rules[0].blocks[0]: unknown principle 'nope'"),
    (_bad_severity, "gap_rules[0].severity: Input should be 'critical', 'high', 'medium' or 'low'"),
    (_too_many_actions, "gap_rules[0].actions: Tuple should have at most 4 items"),
]


@pytest.mark.parametrize(("change", "message"), CASES, ids=[c[0].__name__ for c in CASES])
def test_problem_is_named_with_file_and_key_path(tmp_path: Path, change: Any, message: str) -> None:
    path = _write(tmp_path, _mutated(change))
    with pytest.raises(InputError) as info:
        read_rubric(path)
    text = str(info.value)
    assert text.startswith(f"{path}: ")
    assert message in text
    assert "\n" not in text


def test_the_unchanged_rubric_is_valid(tmp_path: Path) -> None:
    assert read_rubric(_write(tmp_path, BASE)).id == "open-llm-playbook"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"principles: [unclosed", "invalid YAML at line"),
        (b"\xff\xfe\x00binary", "not a UTF-8 text file"),
        (b"- a list\n- not a mapping\n", "a rubric must be a mapping"),
        (b"", "a rubric must be a mapping"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_rubric(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read file"):
        read_rubric(tmp_path / "absent.yaml")

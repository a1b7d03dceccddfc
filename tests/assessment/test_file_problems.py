"""Each class of bad assessment file is named, so the app can lead with a plain sentence."""

from __future__ import annotations

import json

import pytest

from assessment.answers import dump_assessment, new_assessment, parse_assessment
from assessment.errors import InputError
from assessment.file_problems import PROBLEMS, UNCLASSIFIED, plain_problem
from assessment.rubric import Rubric


def _good(rubric: Rubric) -> dict:
    return json.loads(dump_assessment(new_assessment(rubric, name="Acme")))


def _changed(rubric: Rubric, change) -> bytes:
    data = _good(rubric)
    change(data)
    return json.dumps(data).encode()


CASES = {
    "too-large": lambda r: b" " * 1_000_001,
    "not-text": lambda r: bytes(range(256)),
    "not-json": lambda r: b"{ nope",
    "not-assessment": lambda r: b'{"hello": "world"}',
    "bad-values": lambda r: _changed(r, lambda d: d["company"].update(name="x" * 300)),
    "newer-format": lambda r: _changed(r, lambda d: d.update(format_version=99)),
    "old-format": lambda r: _changed(r, lambda d: d.update(format_version=-1)),
    "other-rubric": lambda r: _changed(r, lambda d: d["rubric"].update(id="other")),
    "rubric-version": lambda r: _changed(r, lambda d: d["rubric"].update(version="0.0.1")),
    "unknown-answers": lambda r: _changed(r, lambda d: d["answers"].update({"nope": {"choice": "x"}})),
    "workbench": lambda r: _changed(r, lambda d: d.update(workbench={"no-such-section": 1})),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_bad_file_is_classified(rubric: Rubric, kind: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_assessment(CASES[kind](rubric), rubric, "f.json")
    assert caught.value.kind == kind
    assert plain_problem(caught.value) == PROBLEMS[kind]
    assert caught.value.message  # the precise message is kept


def test_every_class_has_a_case_and_unclassified_errors_get_a_general_sentence() -> None:
    assert set(CASES) == set(PROBLEMS)
    assert plain_problem(InputError("x", "something")) == UNCLASSIFIED


@pytest.mark.parametrize(("raw", "kind"), [
    (b"[1, 2]", "not-assessment"),
    (b'{"format_version": "one"}', "not-assessment"),
    (b'{"format_version": 1, "rubric": {"id": "x"}}', "not-assessment"),  # an incomplete rubric reference
])
def test_other_json_is_not_an_assessment(rubric: Rubric, raw: bytes, kind: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_assessment(raw, rubric, "f.json")
    assert caught.value.kind == kind

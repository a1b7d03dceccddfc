"""Importing a saved JSON file: each kind of bad file gets a clear message, and nothing changes."""

from __future__ import annotations

import json

import pytest

from assessment.answers import Answer, dump_assessment, new_assessment
from tests.ui.conftest import run, text_of


def uploader(at):
    return at.file_uploader[0]


def good_file(rubric, examples) -> bytes:
    return dump_assessment(examples["nimbus-foundation-lab"]).encode()


def with_changes(raw: bytes, change) -> bytes:
    data = json.loads(raw)
    change(data)
    return json.dumps(data).encode()


def bad_files(rubric, examples) -> dict[str, tuple[bytes, str]]:
    good = good_file(rubric, examples)
    return {
        "not JSON": (b"{ this is not json", "not valid JSON (line 1, column 3"),
        "binary": (bytes(range(256)) * 4, "not a UTF-8 text file (is it a binary file?)"),
        "over 1 MB": (b" " * 1_000_001 + b"{}", "file is 1,000,003 bytes; the limit is 1 MB"),
        "wrong format": (b'{"hello": "world"}', "rubric: Field required"),
        "a list, not an object": (b"[1, 2, 3]", "an assessment must be a JSON object at the top level"),
        "newer format": (with_changes(good, lambda d: d.update(format_version=99)), "format_version 99 is newer"),
        "wrong rubric version": (
            with_changes(good, lambda d: d["rubric"].update(version="0.1.0")),
            "this assessment was made with rubric version 0.1.0",
        ),
        "unknown question id": (
            with_changes(good, lambda d: d["answers"].update({"no-such-question": {"choice": "yes"}})),
            "unknown question id 'no-such-question'",
        ),
        "unknown choice id": (
            with_changes(good, lambda d: d["answers"].update({"niche-objective": {"choice": "maybe"}})),
            "unknown choice 'maybe'",
        ),
    }


KINDS = ["not JSON", "binary", "over 1 MB", "wrong format", "a list, not an object", "newer format",
         "wrong rubric version", "unknown question id", "unknown choice id"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_file_gets_a_clear_message_and_nothing_changes(kind, open_app, store, rubric, examples):
    raw, message = bad_files(rubric, examples)[kind]
    question = rubric.questions[0]
    current = new_assessment(rubric, name="Current Co").model_copy(
        update={"answers": {question.id: Answer(choice=question.choices[0].id, evidence="kept")}}
    )
    at, token = open_app(current)
    run(uploader(at).upload("broken.json", raw, "application/json"))
    error = text_of(at.error)
    assert error.startswith("Could not import broken.json: "), error
    assert message in error
    assert at.query_params["a"] == token
    assert at.session_state["olr-token"] == token
    assert at.session_state["olr-assessment"] == current
    assert store.load(token).assessment == current
    assert not at.success


def test_a_good_file_opens_as_a_new_assessment_and_the_old_one_stays(open_app, store, rubric, examples):
    at, old_token = open_app(new_assessment(rubric, name="Current Co"))
    run(uploader(at).upload("nimbus.json", good_file(rubric, examples), "application/json"))
    assert not at.error
    assert "Imported nimbus.json: " in text_of(at.success)
    new_token = at.query_params["a"]
    assert new_token != old_token
    assert store.load(new_token).assessment == examples["nimbus-foundation-lab"]
    assert store.load(old_token).assessment.company.name == "Current Co"
    assert at.session_state["olr-assessment"] == examples["nimbus-foundation-lab"]


def test_file_names_are_shown_literally(open_app, rubric):
    at, _ = open_app(new_assessment(rubric))
    run(uploader(at).upload("*bold* [x](y).json", b"nope", "application/json"))
    assert "\\*bold\\* \\[x\\]\\(y\\)\\.json" in at.error[0].value

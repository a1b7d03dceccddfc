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


def bad_files(rubric, examples) -> dict[str, tuple[bytes, str, str]]:
    """Each kind of bad file: its bytes, the plain sentence shown first, and the precise message."""
    good = good_file(rubric, examples)
    return {
        "not JSON": (b"{ this is not json", "The file is not valid JSON.", "not valid JSON (line 1, column 3"),
        "binary": (bytes(range(256)) * 4, "The file is not a text file, so it is not an assessment file from this app.",
                   "not a UTF-8 text file (is it a binary file?)"),
        "over 1 MB": (b" " * 1_000_001 + b"{}", "The file is larger than any assessment file from this app.",
                      "file is 1,000,003 bytes; the limit is 1 MB"),
        "wrong format": (b'{"hello": "world"}', "This is not an assessment file from this app.",
                         "rubric: Field required; hello: unknown key"),
        "a list, not an object": (b"[1, 2, 3]", "This is not an assessment file from this app.",
                                  "an assessment must be a JSON object at the top level"),
        "newer format": (with_changes(good, lambda d: d.update(format_version=99)),
                         "This file was made with a newer version of this app.", "format_version 99 is newer"),
        "wrong rubric version": (
            with_changes(good, lambda d: d["rubric"].update(version="0.1.0")),
            "This file was made with another version of the questionnaire.",
            "this assessment was made with rubric version 0.1.0",
        ),
        "another rubric": (
            with_changes(good, lambda d: d["rubric"].update(id="some-other-rubric")),
            "This file is an assessment for another questionnaire.",
            "this assessment is for rubric 'some-other-rubric'",
        ),
        "unknown question id": (
            with_changes(good, lambda d: d["answers"].update({"no-such-question": {"choice": "yes"}})),
            "This file has answers that do not fit this questionnaire.",
            "unknown question id 'no-such-question'",
        ),
        "unknown choice id": (
            with_changes(good, lambda d: d["answers"].update({"niche-objective": {"choice": "maybe"}})),
            "This file has answers that do not fit this questionnaire.",
            "unknown choice 'maybe'",
        ),
        "a bad value": (
            with_changes(good, lambda d: d["company"].update(name="x" * 300)),
            "This assessment file has values the app cannot accept (was it edited by hand?).",
            "company.name: String should have at most 200 characters",
        ),
    }


KINDS = ["not JSON", "binary", "over 1 MB", "wrong format", "a list, not an object", "newer format",
         "wrong rubric version", "another rubric", "unknown question id", "unknown choice id", "a bad value"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_file_gets_a_plain_message_then_the_details_and_nothing_changes(kind, open_app, store, rubric,
                                                                               examples):
    raw, plain, detail = bad_files(rubric, examples)[kind]
    question = rubric.questions[0]
    current = new_assessment(rubric, name="Current Co").model_copy(
        update={"answers": {question.id: Answer(choice=question.choices[0].id, evidence="kept")}}
    )
    at, token = open_app(current)
    run(uploader(at).upload("broken.json", raw, "application/json"))
    error = text_of(at.error)
    first, details, unchanged = error.split("  \n")
    assert first == f"**Could not import broken.json: {plain}**"
    assert details.startswith("Details: ") and detail in details
    assert unchanged == "The assessment you had open is unchanged."
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

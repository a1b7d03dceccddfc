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
        "a 5000-digit integer": (
            good.replace(b'"format_version": 2', b'"format_version": ' + b"9" * 5000, 1),
            "This assessment file has values the app cannot accept (was it edited by hand?).",
            "a number with 5,000 digits (at most 30 are accepted)",
        ),
        "a duplicate key": (
            good.replace(b'"format_version": 2', b'"format_version": 2, "format_version": 2', 1),
            "This assessment file has values the app cannot accept (was it edited by hand?).",
            "duplicate key 'format_version'",
        ),
        "an unknown action-plan key": (
            with_changes(good, lambda d: d.update(action_plan={"no-such-gap:0": {"owner": "CEO"}})),
            "This file has answers that do not fit this questionnaire.",
            "action_plan.no-such-gap:0: unknown action",
        ),
        "too large once saved": (
            too_large_once_saved(rubric, good),
            "The file is larger than any assessment file from this app.",
            "bytes as a file; the limit is 1 MB",
        ),
    }


def too_large_once_saved(rubric, good: bytes) -> bytes:
    """Under 1 MB as given (compact, fields left out), over 1 MB as the app would save it."""
    data = json.loads(good)
    data["answers"] = {q.id: {"choice": q.choices[0].id} for q in rubric.questions}
    notes = [q.id for q in rubric.questions[:11]]
    for qid in notes:
        data["answers"][qid]["evidence"] = "n" * 90_000
    raw = json.dumps(data, separators=(",", ":")).encode()
    data["answers"][notes[-1]]["evidence"] += "n" * (999_990 - len(raw))
    raw = json.dumps(data, separators=(",", ":")).encode()
    assert len(raw) == 999_990
    return raw


KINDS = ["not JSON", "binary", "over 1 MB", "wrong format", "a list, not an object", "newer format",
         "wrong rubric version", "another rubric", "unknown question id", "unknown choice id", "a bad value",
         "a 5000-digit integer", "a duplicate key", "an unknown action-plan key", "too large once saved"]


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


def test_a_file_with_a_utf8_byte_order_mark_imports(open_app, store, rubric, examples):
    at, _ = open_app(new_assessment(rubric, name="Current Co"))
    run(uploader(at).upload("bom.json", b"\xef\xbb\xbf" + good_file(rubric, examples), "application/json"))
    assert not at.error
    assert store.load(at.query_params["a"]).assessment == examples["nimbus-foundation-lab"]


def test_file_names_are_shown_literally(open_app, rubric):
    at, _ = open_app(new_assessment(rubric))
    run(uploader(at).upload("*bold* [x](y).json", b"nope", "application/json"))
    assert "\\*bold\\* \\[x\\]\\(y\\)\\.json" in at.error[0].value


def rubric_1_0_0_file(examples) -> bytes:
    """A file saved under rubric 1.0.0: one answer whose choice 2.0.0 dropped, with a note, and a plan entry
    of a gap that was split."""
    data = json.loads(dump_assessment(examples["closedwater-api"]))
    data["rubric"]["version"] = "1.0.0"
    data.pop("upgrades")
    data["answers"]["weights-cadence"] = {"choice": "never", "evidence": "We *never* shipped weights"}
    data["action_plan"] = {"no-compute-or-runway:1": {"owner": "CTO", "due": None, "done": False}}
    return json.dumps(data).encode()


def test_a_file_of_the_previous_rubric_opens_and_says_once_what_did_not_carry_over(open_app, store, rubric,
                                                                                   examples):
    at, _ = open_app(new_assessment(rubric, name="Current Co"))
    run(uploader(at).upload("old.json", rubric_1_0_0_file(examples), "application/json"))
    assert not at.error
    note = text_of(at.warning)
    assert "Imported old.json" in note
    assert "version 1.0.0 of the questionnaire and now uses version 2.0.0" in note
    assert "We *never* shipped weights" in note  # the typed note, word for word
    assert "We \\*never\\* shipped weights" in at.warning[0].value  # and escaped: shown as typed
    assert "We have not released any" in note
    stored = store.load(at.query_params["a"]).assessment
    assert stored.rubric.version == rubric.version
    assert "weights-cadence" not in stored.answers
    assert stored.action_plan["no-runway:0"].owner == "CTO"  # moved with the split gap
    assert stored.upgrades[-1].seen and stored.upgrades[-1].dropped_answers[0].evidence == "We *never* shipped weights"
    assert {q: a.choice for q, a in stored.answers.items() if q != "weights-cadence"} == {
        q: a.choice for q, a in examples["closedwater-api"].answers.items()}
    run(at)  # shown once
    assert "version 1.0.0" not in text_of(at.warning)

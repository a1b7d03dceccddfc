"""The assessment file: every bad-input class gets a clear one-line message; good files round-trip."""

from __future__ import annotations

import json

import pytest

from assessment.answers import FORMAT_VERSION, Assessment, dump_assessment, new_assessment, parse_assessment
from assessment.errors import InputError
from assessment.rubric import Rubric


def _doc(rubric: Rubric, changes: dict) -> dict:
    doc = {
        "format_version": 1,
        "rubric": {"id": rubric.id, "version": rubric.version},
        "company": {"name": "Acme", "stage": "Seed", "niche": "x", "assessor": "me", "date": "2026-11-01"},
        "answers": {"niche-objective": {"choice": "written", "evidence": "doc"}},
    }
    doc.update(changes)
    return doc


def test_round_trip(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    for assessment in examples.values():
        again = parse_assessment(dump_assessment(assessment), rubric, "x.json")
        assert again == assessment


def test_new_assessment(rubric: Rubric) -> None:
    a = new_assessment(rubric, name="Zeta")
    assert a.rubric.version == rubric.version and a.company.name == "Zeta" and a.answers == {}


BAD = [
    ("not JSON", b"{nope", "not valid JSON (line 1, column 2"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xd8", "not a UTF-8 text file"),
    ("array", b"[1, 2]", "must be a JSON object"),
    ("too big", b'{"a": "' + b"x" * 1_000_001 + b'"}', "the limit is 1 MB"),
    ("nested too deeply", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("old format, answers a list", b'{"rubric": {"id": "open-llm-playbook", "version": "1.0.0"}, "answers": [1]}',
     "answers: Input should be a valid dictionary"),
    ("NUL in a note", b'{"format_version": 1, "rubric": {"id": "open-llm-playbook", "version": "1.0.0"},'
     b' "answers": {"niche-objective": {"choice": "written", "evidence": "a\\u0000b"}}}',
     "answers.niche-objective.evidence: text must not contain NUL characters"),
]


@pytest.mark.parametrize(("name", "raw", "message"), BAD, ids=[b[0] for b in BAD])
def test_unreadable(rubric: Rubric, name: str, raw: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_assessment(raw, rubric, "upload.json")
    assert str(info.value).startswith("upload.json: ")
    assert message in str(info.value)


INVALID = [
    ("unknown question", {"answers": {"nope": {"choice": "yes"}}}, "answers.nope: unknown question id 'nope'"),
    ("unknown choice", {"answers": {"niche-objective": {"choice": "maybe"}}},
     "answers.niche-objective.choice: unknown choice 'maybe'"),
    ("other rubric version", {"rubric": {"id": "open-llm-playbook", "version": "0.9"}},
     "made with rubric version 0.9, this tool has version"),
    ("other rubric", {"rubric": {"id": "another", "version": "1"}}, "is for rubric 'another'"),
    ("wrong type", {"answers": {"niche-objective": {"choice": 3}}}, "answers.niche-objective.choice: Input should be"),
    ("unknown key", {"extra": 1}, "extra: unknown key"),
    ("bad date", {"company": {"date": "yesterday"}}, "company.date:"),
    ("newer format", {"format_version": 9}, "format_version 9 is newer than this tool supports"),
    ("format not int", {"format_version": "1"}, "format_version: must be an integer"),
    ("missing rubric", {"rubric": None}, "rubric: Input should be"),
]


@pytest.mark.parametrize(("name", "changes", "message"), INVALID, ids=[i[0] for i in INVALID])
def test_invalid(rubric: Rubric, name: str, changes: dict, message: str) -> None:
    raw = json.dumps(_doc(rubric, changes))
    with pytest.raises(InputError) as info:
        parse_assessment(raw, rubric, "upload.json")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_format_0_is_migrated(rubric: Rubric) -> None:
    old = {"rubric": {"id": rubric.id, "version": rubric.version}, "profile": {"name": "Old Co"},
           "answers": {"niche-objective": "written"}}
    a = parse_assessment(json.dumps(old), rubric)
    assert a.format_version == FORMAT_VERSION
    assert a.company.name == "Old Co"
    assert a.answers["niche-objective"].choice == "written"


def test_control_characters_never_reach_a_name_or_an_owner() -> None:
    """Found by a breaker: ESC sequences in a company name cleared the terminal and forged an error line;
    CR/LF broke the PDF cover's name over lines."""
    from assessment.answers import ActionItem, Company

    company = Company(name="Evil\x1b[2J\x1b]0;pwned\x07\x1b[31mRED\nerror: forged line\r\rOK\u202e")
    assert company.name == "Evil[2J]0;pwned[31mRED error: forged line OK"
    assert ActionItem(owner="Ana\tBo\x9b1m").owner == "Ana Bo1m"
    assert Company(name="Zoë 你好 שלום").name == "Zoë 你好 שלום"  # letters of every script stay

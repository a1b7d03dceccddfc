"""Assessment files of an earlier rubric version, as a table: what is carried over, what goes into the note."""

from __future__ import annotations

import json

import pytest

from assessment.answers import dump_assessment, parse_assessment
from assessment.errors import InputError
from assessment.rubric import Rubric
from assessment.upgrade import upgrade_message


def _old(examples: dict, answers: dict, plan: dict | None = None, version: str = "1.0.0") -> str:
    data = json.loads(dump_assessment(examples["harbor-legal-ai"]))
    data["rubric"]["version"] = version
    data.pop("upgrades")
    data["answers"] = {q: {"choice": c, "evidence": f"note on {q}"} for q, c in answers.items()}
    data["action_plan"] = plan or {}
    return json.dumps(data)


# (old answers, kept as {question: choice}, dropped as [(question, old choice label)])
CASES = [
    ({"niche-objective": "written"}, {"niche-objective": "written"}, []),
    ({"niche-objective": "best-general"}, {"niche-objective": "best-general"}, []),  # same meaning, same id
    ({"weights-released": "older-only"}, {"weights-released": "older-only"}, []),
    ({"weights-cadence": "never"}, {}, [("weights-cadence", "We have not released any")]),
    ({"data-niche-release": "platform"}, {},
     [("data-niche-release", "Yes, but we sell training software or a platform, and open data shows what it does")]),
    ({"models-eval-breadth": "dont-know"}, {"models-eval-breadth": "dont-know"}, []),
]


@pytest.mark.parametrize(("answers", "kept", "dropped"), CASES)
def test_answers_carried_over_where_question_and_choice_still_exist(rubric: Rubric, examples: dict, answers: dict,
                                                                    kept: dict, dropped: list) -> None:
    upgraded = parse_assessment(_old(examples, answers), rubric)
    assert upgraded.rubric.version == rubric.version
    assert {q: a.choice for q, a in upgraded.answers.items()} == kept
    note = upgraded.upgrades[-1]
    assert [(a.question, a.choice_label) for a in note.dropped_answers] == dropped
    assert all(a.evidence == f"note on {a.question}" for a in note.dropped_answers)  # typed text kept
    assert note.answers_kept == len(kept)


def test_plan_entries_follow_a_split_gap_and_the_rest_is_kept_in_the_note(rubric: Rubric, examples: dict) -> None:
    plan = {"no-compute-or-runway:0": {"owner": "CEO"}, "no-compute-or-runway:1": {"owner": "CTO"},
            "no-niche:0": {"owner": "Founder"}, "no-niche:9": {"owner": "Nobody"}}
    upgraded = parse_assessment(_old(examples, {}, plan), rubric)
    assert {k: v.owner for k, v in upgraded.action_plan.items()} == {
        "no-compute:0": "CEO", "no-runway:0": "CTO", "no-niche:0": "Founder"}
    assert [(p.key, p.owner) for p in upgraded.upgrades[-1].dropped_plan] == [("no-niche:9", "Nobody")]


def test_the_note_says_what_was_kept_and_quotes_what_was_not(rubric: Rubric, examples: dict) -> None:
    upgraded = parse_assessment(_old(examples, {"niche-objective": "written", "weights-cadence": "never"}), rubric)
    message = upgrade_message(upgraded.upgrades[-1])
    assert message.startswith("This assessment was made with version 1.0.0 of the questionnaire and now uses"
                              f" version {rubric.version}: 1 answer carried over.")
    assert "\u201cWe have not released any\u201d. Your note: \u201cnote on weights-cadence\u201d" in message


@pytest.mark.parametrize(("answers", "version", "message"), [
    ({"ghost": "yes"}, "1.0.0", "answers.ghost: unknown question id 'ghost'"),  # unknown then as now
    ({"niche-objective": "maybe"}, "1.0.0", "answers.niche-objective.choice: unknown choice 'maybe'"),
    ({}, "0.9.0", "rubric.version: this assessment was made with rubric version 0.9.0"),
])
def test_what_was_never_valid_is_still_rejected(rubric: Rubric, examples: dict, answers: dict, version: str,
                                               message: str) -> None:
    with pytest.raises(InputError) as error:
        parse_assessment(_old(examples, answers, version=version), rubric)
    assert message in str(error.value)


def test_a_current_file_is_not_upgraded(rubric: Rubric, examples: dict) -> None:
    assert parse_assessment(dump_assessment(examples["harbor-legal-ai"]), rubric).upgrades == []

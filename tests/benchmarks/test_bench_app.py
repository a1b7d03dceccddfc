"""App speed (issue 4): one widget interaction on the questionnaire page, as an AppTest rerun.

The rerun is the whole round on the server: the answer's callback (autosave to a SQLite store),
the app script, the sidebar's live score and the questionnaire page. Target (checked by
`scripts/bench_check.py`, not here): median at most 40 ms on the reference machine.
"""

from __future__ import annotations

from itertools import cycle

from assessment.answers import new_assessment
from tests.ui.conftest import goto, open_app, radio_for, store  # noqa: F401 - fixtures

QUESTIONNAIRE = "ui/pages/questionnaire.py"


def test_bench_app_rerun(benchmark, rubric, store, open_app):  # noqa: F811
    at, token = open_app(new_assessment(rubric, name="Bench Co"), QUESTIONNAIRE)
    principle = rubric.principles[1]  # the largest principle: the most widgets on the page
    assert len(principle.questions) == max(len(p.questions) for p in rubric.principles)
    goto(at, rubric, principle.id)
    question = principle.questions[0]
    choices = cycle([question.choices[0].id, question.choices[1].id])

    def answer_once() -> None:
        radio_for(at, question.id).set_value(next(choices)).run()

    benchmark.pedantic(answer_once, rounds=60, iterations=1, warmup_rounds=5)
    assert not at.exception
    saved = store.load(token).assessment.answers[question.id].choice
    assert saved == radio_for(at, question.id).value

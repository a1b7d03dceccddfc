"""How a level is stated: firm, or provisional with the answers it rests on."""

from __future__ import annotations

from assessment.rubric import Rubric
from assessment.scoring import score
from assessment.verdict import answered_summary, level_label, provisional_detail
from tests.conftest import best_choices


def test_a_firm_result_is_stated_as_its_level(rubric: Rubric) -> None:
    result = score(rubric, best_choices(rubric))
    assert not result.provisional
    assert level_label(result) == result.level.label
    assert provisional_detail(result) == ""


def test_few_answers_make_a_provisional_label_with_the_counts(rubric: Rubric) -> None:
    best = best_choices(rubric)
    answers = {q.id: best[q.id] for q in rubric.questions[:5]}
    result = score(rubric, answers)
    assert result.provisional
    assert level_label(result) == f"Provisional: {result.level.label}"
    assert provisional_detail(result) == f"5 of {result.total} questions answered - the level may change."


def test_dont_know_answers_are_counted_apart_from_real_answers(rubric: Rubric) -> None:
    answers = {q.id: rubric.dont_know.id for q in rubric.questions}
    answers.update({q.id: best_choices(rubric)[q.id] for q in rubric.questions[:3]})
    result = score(rubric, answers)
    assert result.provisional  # every question answered, but mostly "don't know"
    assert result.answered == result.total
    assert level_label(result) == "Not enough known to judge"
    unknown = result.dont_know
    assert provisional_detail(result) == (
        f"3 of {result.total} questions answered, {unknown} don't know - the level may change."
    )
    assert answered_summary(result) == f"3 of {result.total} questions answered, {unknown} don't know"


def test_all_dont_know_is_never_100_percent_answered(rubric: Rubric) -> None:
    result = score(rubric, {q.id: rubric.dont_know.id for q in rubric.questions})
    assert answered_summary(result) == f"0 of {len(rubric.questions)} questions answered, 34 don't know"


def test_some_dont_know_still_judged(rubric: Rubric) -> None:
    answers = best_choices(rubric) | {"models-eval-moves": rubric.dont_know.id}
    result = score(rubric, answers)
    assert level_label(result) == result.level.label
    assert answered_summary(result).endswith(", 1 don't know")

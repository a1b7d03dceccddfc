"""Property tests (hypothesis) over the shipped rubric."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.rubric import load_rubric
from assessment.scoring import Result, score
from assessment.whatif import fix_gaps

RUBRIC = load_rubric()
LEVELS = [lv.id for lv in RUBRIC.levels]


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, str]:
    """Any subset of questions, each with any of its choices (don't know included)."""
    answers = {}
    for q in RUBRIC.questions:
        choice = draw(st.sampled_from([None, *[c.id for c in RUBRIC.choices_for(q)]]))
        if choice is not None:
            answers[q.id] = choice
    return answers


def _all_scores(result: Result) -> list[float | None]:
    return [result.overall, *(p.score for p in result.pillars), *(p.score for p in result.principles)]


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_scores_stay_between_0_and_100(answers: dict[str, str]) -> None:
    result = score(RUBRIC, answers)
    for value in _all_scores(result):
        assert value is None or 0 <= value <= 100
    assert 0 <= result.completeness <= 1
    assert result.dont_know <= result.answered <= result.total


@settings(max_examples=400, deadline=None)
@given(answer_sets(), st.data())
def test_improving_one_answer_never_lowers_any_score(answers: dict[str, str], data: st.DataObject) -> None:
    answered = sorted(answers)
    if not answered:
        return
    qid = data.draw(st.sampled_from(answered))
    _, question = RUBRIC.question_index[qid]
    choices = {c.id: c.score for c in RUBRIC.choices_for(question)}
    better = [c for c, s in choices.items() if s > choices[answers[qid]]]
    if not better:
        return
    before = score(RUBRIC, answers)
    after = score(RUBRIC, answers | {qid: data.draw(st.sampled_from(better))})
    for old, new in zip(_all_scores(before), _all_scores(after), strict=True):
        if old is not None and new is not None:
            assert new >= old - 1e-9
        elif new is None:
            # Only a blocked principle (0) can become unscored: released weights unblock
            # benefits whose questions are then asked for the first time.
            assert old in (None, 0)
    assert LEVELS.index(after.level.id) >= LEVELS.index(before.level.id)


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_fixing_what_a_rule_checks_removes_that_gap(answers: dict[str, str]) -> None:
    result = score(RUBRIC, answers)
    for gap in result.gaps:
        fixed = score(RUBRIC, fix_gaps(RUBRIC, answers, [gap.id]))
        assert fixed.gap(gap.id) is None, gap.id
    fixed_all = score(RUBRIC, fix_gaps(RUBRIC, answers, [g.id for g in result.gaps]))
    assert fixed_all.overall >= result.overall - 1e-9


@settings(max_examples=100, deadline=None)
@given(answer_sets())
def test_what_if_never_touches_the_saved_answers(answers: dict[str, str]) -> None:
    before = dict(answers)
    fix_gaps(RUBRIC, answers, [r.id for r in RUBRIC.gap_rules])
    assert answers == before

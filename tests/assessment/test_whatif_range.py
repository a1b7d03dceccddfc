"""What-if as a range: the questions a fix makes apply are unanswered, so it never claims one inflated number."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.answers import Assessment
from assessment.rubric import Rubric, load_rubric
from assessment.scoring import choices_of, score
from assessment.whatif import shown, shown_change, what_if
from tests.conftest import best_choices, worst_choices

RUBRIC = load_rubric()
RELEASE_AND_BENEFITS = ("weights-hub", "weights-cadence", "weights-verifiable", "ce-collection", "ce-into-training",
                        "ce-deployment-tracking", "uc-tracking", "uc-to-product", "uc-commercial-path",
                        "pr-public-work", "pr-hiring-pitch", "pr-hiring-evidence")


def test_releasing_weights_for_a_closed_company_is_a_range_over_the_twelve_questions_it_opens(
        rubric: Rubric, examples: dict[str, Assessment]) -> None:
    choices = choices_of(examples["closedwater-api"])
    outcome = what_if(rubric, choices, ["weights-not-released"])
    assert outcome.new_questions == RELEASE_AND_BENEFITS
    assert outcome.low.overall < outcome.result.overall < outcome.high.overall
    worst = dict(outcome.choices) | {q: worst_choices(rubric)[q] for q in RELEASE_AND_BENEFITS}
    best = dict(outcome.choices) | {q: best_choices(rubric)[q] for q in RELEASE_AND_BENEFITS}
    assert outcome.low.overall == score(rubric, worst).overall
    assert outcome.high.overall == score(rubric, best).overall
    assert (outcome.low.level.id, outcome.high.level.id) == ("emerging", "ready")


def test_a_fix_that_opens_no_question_is_one_number(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    outcome = what_if(rubric, choices_of(examples["nimbus-foundation-lab"]), ["no-price-performance-benchmark"])
    assert outcome.new_questions == ()
    assert outcome.low.overall == outcome.high.overall == outcome.result.overall


def test_the_change_shown_is_the_difference_of_the_figures_shown() -> None:
    # The bug: 57.56 shows as 57.6 and 71.64 as 71.6, but their difference, 14.08, showed as +14.1.
    assert f"{71.64 - 57.56:+.1f}" == "+14.1"
    assert f"{shown_change(57.56, 71.64):+.1f}" == "+14.0"
    # The example that showed "81.7 + 6.1 = 87.7" in the app.
    assert f"{shown(81.66):.1f} {shown_change(81.66, 87.72):+.1f} {shown(87.72):.1f}" == "81.7 +6.0 87.7"


@given(st.floats(0, 100), st.floats(0, 100))
def test_shown_figures_always_add_up(before: float, after: float) -> None:
    assert f"{shown(before) + shown_change(before, after):.1f}" == f"{shown(after):.1f}"


def _random_choices(data: st.DataObject, questions: tuple[str, ...] | list[str], allow_unanswered: bool,
                    label: str) -> dict[str, str]:
    """Random saved answers (any choice, "don't know" included, or none), or, with `allow_unanswered` false,
    real answers: the range spans the real answers a question may get ("don't know" leaves it open)."""
    out = {}
    for qid in questions:
        options = [c.id for c in RUBRIC.choices_for(RUBRIC.question_index[qid][1])
                   if allow_unanswered or not c.dont_know]
        pick = data.draw(st.sampled_from([None, *options] if allow_unanswered else options), label=f"{label} {qid}")
        if pick is not None:
            out[qid] = pick
    return out


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_any_answers_to_the_new_questions_score_within_the_range(data: st.DataObject) -> None:
    """For random answers to the questions a fix makes apply, the real score and level lie within [low, high]."""
    choices = _random_choices(data, [q.id for q in RUBRIC.questions], True, "saved")
    base = score(RUBRIC, choices)
    if not base.gaps:
        return
    picked = data.draw(st.lists(st.sampled_from([g.id for g in base.gaps]), min_size=1, max_size=3, unique=True))
    outcome = what_if(RUBRIC, choices, picked)
    answers = _random_choices(data, outcome.new_questions, False, "new")
    real = score(RUBRIC, {**outcome.choices, **answers})
    assert outcome.low.overall - 1e-9 <= real.overall <= outcome.high.overall + 1e-9
    levels = [lv.id for lv in RUBRIC.levels]
    assert levels.index(outcome.low.level.id) <= levels.index(real.level.id) <= levels.index(outcome.high.level.id)


def test_dont_know_answers_a_fix_makes_count_are_left_open(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    """Questions asked only because of the assumed answer, answered "don't know", span the range."""
    outcome = what_if(rubric, choices_of(examples["all-dont-know"]), ["weights-not-released"])
    assert outcome.left_open == RELEASE_AND_BENEFITS
    assert outcome.new_questions == RELEASE_AND_BENEFITS and outcome.now_asked == ()
    assert outcome.low.overall < outcome.high.overall
    best = dict(outcome.choices) | {q: best_choices(rubric)[q] for q in RELEASE_AND_BENEFITS}
    assert outcome.high.overall == score(rubric, best).overall
    # A fix whose answer gates nothing leaves no "don't know" open: one number.
    other = what_if(rubric, choices_of(examples["all-dont-know"]), ["no-compute"])
    assert other.left_open == () and other.low.overall == other.high.overall

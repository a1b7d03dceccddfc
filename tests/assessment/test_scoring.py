"""Scoring tables: question -> principle -> pillar -> overall, levels, gates, blocking."""

from __future__ import annotations

import pytest

from assessment.result_json import result_to_dict
from assessment.rubric import Rubric
from assessment.scoring import score, score_assessment
from tests.conftest import best_choices


def test_empty_assessment(rubric: Rubric) -> None:
    result = score(rubric, {})
    assert result.overall == 0
    assert result.answered == 0 and result.total == len(rubric.questions)
    assert result.completeness == 0
    assert result.provisional
    assert result.gaps == ()
    assert all(p.score is None for p in result.principles)
    assert result.level.id == "not-ready"


def test_principle_is_the_weighted_mean_of_answered_questions(rubric: Rubric) -> None:
    # niche-objective (weight 2) "informal" = 60, niche-customer (weight 1) "named-only" = 30,
    # others unanswered: (2*60 + 1*30) / 3 = 50.
    result = score(rubric, {"niche-objective": "informal", "niche-customer": "named-only"})
    niche = result.principle("niche")
    assert niche.score == pytest.approx(50)
    assert niche.answered == 2 and niche.total == 4
    # Only one principle has a score, so the pillar and the overall score equal it.
    assert result.pillar("requirements").score == pytest.approx(50)
    assert result.overall == pytest.approx(50)


def test_dont_know_scores_zero_and_is_counted(rubric: Rubric) -> None:
    result = score(rubric, {"niche-objective": "written", "niche-customer": "dont-know"})
    # (2*100 + 1*0) / 3
    assert result.principle("niche").score == pytest.approx(200 / 3)
    assert result.dont_know == 1
    assert result.answered == 2


def test_unknown_choice_counts_as_unanswered(rubric: Rubric) -> None:
    result = score(rubric, {"niche-objective": "bogus"})
    assert result.answered == 0


def test_pillars_and_overall_use_weights(rubric: Rubric) -> None:
    answers = best_choices(rubric)
    # Zero the whole niche principle (weight 2) with the lowest non-gating answers.
    for q in rubric.principle_index["niche"].questions:
        answers[q.id] = min(q.choices, key=lambda c: c.score).id
    result = score(rubric, answers)
    assert result.principle("niche").score == 0
    # requirements = (2*0 + 1.5*100 + 1*100) / 4.5
    assert result.pillar("requirements").score == pytest.approx(250 / 4.5)
    assert result.overall == pytest.approx((250 / 4.5 + 100 + 100) / 3)


def _one_question_rubric(rubric: Rubric, scores: list[float]) -> Rubric:
    """The shipped rubric's levels on a rubric with one question whose choices score `scores`."""
    data = {
        "format_version": 1, "id": "tiny", "version": "1", "title": "t", "source": "s", "description": "d",
        "pillars": [{"id": "p", "title": "P", "summary": "s"}],
        "principles": [{"id": "x", "pillar": "p", "title": "X", "summary": "s", "questions": [{
            "id": "q", "text": "Q?", "help": "h", "section": "s",
            "choices": [{"id": f"c{i}", "label": str(v), "score": v} for i, v in enumerate(scores)],
        }]}],
        "levels": [lv.model_dump() for lv in rubric.levels],
        "severities": [{"id": "low", "label": "Low", "rank": 0}],
    }
    return Rubric.model_validate(data)


LEVEL_CASES = [(0, "not-ready"), (34.9, "not-ready"), (35, "emerging"), (54.99, "emerging"), (55, "developing"),
               (72, "ready"), (86.9, "ready"), (87, "leading"), (100, "leading")]


@pytest.mark.parametrize(("overall", "level"), LEVEL_CASES)
def test_level_thresholds(rubric: Rubric, overall: float, level: str) -> None:
    tiny = _one_question_rubric(rubric, [v for v, _ in LEVEL_CASES])
    index = [v for v, _ in LEVEL_CASES].index(overall)
    result = score(tiny, {"q": f"c{index}"})
    assert result.overall == pytest.approx(overall)
    assert result.level.id == level


def test_no_niche_caps_the_level_however_good_the_rest(rubric: Rubric) -> None:
    answers = best_choices(rubric)
    answers["niche-objective"] = "general-purpose"
    result = score(rubric, answers)
    assert result.overall > 85  # Ready on the numbers alone
    assert result.uncapped_level.id == "ready"
    assert result.level.id == "emerging"
    assert result.capped_by == ("no-niche",)
    assert result_to_dict(result)["level"]["capped"] is True


def test_high_gap_keeps_a_company_below_leading(rubric: Rubric) -> None:
    answers = best_choices(rubric)
    answers["pp-cost-benchmark"] = "no"
    result = score(rubric, answers)
    assert result.uncapped_level.id == "leading"
    assert result.level.id == "ready"
    assert result.capped_by == ("no-price-performance-benchmark",)


def test_unreleased_weights_block_the_benefits(rubric: Rubric) -> None:
    answers = best_choices(rubric)
    answers["weights-released"] = "no"
    result = score(rubric, answers)
    for pid in ("crowdsourced-evaluations", "crowdsourced-use-cases", "pr-recruiting"):
        p = result.principle(pid)
        assert p.blocked and p.blocked_by == ("weights-not-released",)
        # Their questions are not asked while nothing is released, and they count as 0.
        assert p.score == 0 and p.raw_score is None and p.total == 0
        assert {q.id for q in rubric.principle_index[pid].questions} <= result.skipped
    assert result.pillar("benefits").score == 0
    assert not result.principle("niche").blocked
    # Release details are skipped too: only weights-released is asked in that principle.
    assert result.principle("release-weights").total == 1
    assert result.total == len(rubric.questions) - 12 - 1  # and the platform-only data question


def test_gaps_inside_blocked_principles_are_folded_into_the_blocking_gap(rubric: Rubric) -> None:
    answers = {q.id: min(q.choices, key=lambda c: c.score).id for q in rubric.questions}
    ids = {g.id for g in score(rubric, answers).gaps}
    assert "weights-not-released" in ids
    assert not ids & {"not-harvesting-evaluations", "not-harvesting-use-cases", "openness-not-used-for-recruiting"}


def test_a_skipped_question_neither_scores_nor_raises_a_gap(rubric: Rubric) -> None:
    answers = best_choices(rubric) | {"niche-objective": "general-purpose", "niche-monetization": "no"}
    result = score(rubric, answers)
    assert "niche-monetization" in result.skipped
    assert result.gap("niche-not-monetised") is None
    assert result.principle("niche").score == 5  # niche-objective alone


def test_released_weights_unblock(rubric: Rubric) -> None:
    answers = best_choices(rubric)
    answers["weights-released"] = "older-only"
    result = score(rubric, answers)
    assert result.blocked == {}
    assert result.pillar("benefits").score == 100


def test_gaps_are_sorted_by_severity(rubric: Rubric) -> None:
    answers = {q.id: min(q.choices, key=lambda c: c.score).id for q in rubric.questions}
    ranks = [g.severity_rank for g in score(rubric, answers).gaps]
    assert ranks == sorted(ranks)
    assert score(rubric, answers).gaps[0].severity == "critical"


@pytest.mark.parametrize(("answered", "provisional"), [(34, False), (28, False), (27, True), (5, True)])
def test_provisional_below_80_percent(rubric: Rubric, answered: int, provisional: bool) -> None:
    answers = dict(list(best_choices(rubric).items())[:answered])
    assert score(rubric, answers).provisional is provisional


def test_dont_know_answers_make_the_level_provisional(rubric: Rubric) -> None:
    answers = best_choices(rubric)
    unknown = ["models-benchmark-parity", "models-eval-moves", "models-compute", "models-runway",
               "models-eval-breadth", "community-people", "community-response"]
    for qid in unknown:
        answers[qid] = "dont-know"
    result = score(rubric, answers)
    assert result.completeness == 1 and result.dont_know == 7
    assert result.provisional  # 26 of 33 real answers < 80%
    all_unknown = score(rubric, {q.id: "dont-know" for q in rubric.questions})
    assert all_unknown.provisional and all_unknown.overall == 0


def test_score_assessment_matches_score(rubric: Rubric, examples: dict) -> None:
    for assessment in examples.values():
        direct = score(rubric, {k: a.choice for k, a in assessment.answers.items()})
        assert score_assessment(rubric, assessment) == direct

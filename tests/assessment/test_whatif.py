"""What-if: the answers it assumes, what it leaves open, which gaps are still worth offering, and why a
fix would add nothing."""

from __future__ import annotations

import copy

import pytest
import yaml

from assessment.answers import Assessment
from assessment.rubric import DEFAULT_RUBRIC, Rubric, parse_rubric
from assessment.scoring import choices_of, score
from assessment.whatif import AssumedAnswer, gain, no_gain_reason, what_if
from tests.conftest import best_choices

BENEFIT_QUESTIONS = ("ce-collection", "ce-into-training", "ce-deployment-tracking", "uc-tracking", "uc-to-product",
                     "uc-commercial-path", "pr-public-work", "pr-hiring-pitch", "pr-hiring-evidence")


def niche_gaps(rubric: Rubric) -> dict[str, str]:
    """An informal niche and little behind it: both "no niche" (principle below 35) and "niche not monetised"."""
    choices = best_choices(rubric)
    choices.update({"niche-objective": "informal", "niche-customer": "no", "niche-roadmap": "no",
                    "niche-monetization": "no"})
    return choices


def test_fixing_unreleased_weights_says_what_it_assumes_and_what_it_leaves_open(
        rubric: Rubric, examples: dict[str, Assessment]) -> None:
    choices = choices_of(examples["closedwater-api"])
    result = what_if(rubric, choices, ["weights-not-released"])
    assert result.assumed == (AssumedAnswer("weights-released", "open", "no"),)
    assert result.closed == ("weights-not-released",)
    # The benefits' questions apply again: the example's earlier answers to them count again ...
    assert set(result.counted_again) >= {"weights-hub", "ce-collection"}
    assert not set(result.counted_again) & set(result.now_asked)
    # ... and they bring gaps the saved answers do not show.
    assert "weights-hard-to-use" in result.revealed
    assert result.result.overall == pytest.approx(score(rubric, result.choices).overall)
    assert result.change == pytest.approx(result.result.overall - score(rubric, choices).overall)


def test_questions_that_would_then_be_asked_are_named_when_unanswered(rubric: Rubric) -> None:
    choices = {"weights-released": "no", "niche-objective": "written"}
    result = what_if(rubric, choices, ["weights-not-released"])
    assert set(BENEFIT_QUESTIONS) <= set(result.now_asked)
    assert {"weights-hub", "weights-cadence", "weights-verifiable"} <= set(result.now_asked)
    assert result.counted_again == ()
    assert all(qid not in result.choices for qid in result.now_asked)  # not answered, so not in the score


def unknown_niche_gaps(rubric: Rubric) -> dict[str, str]:
    """Nobody knows the niche, and it is not monetised: fixing the niche lifts every niche answer."""
    return best_choices(rubric) | {"niche-objective": "dont-know", "niche-monetization": "no"}


def test_a_fix_the_other_picks_already_make_adds_nothing_and_says_why(rubric: Rubric) -> None:
    choices = unknown_niche_gaps(rubric)
    first, second = "niche-not-monetised", "no-niche"
    picked = [first, second]
    assert gain(rubric, choices, picked, first) == (0, 0)
    assert no_gain_reason(rubric, choices, picked, first) == "the other fixes already assume the answers it needs"
    assert min(gain(rubric, choices, picked, second)) > 0.05
    assert no_gain_reason(rubric, choices, picked, second) is None


def rubric_with_a_gap_inside_a_blocked_benefit() -> Rubric:
    """The shipped rubric, but a niche gap checks a crowdsourced-evaluations question that is always asked."""
    data = copy.deepcopy(yaml.safe_load(DEFAULT_RUBRIC.read_text()))
    for principle in data["principles"]:
        for question in principle["questions"]:
            if question["id"] == "ce-collection":
                question.pop("skip_when")
                question.pop("skip_note", None)
    rule = copy.deepcopy(next(r for r in data["gap_rules"] if r["id"] == "niche-not-monetised"))
    rule.update(id="niche-evaluations-ignored", title="Niche evaluations ignored",
                when={"answer": {"question": "ce-collection", "choices": ["no"]}})
    data["gap_rules"].append(rule)
    return parse_rubric(data, "test")


def test_a_fix_inside_a_blocked_principle_adds_nothing_until_the_blocker_is_fixed() -> None:
    rubric = rubric_with_a_gap_inside_a_blocked_benefit()
    choices = best_choices(rubric)
    choices.update({"weights-released": "no", "ce-collection": "no"})
    base = score(rubric, choices)
    assert base.gap("niche-evaluations-ignored") and base.gap("weights-not-released")
    assert gain(rubric, choices, ["niche-evaluations-ignored"], "niche-evaluations-ignored") == (0, 0)
    title = rubric.principle_index["crowdsourced-evaluations"].title
    assert no_gain_reason(rubric, choices, ["niche-evaluations-ignored"], "niche-evaluations-ignored") == (
        f'{title} counts as 0 until "Model weights are not released" is fixed'
    )
    # With the weights released too, the same fix counts.
    both = ["weights-not-released", "niche-evaluations-ignored"]
    assert max(gain(rubric, choices, both, "niche-evaluations-ignored")) > 0.05
    assert no_gain_reason(rubric, choices, both, "niche-evaluations-ignored") is None

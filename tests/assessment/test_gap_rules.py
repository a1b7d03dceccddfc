"""Each gap rule, as a table: start from the best answers, change what the rule looks at."""

from __future__ import annotations

import pytest

from assessment.rubric import Rubric
from assessment.scoring import score
from tests.conftest import best_choices

# (rule id, answers changed from the best, expected to fire)
CASES: list[tuple[str, dict[str, str], bool]] = [
    ("no-niche", {"niche-objective": "general-purpose"}, True),
    ("no-niche", {"niche-objective": "no"}, True),
    ("no-niche", {"niche-objective": "dont-know"}, True),
    ("no-niche", {"niche-objective": "informal"}, False),
    ("no-niche", {"niche-objective": "informal", "niche-customer": "no", "niche-roadmap": "no",
                  "niche-monetization": "no"}, True),  # principle score (2*60)/5 = 24 < 35
    ("no-niche", {"niche-objective": "best-general"}, False),
    ("general-purpose-bet", {"niche-objective": "best-general"}, True),
    ("general-purpose-bet", {"niche-objective": "general-purpose"}, False),  # then it is no-niche
    ("niche-not-monetised", {"niche-monetization": "planned"}, True),
    ("niche-not-monetised", {"niche-monetization": "pilots"}, False),
    # No reality check at all, or only no public, comparable one (own evaluations, closed-model comparisons).
    ("no-eval-reality-check", {"models-benchmark-parity": "no", "models-eval-breadth": "nothing",
                               "pp-quality-benchmark": "no"}, True),
    ("no-eval-reality-check", {"models-benchmark-parity": "own-only"}, False),
    ("no-eval-reality-check", {"models-benchmark-parity": "no", "models-eval-breadth": "nothing"}, False),
    ("no-eval-reality-check", {"models-benchmark-parity": "no", "pp-quality-benchmark": "no",
                               "models-eval-breadth": "internal-only"}, False),
    ("no-public-reality-check", {"models-benchmark-parity": "own-only"}, True),
    ("no-public-reality-check", {"models-benchmark-parity": "no", "models-eval-breadth": "internal-only"}, True),
    ("no-public-reality-check", {"models-benchmark-parity": "no", "models-eval-breadth": "nothing",
                                 "pp-quality-benchmark": "no"}, False),  # then there is none at all
    ("no-public-reality-check", {"models-benchmark-parity": "occasionally"}, False),
    # One compute answer, one gap.
    ("no-compute", {"models-compute": "no"}, True),
    ("no-compute", {"models-compute": "fine-tune-only"}, False),
    ("no-runway", {"models-runway": "no"}, True),
    ("no-runway", {"models-runway": "somewhat"}, False),
    ("compute-for-fine-tuning-only", {"models-compute": "fine-tune-only"}, True),
    ("compute-for-fine-tuning-only", {"models-compute": "no"}, False),
    ("single-benchmark-reliance", {"models-eval-breadth": "one-only"}, True),
    ("single-benchmark-reliance", {"models-eval-breadth": "nothing"}, False),
    ("single-benchmark-reliance", {"models-eval-breadth": "internal-only"}, False),
    ("single-benchmark-reliance", {"models-eval-breadth": "several"}, False),
    ("no-community-team", {"community-people": "marketing-only"}, True),
    ("no-community-team", {"community-people": "part-time"}, False),
    ("no-storytelling", {"community-storytelling": "no"}, True),
    ("weights-not-released", {"weights-released": "no"}, True),
    ("weights-not-released", {"weights-released": "planned"}, True),
    ("weights-not-released", {"weights-released": "restricted"}, False),
    ("weights-not-released", {"weights-released": "small-open"}, False),  # small models open, flagship closed
    ("weights-hard-to-use", {"weights-hub": "partial"}, True),
    ("weights-hard-to-use", {"weights-hub": "no", "weights-released": "no"}, False),  # nothing released to use
    ("no-data-pipeline", {"data-pipeline-repeatable": "manual"}, True),
    ("no-data-pipeline", {"data-pipeline-repeatable": "partly"}, False),
    ("sharing-niche-data", {"data-niche-release": "open"}, True),
    ("sharing-niche-data", {"data-niche-release": "open", "niche-objective": "platform"}, False),  # Mosaic
    ("sharing-niche-data", {"data-niche-release": "samples"}, False),
    ("no-in-domain-data", {"data-in-domain": "no"}, True),
    ("no-in-domain-data", {"data-in-domain": "no", "niche-objective": "platform"}, False),  # Hugging Face
    ("no-in-domain-data", {"data-in-domain": "no", "niche-objective": "general-purpose"}, False),  # no-niche says it
    ("platform-data-closed", {"niche-objective": "platform", "data-platform-release": "none"}, True),
    ("platform-data-closed", {"niche-objective": "platform", "data-platform-release": "all"}, False),
    ("platform-data-closed", {"niche-objective": "written", "data-platform-release": "none"}, False),  # not asked
    ("pipeline-partly-manual", {"data-pipeline-repeatable": "partly"}, True),
    ("pipeline-partly-manual", {"data-pipeline-repeatable": "automated"}, False),
    ("no-price-performance-benchmark", {"pp-cost-benchmark": "no"}, True),
    ("no-price-performance-benchmark", {"pp-quality-benchmark": "dont-know"}, True),
    ("no-price-performance-benchmark", {"pp-cost-benchmark": "once", "pp-quality-benchmark": "public-only"}, False),
    ("ignoring-api-price-decline", {"pp-price-decline": "no"}, True),
    ("ignoring-api-price-decline", {"pp-price-decline": "aware"}, False),
    ("not-harvesting-evaluations", {"ce-collection": "no"}, True),
    ("not-harvesting-evaluations", {"ce-collection": "ad-hoc", "ce-into-training": "no"}, True),
    ("not-harvesting-evaluations", {"ce-collection": "ad-hoc", "ce-into-training": "yes"}, False),
    ("not-harvesting-use-cases", {"uc-tracking": "no"}, True),
    ("not-harvesting-use-cases", {"uc-tracking": "informal"}, False),
    ("use-cases-not-reviewed", {"uc-tracking": "informal"}, True),
    ("no-commercial-path", {"uc-commercial-path": "no"}, True),
    ("no-commercial-path", {"uc-commercial-path": "no", "weights-released": "no"}, False),  # folded into the block
    ("niche-not-monetised", {"niche-monetization": "no", "niche-objective": "no"}, False),  # not asked
    ("openness-not-used-for-recruiting", {"pr-hiring-pitch": "no"}, True),
    ("openness-not-used-for-recruiting", {"pr-public-work": "no"}, True),
    ("openness-not-used-for-recruiting", {"pr-public-work": "approval", "pr-hiring-pitch": "sometimes"}, False),
]


@pytest.mark.parametrize(("rule_id", "changes", "fires"), CASES)
def test_rule(rubric: Rubric, rule_id: str, changes: dict[str, str], fires: bool) -> None:
    answers = best_choices(rubric) | changes
    assert (score(rubric, answers).gap(rule_id) is not None) is fires


def test_table_covers_every_rule(rubric: Rubric) -> None:
    assert {c[0] for c in CASES} == {r.id for r in rubric.gap_rules}


def test_unanswered_questions_raise_no_gap(rubric: Rubric) -> None:
    assert score(rubric, {"niche-objective": "written"}).gaps == ()


def test_best_in_class_general_purpose_is_capped_at_developing(rubric: Rubric) -> None:
    result = score(rubric, best_choices(rubric) | {"niche-objective": "best-general"})
    assert result.uncapped_level.id == "leading"
    assert result.level.id == "developing"
    assert result.capped_by == ("general-purpose-bet",)


def test_closed_api_company_has_its_benefits_blocked(rubric: Rubric, examples: dict) -> None:
    result = score(rubric, {k: a.choice for k, a in examples["closedwater-api"].answers.items()})
    assert set(result.blocked) == {"crowdsourced-evaluations", "crowdsourced-use-cases", "pr-recruiting"}
    assert result.gaps[0].id == "weights-not-released"


def test_partial_example_is_provisional(rubric: Rubric, examples: dict) -> None:
    result = score(rubric, {k: a.choice for k, a in examples["early-draft-partial"].answers.items()})
    assert result.provisional
    assert result.answered == 12


def test_each_compute_answer_raises_at_most_one_gap(rubric: Rubric) -> None:
    compute_rules = {"no-compute", "compute-for-fine-tuning-only"}
    _, question = rubric.question_index["models-compute"]
    for choice in rubric.choices_for(question):
        gaps = score(rubric, best_choices(rubric) | {"models-compute": choice.id}).gaps
        assert len([g for g in gaps if g.id in compute_rules]) <= 1, choice.id

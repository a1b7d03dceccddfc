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
    ("no-eval-reality-check", {"models-benchmark-parity": "own-only"}, True),
    ("no-eval-reality-check", {"models-benchmark-parity": "occasionally"}, False),
    ("no-compute-or-runway", {"models-compute": "no"}, True),
    ("no-compute-or-runway", {"models-runway": "no"}, True),
    ("no-compute-or-runway", {"models-compute": "fine-tune-only", "models-runway": "somewhat"}, False),
    ("compute-for-fine-tuning-only", {"models-compute": "fine-tune-only"}, True),
    ("single-benchmark-reliance", {"models-eval-breadth": "one-only"}, True),
    ("single-benchmark-reliance", {"models-eval-breadth": "several"}, False),
    ("no-community-team", {"community-people": "marketing-only"}, True),
    ("no-community-team", {"community-people": "part-time"}, False),
    ("no-storytelling", {"community-storytelling": "no"}, True),
    ("weights-not-released", {"weights-released": "no"}, True),
    ("weights-not-released", {"weights-released": "planned"}, True),
    ("weights-not-released", {"weights-released": "restricted"}, False),
    ("weights-hard-to-use", {"weights-hub": "partial"}, True),
    ("weights-hard-to-use", {"weights-hub": "no", "weights-released": "no"}, False),  # nothing released to use
    ("no-data-pipeline", {"data-pipeline-repeatable": "manual"}, True),
    ("no-data-pipeline", {"data-pipeline-repeatable": "partly"}, False),
    ("sharing-niche-data", {"data-niche-release": "open"}, True),
    ("sharing-niche-data", {"data-niche-release": "platform"}, False),  # the Mosaic exception
    ("sharing-niche-data", {"data-niche-release": "samples"}, False),
    ("no-in-domain-data", {"data-in-domain": "no"}, True),
    ("no-in-domain-data", {"data-in-domain": "no", "data-niche-release": "platform"}, False),  # Mosaic
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


# The archetypes from the essay, as a reader of it would judge them.
VERDICTS = {
    "harbor-legal-ai": ("leading", set(), ()),
    "nimbus-foundation-lab": ("emerging", {"no-niche", "no-price-performance-benchmark"}, ("no-niche",)),
    "closedwater-api": ("emerging", {"weights-not-released", "no-community-team"}, ()),
    "open-commons-bio": ("developing", {"sharing-niche-data"}, ("sharing-niche-data",)),
}


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_archetype_verdicts(rubric: Rubric, examples: dict, name: str) -> None:
    level, must_have, capped_by = VERDICTS[name]
    result = score(rubric, {k: a.choice for k, a in examples[name].answers.items()})
    assert result.level.id == level
    assert must_have <= {g.id for g in result.gaps}
    assert result.capped_by == capped_by
    assert not result.provisional


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

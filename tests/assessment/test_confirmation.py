"""Confirmed and unconfirmed gaps, as a table: start from the best answers, change a few."""

from __future__ import annotations

import pytest

from assessment.rubric import Rubric
from assessment.scoring import score
from tests.conftest import best_choices

DK = "dont-know"

# (answers changed from the best, gap id, expected: "confirmed", "to confirm" or "absent")
CASES: list[tuple[dict[str, str], str, str]] = [
    ({"niche-objective": "no"}, "no-niche", "confirmed"),
    ({"niche-objective": DK}, "no-niche", "to confirm"),
    # The other niche answers alone are real and low: the niche score is below 35 whatever the unknown is.
    ({"niche-objective": DK, "niche-customer": "no", "niche-roadmap": "no", "niche-monetization": "no"},
     "no-niche", "to confirm"),  # "written" (100) would lift it to 40
    ({"niche-objective": "informal", "niche-customer": "no", "niche-roadmap": "no", "niche-monetization": "no"},
     "no-niche", "confirmed"),
    ({"niche-objective": "informal", "niche-customer": DK, "niche-roadmap": "no", "niche-monetization": "no"},
     "no-niche", "to confirm"),
    ({"weights-released": DK}, "weights-not-released", "to confirm"),
    ({"weights-released": "no"}, "weights-not-released", "confirmed"),
    # A don't-know elsewhere does not weaken a gap held by a real answer.
    ({"models-compute": "no", "models-runway": DK}, "no-compute", "confirmed"),
    ({"models-compute": "no", "models-runway": DK}, "no-runway", "to confirm"),
    # any(): one real branch is enough.
    ({"pp-cost-benchmark": "no", "pp-quality-benchmark": DK}, "no-price-performance-benchmark", "confirmed"),
    ({"pp-cost-benchmark": DK}, "no-price-performance-benchmark", "to confirm"),
    # all(): one unknown branch leaves it open.
    ({"models-benchmark-parity": "no", "models-eval-breadth": "nothing", "pp-quality-benchmark": DK},
     "no-eval-reality-check", "to confirm"),
    # A real answer whose question might not apply once the unknown answer is known.
    ({"niche-objective": DK, "niche-monetization": "no"}, "niche-not-monetised", "to confirm"),
    ({"weights-released": DK, "uc-tracking": "no"}, "not-harvesting-use-cases", "to confirm"),
    ({"niche-objective": "written", "niche-monetization": "no"}, "niche-not-monetised", "confirmed"),
    # A rule that does not look at don't-know is not raised by one.
    ({"models-eval-breadth": DK}, "single-benchmark-reliance", "absent"),
]


@pytest.mark.parametrize(("changes", "gap_id", "expected"), CASES)
def test_confirmation(rubric: Rubric, changes: dict[str, str], gap_id: str, expected: str) -> None:
    gap = score(rubric, best_choices(rubric) | changes).gap(gap_id)
    state = "absent" if gap is None else "confirmed" if gap.confirmed else "to confirm"
    assert state == expected


def test_a_gap_to_confirm_neither_caps_nor_blocks(rubric: Rubric) -> None:
    result = score(rubric, best_choices(rubric) | {"weights-released": DK})
    assert result.blocked == {}
    assert all(p.score == p.raw_score for p in result.principles)
    assert result.capped_by == () and result.would_cap == ("weights-not-released",)
    assert result.provisional  # the level would drop if it were confirmed
    confirmed = score(rubric, best_choices(rubric) | {"weights-released": "no"})
    assert confirmed.level.id in ("not-ready", "emerging") and set(confirmed.blocked) == {
        "crowdsourced-evaluations", "crowdsourced-use-cases", "pr-recruiting"}


@pytest.mark.parametrize(("share", "expected"), [(0.5, True), (0.51, False), (1.0, False)])
def test_not_enough_known_above_the_rubrics_share(rubric: Rubric, share: float, expected: bool) -> None:
    questions = [q.id for q in rubric.questions if q.skip_when is None]
    n = round(share * len(questions))
    answers = best_choices(rubric) | dict.fromkeys(questions[:n], DK)
    answers = {q: answers[q] for q in questions}
    result = score(rubric, answers)
    assert result.dont_know == n
    assert result.enough_known is (n <= rubric.not_enough_known.dont_know_above * result.answered)
    assert result.enough_known is expected or abs(n / len(questions) - 0.5) < 0.05


@pytest.mark.parametrize("decider", ["niche-objective", "weights-released"])
def test_a_dont_know_hides_no_follow_up(rubric: Rubric, decider: str) -> None:
    followers = {q.id for q in rubric.questions
                 if q.skip_when and q.skip_when.answer and q.skip_when.answer.question == decider}
    assert followers
    assert not followers & score(rubric, {decider: DK}).skipped
    assert not followers & score(rubric, {}).skipped

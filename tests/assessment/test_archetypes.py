"""The essay's archetypes (examples/): each gets the verdict the essay supports, for the reason it gives."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assessment.rubric import Rubric
from assessment.scoring import Result, score
from assessment.verdict import level_label

PLAYBOOK = (__import__("pathlib").Path("/work/shared/playbook.txt"))


@dataclass(frozen=True)
class Verdict:
    headline: str  # what the app and the report lead with
    confirmed: frozenset[str] = frozenset()  # gaps that must be stated as findings
    absent: frozenset[str] = frozenset()  # gaps that must not be raised (confirmed or not)
    capped_by: tuple[str, ...] = ()
    quote: str = ""  # the essay's words the verdict rests on


def _v(headline: str, quote: str, *, confirmed: str = "", absent: str = "", capped_by: str = "") -> Verdict:
    return Verdict(headline, frozenset(confirmed.split()), frozenset(absent.split()), tuple(capped_by.split()), quote)


VERDICTS = {
    "harbor-legal-ai": _v("Leading", "Having a niche sets your company on a direct roadmap", absent="no-niche"),
    "nimbus-foundation-lab": _v(
        "Emerging", "doesn't do as much for Stability, which is building what exactly?",
        confirmed="no-niche", absent="no-in-domain-data", capped_by="no-niche"),
    "closedwater-api": _v("Emerging", "Lots of people are still getting stuck here!",
                          confirmed="weights-not-released no-community-team"),
    "open-commons-bio": _v("Developing", "it doesn't really make sense to release your niche data",
                           confirmed="sharing-niche-data", capped_by="sharing-niche-data"),
    "early-draft-partial": _v("Provisional: Ready", "Have a mechanism for a reality check."),
    "forgeworks-platform": _v(
        "Leading", "Mosaic is a place that could actually stand to release all of its training data.",
        absent="no-in-domain-data sharing-niche-data platform-data-closed"),
    "ledgerline-closed-api": _v(
        "Emerging", "These evaluations are the only competitive market research that matters",
        confirmed="weights-not-released no-public-reality-check", absent="no-eval-reality-check"),
    "summit-general-lab": _v(
        "Developing", "only really applies to the absolutely best open LLMs",
        confirmed="general-purpose-bet", absent="no-niche no-in-domain-data", capped_by="general-purpose-bet"),
    "two-founders-preseed": _v(
        "Not ready", "You need compute to train models in the relevant ballpark and do a lot of experimentation.",
        confirmed="weights-not-released compute-for-fine-tuning-only single-benchmark-reliance",
        absent="no-compute no-niche no-eval-reality-check"),
    "all-dont-know": _v("Not enough known to judge", "I am trying to be as realistic as possible."),
    "small-open-flagship-closed": _v("Ready", "At least some of their models could be relevant there.",
                                     absent="weights-not-released"),
    "quiet-release-lab": _v("Ready", "if you want to rely on being open, people need to see your models!",
                            confirmed="no-community-team", capped_by="no-community-team"),
    "unsure-of-niche": _v("Provisional: Leading", "This is the most important part of building a successful"
                          " open LLM company."),
}


def _result(rubric: Rubric, examples: dict, name: str) -> Result:
    return score(rubric, {k: a.choice for k, a in examples[name].answers.items()})


def test_every_example_has_a_verdict(examples: dict) -> None:
    assert set(examples) == set(VERDICTS)
    assert len(VERDICTS) >= 8


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_archetype_verdict(rubric: Rubric, examples: dict, name: str) -> None:
    verdict = VERDICTS[name]
    result = _result(rubric, examples, name)
    assert level_label(result) == verdict.headline
    confirmed = {g.id for g in result.confirmed_gaps}
    assert verdict.confirmed <= confirmed
    assert not verdict.absent & {g.id for g in result.gaps}
    assert result.capped_by == verdict.capped_by


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_quote_is_the_essays(name: str) -> None:
    text = " ".join(PLAYBOOK.read_text(encoding="utf-8").split()) if PLAYBOOK.exists() else None
    if text is None:
        pytest.skip("the essay is not on this machine")
    assert VERDICTS[name].quote in text.replace("’", "'")


def test_all_dont_know_states_no_finding(rubric: Rubric, examples: dict) -> None:
    result = _result(rubric, examples, "all-dont-know")
    assert result.skipped == frozenset()  # a don't-know hides no follow-up
    assert result.gaps and result.confirmed_gaps == ()
    assert result.capped_by == () and result.blocked == {}
    assert not result.enough_known and result.provisional
    assert result.real_answers == 0 and result.dont_know == result.total == len(rubric.questions)


def test_an_unknown_niche_would_cap_but_does_not(rubric: Rubric, examples: dict) -> None:
    result = _result(rubric, examples, "unsure-of-niche")
    gap = result.gap("no-niche")
    assert gap is not None and not gap.confirmed
    assert gap.headline == "Nobody could say whether there is a niche"
    assert gap.unknowns[0] == "niche-objective"
    assert result.level.id == "leading" and result.would_cap == ("no-niche",) and result.provisional

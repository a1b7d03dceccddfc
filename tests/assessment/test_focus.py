"""Focus: the one to three gaps to tackle first, chosen by the essay's order held in the rubric."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.answers import Assessment
from assessment.errors import InputError
from assessment.focus import focus, focus_ids
from assessment.rubric import DEFAULT_RUBRIC, Rubric, load_rubric, read_rubric
from assessment.scoring import choices_of, score
from tests.conftest import best_choices, worst_choices

BASE: dict[str, Any] = yaml.safe_load(DEFAULT_RUBRIC.read_text())
RUBRIC = load_rubric()


def _with(**changes: str) -> dict[str, str]:
    choices = best_choices(RUBRIC)
    choices.update({k.replace("_", "-"): v for k, v in changes.items()})
    return choices


# (who, answers, focus, why the essay says so)
ARCHETYPES = [
    ("pre-seed team, nothing yet", worst_choices(RUBRIC), ["no-niche"],
     "the niche 'makes the things that come after this a little bit easier'"),
    ("lab with great general models and no customer", _with(niche_objective="general-purpose", pp_cost_benchmark="no"),
     ["no-niche"], "'This is the most important part of building a successful open LLM company'"),
    ("closed API company with a niche", _with(weights_released="no", community_people="no"),
     ["weights-not-released", "no-community-team"], "'Lots of people are still getting stuck here!'"),
    ("niche startup without compute, weights unreleased", _with(models_compute="no", weights_released="planned"),
     ["no-compute"], "'If you can't train good models, GPT-N will always be better at your niche'"),
    ("open-source absolutist", _with(data_niche_release="open"), ["sharing-niche-data"],
     "'it doesn't really make sense to release your niche data'"),
    ("only small things left", _with(community_storytelling="no", uc_tracking="informal"),
     ["no-storytelling", "use-cases-not-reviewed"], "low gaps are still worth naming, in the essay's order"),
]


@pytest.mark.parametrize(("who", "answers", "expected", "why"), ARCHETYPES, ids=[a[0] for a in ARCHETYPES])
def test_archetypes_get_the_focus_the_essay_supports(who: str, answers: dict[str, str], expected: list[str],
                                                     why: str) -> None:
    assert focus_ids(RUBRIC, score(RUBRIC, answers)) == expected, why


def test_a_company_without_a_niche_gets_one_thing_to_do_and_everything_else_grouped_under_it(rubric: Rubric) -> None:
    result = score(rubric, worst_choices(rubric))
    f = focus(rubric, result)
    assert len(result.gaps) >= 8
    assert f.now == ("no-niche",) and f.also == ()
    assert set(f.after) == {"no-niche"}
    assert sorted(f.after["no-niche"]) == sorted(g.id for g in result.gaps if g.id != "no-niche")
    # Weights wait for the niche too, and the reason is the rubric's.
    assert "no-niche" in f.waits_for["weights-not-released"]
    assert "good models" in f.reason(rubric, result.gap("weights-not-released"))
    assert f.reason(rubric, result.gap("no-niche")) == ""


def test_a_medium_gap_does_not_hold_back_later_principles(rubric: Rubric) -> None:
    # Not monetising the niche yet (medium) is no reason to wait with the data pipeline (high).
    result = score(rubric, _with(niche_monetization="no", data_pipeline_repeatable="no"))
    assert focus_ids(rubric, result) == ["no-data-pipeline", "niche-not-monetised"]


def test_a_lower_severity_gap_stays_out_of_the_focus_beside_a_critical_one(rubric: Rubric) -> None:
    result = score(rubric, _with(weights_released="no", niche_monetization="planned", community_storytelling="no"))
    f = focus(rubric, result)
    assert f.now == ("weights-not-released",)
    assert "no-storytelling" in f.also  # low: later, but it waits for nothing
    assert f.later[len(f.later) - len(f.also):] == f.also


def test_no_gaps_no_focus(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    assert focus_ids(rubric, score(rubric, best_choices(rubric))) == []
    assert focus_ids(rubric, score(rubric, choices_of(examples["harbor-legal-ai"]))) == []


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_focus_properties_on_random_answers(data: st.DataObject) -> None:
    choices = {}
    for q in RUBRIC.questions:
        options = [None, *(c.id for c in RUBRIC.choices_for(q))]
        pick = data.draw(st.sampled_from(options), label=q.id)
        if pick is not None:
            choices[q.id] = pick
    result = score(RUBRIC, choices)
    f = focus(RUBRIC, result)
    considered = result.confirmed_gaps or result.to_confirm  # confirmed gaps first; else what to find out
    gap_ids = [g.id for g in considered]
    assert (1 <= len(f.now) <= 3) if gap_ids else f.now == ()
    # Every gap is once in the focus or once later; nothing in the focus waits for another gap.
    assert sorted([*f.now, *f.later]) == sorted(gap_ids)
    assert not set(f.now) & set(f.waits_for)
    # A gap that waits, waits for an open gap of a principle it builds on.
    for gid, basic in f.waits_for.items():
        assert basic and all(b in gap_ids and b != gid for b in basic)
    # The focus starts with the most severe gap that waits for nothing.
    ready = [g for g in considered if g.id not in f.waits_for]
    if ready:
        assert result.gap(f.now[0]).severity_rank == min(g.severity_rank for g in ready)


def _write(tmp_path: Path, change: Any) -> Path:
    data = copy.deepcopy(BASE)
    change(data)
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _cycle(d: dict) -> None:
    d["focus"]["prerequisites"].append({"principle": "niche", "after": ["good-models"], "reason": "x"})


def _unknown_after(d: dict) -> None:
    d["focus"]["prerequisites"][0]["after"] = ["nowhere"]


def _unknown_severity(d: dict) -> None:
    d["focus"]["holds_back"] = ["critical", "urgent"]


def _extra_key(d: dict) -> None:
    d["focus"]["order"] = []


@pytest.mark.parametrize(("change", "message"), [
    (_cycle, "focus.prerequisites: the order has a cycle (good-models -> niche -> good-models)"),
    (_unknown_after, "focus.prerequisites[0].after[0]: unknown principle 'nowhere'"),
    (_unknown_severity, "focus.holds_back[1]: unknown severity 'urgent'"),
    (_extra_key, "focus.order: unknown key"),
])
def test_a_broken_focus_block_is_named(tmp_path: Path, change: Any, message: str) -> None:
    with pytest.raises(InputError) as err:
        read_rubric(_write(tmp_path, change))
    assert message in str(err.value)

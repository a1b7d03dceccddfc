"""Comparing two assessments: deltas, gaps closed and opened, answers changed, what is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.answers import ActionItem, Answer, Assessment, Company
from assessment.errors import InputError
from assessment.progress.compare import compare, comparison_to_dict
from assessment.rubric import Rubric, RubricRef
from assessment.scoring import score_assessment
from assessment.whatif import shown_change


def _changed(a: Assessment, **answers: str | None) -> Assessment:
    new = dict(a.answers)
    for qid, choice in answers.items():
        qid = qid.replace("_", "-")
        if choice is None:
            new.pop(qid, None)
        else:
            new[qid] = Answer(choice=choice)
    return a.model_copy(update={"answers": new})


def test_closing_the_niche_gap(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    new = examples["harbor-legal-ai"]
    old = _changed(new, niche_objective="no").model_copy(
        update={"company": new.company.model_copy(update={"date": dt.date(2026, 6, 1)})})
    c = compare(rubric, old, new)
    r_old, r_new = score_assessment(rubric, old), score_assessment(rubric, new)
    assert c.overall.old == pytest.approx(r_old.overall)
    assert c.overall.new == pytest.approx(r_new.overall)
    assert c.overall.delta == round(round(r_new.overall, 1) - round(r_old.overall, 1), 1)
    assert c.overall.delta > 0
    assert "no-niche" in [g.id for g in c.gaps_closed]
    assert c.gaps_opened == ()
    assert [a.question for a in c.answers_changed] == ["niche-objective"]
    assert c.answers_changed[0].old == "no"
    assert c.old_level.id == "emerging"  # capped by the critical no-niche gap
    assert c.new_level.id == r_new.level.id
    assert c.since == dt.date(2026, 6, 1)
    niche = next(p for p in c.principles if p.id == "niche")
    assert niche.delta is not None and niche.delta > 0


def test_json_contract(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    new = examples["harbor-legal-ai"]
    old = _changed(new, niche_objective="no", niche_customer=None)
    data = comparison_to_dict(compare(rubric, old, new))
    assert set(data) >= {"overall", "level", "principles", "gaps_closed", "gaps_opened", "answers_changed"}
    assert set(data["overall"]) == {"old", "new", "delta"}
    assert data["overall"]["delta"] == round(data["overall"]["new"] - data["overall"]["old"], 1)
    assert data["level"] == {"old": "emerging", "new": score_assessment(rubric, new).level.id}
    assert [p["id"] for p in data["principles"]] == [p.id for p in rubric.principles]
    assert all(set(p) == {"id", "old", "new", "delta"} for p in data["principles"])
    assert data["gaps_closed"] == ["no-niche"]
    changed = {a["question"]: a for a in data["answers_changed"]}
    assert changed["niche-objective"] == {"question": "niche-objective", "old": "no",
                                          "new": new.answers["niche-objective"].choice}
    if "niche-customer" in new.answers:
        assert changed["niche-customer"]["old"] is None  # unanswered then


def test_gaps_opened_and_an_unchanged_pair(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    old = examples["harbor-legal-ai"]
    new = _changed(old, niche_objective="no")
    c = compare(rubric, old, new)
    assert [g.id for g in c.gaps_opened] == ["no-niche"]
    assert c.overall.delta < 0
    same = compare(rubric, old, old)
    assert same.overall.delta == 0 and not same.changed
    assert all(p.delta in (0, None) for p in same.principles)


def test_actions_done_are_listed(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    old = examples["nimbus-foundation-lab"]
    new = old.model_copy(update={"action_plan": {"no-niche:0": ActionItem(owner="CEO", done=True)}})
    c = compare(rubric, old, new)
    assert [a.key for a in c.actions_done] == ["no-niche:0"]
    rule = next(r for r in rubric.gap_rules if r.id == "no-niche")
    assert c.actions_done[0].text == rule.actions[0]
    assert compare(rubric, new, new).actions_done == ()


def test_company_names_compare_loosely_but_other_companies_are_refused(rubric: Rubric,
                                                                       examples: dict[str, Assessment]) -> None:
    a = examples["harbor-legal-ai"]
    spaced = a.model_copy(update={"company": Company(name="  harbor LEGAL ai   (fictional) ")})
    compare(rubric, a, spaced)  # same company, typed differently
    with pytest.raises(InputError) as info:
        compare(rubric, examples["nimbus-foundation-lab"], a)
    assert info.value.kind == "not-comparable"
    assert "only assessments of one company can be compared" in str(info.value)


def test_other_rubric_versions_are_refused(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    a = examples["harbor-legal-ai"]
    older = a.model_copy(update={"rubric": RubricRef(id=rubric.id, version="0.9.0")})
    with pytest.raises(InputError) as info:
        compare(rubric, older, a)
    assert "compare after migrating" in str(info.value)
    other = a.model_copy(update={"rubric": RubricRef(id="another-rubric", version=rubric.version)})
    with pytest.raises(InputError, match="different questionnaires"):
        compare(rubric, other, a)


def test_a_change_is_the_difference_of_the_rounded_scores(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    # 44.47 -> 46.84: the raw difference (2.37) would print +2.4 under "44.5 -> 46.8"; shown it is +2.3.
    new = examples["closedwater-api"]
    old = _changed(new, niche_objective="informal")
    new = _changed(new, niche_objective="written")
    c = compare(rubric, old, new)
    assert (round(c.overall.old, 1), round(c.overall.new, 1)) == (44.5, 46.8)
    assert round(c.overall.new - c.overall.old, 1) == 2.4  # the figures this test is about
    assert c.overall.delta == 2.3
    assert comparison_to_dict(c)["overall"] == {"old": 44.5, "new": 46.8, "delta": 2.3}
    for d in (*c.principles, *c.pillars):
        assert d.delta == (None if d.old is None or d.new is None else shown_change(d.old, d.new))
    for p in comparison_to_dict(c)["principles"]:
        assert p["delta"] is None or p["delta"] == round(p["new"] - p["old"], 1)


def test_planned_actions_of_a_closed_gap_are_kept_in_the_count(rubric: Rubric,
                                                                examples: dict[str, Assessment]) -> None:
    plan = {"no-niche:0": ActionItem(owner="Priya", due=dt.date(2026, 12, 1)), "no-niche:1": ActionItem()}
    old = examples["nimbus-foundation-lab"].model_copy(update={"action_plan": plan})
    new = _changed(old, niche_objective="written")
    c = compare(rubric, old, new)
    assert "no-niche" in [g.id for g in c.gaps_closed]
    rule = next(r for r in rubric.gap_rules if r.id == "no-niche")
    # The one with an owner and a date is named; the empty entry was never planned.
    assert [(a.key, a.text, a.owner, a.due) for a in c.actions_closed] == [
        ("no-niche:0", rule.actions[0], "Priya", dt.date(2026, 12, 1))]
    assert c.actions_done == () and c.changed
    assert comparison_to_dict(c)["actions_closed"] == ["no-niche:0"]
    # Also when the plan no longer keeps the entry; and never for an action already done.
    assert [a.key for a in compare(rubric, old, new.model_copy(update={"action_plan": {}})).actions_closed] == [
        "no-niche:0"]
    done = {"no-niche:0": ActionItem(owner="Priya", done=True)}
    assert compare(rubric, old.model_copy(update={"action_plan": done}),
                   new.model_copy(update={"action_plan": done})).actions_closed == ()
    assert compare(rubric, old, old).actions_closed == ()  # the gap is still open

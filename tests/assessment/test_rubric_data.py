"""Data tests over every rubric file shipped in rubrics/."""

from __future__ import annotations

from collections import Counter

import pytest

from assessment.rubric import Rubric, available_rubrics, read_rubric
from assessment.scoring import score
from assessment.whatif import fix_gaps, steer

RUBRICS = available_rubrics()
REQUIRED_RULES = {
    "no-niche",
    "no-eval-reality-check",
    "no-community-team",
    "weights-not-released",
    "sharing-niche-data",
    "no-data-pipeline",
    "no-price-performance-benchmark",
    "not-harvesting-evaluations",
    "not-harvesting-use-cases",
    "openness-not-used-for-recruiting",
}


@pytest.fixture(params=RUBRICS, ids=[p.name for p in RUBRICS])
def each_rubric(request: pytest.FixtureRequest) -> Rubric:
    return read_rubric(request.param)


def test_at_least_one_rubric_ships() -> None:
    assert any(p.name == "open-llm-playbook.yaml" for p in RUBRICS)


def test_ids_are_unique(each_rubric: Rubric) -> None:
    r = each_rubric
    for name, ids in {
        "pillars": [p.id for p in r.pillars],
        "principles": [p.id for p in r.principles],
        "questions": [q.id for q in r.questions],
        "gap_rules": [g.id for g in r.gap_rules],
        "levels": [lv.id for lv in r.levels],
    }.items():
        assert [i for i, n in Counter(ids).items() if n > 1] == [], name


def test_references_resolve(each_rubric: Rubric) -> None:
    r = each_rubric
    for p in r.principles:
        assert p.pillar in r.pillar_index
    for rule in r.gap_rules:
        assert rule.principle in r.principle_index
        assert all(b in r.principle_index for b in rule.blocks)
        for _path, node in rule.when.walk("when"):
            if node.answer:
                _, q = r.question_index[node.answer.question]
                ids = {c.id for c in r.choices_for(q)}
                assert set(node.answer.choices) <= ids


def test_maximum_and_minimum_are_reachable(each_rubric: Rubric) -> None:
    r = each_rubric
    best = {q.id: max(q.choices, key=lambda c: c.score).id for q in r.questions}
    result = score(r, best)
    assert result.overall == pytest.approx(100)
    assert result.level.id == r.levels[-1].id
    assert result.gaps == ()
    worst = score(r, {q.id: r.dont_know.id for q in r.questions})
    assert worst.overall == 0
    assert worst.level.id == r.levels[0].id


def test_every_rule_can_fire_and_can_be_fixed(each_rubric: Rubric) -> None:
    """Each rule fires on some answers and fixing it closes it again (no rule is dead or stuck)."""
    r = each_rubric
    best = {q.id: max(q.choices, key=lambda c: c.score).id for q in r.questions}
    for rule in r.gap_rules:
        answers = dict(best)
        steer(r, rule.when, True, answers)
        for _path, node in rule.when.walk("when"):  # make the questions it looks at apply
            question = node.answer and r.question_index[node.answer.question][1]
            if question and question.skip_when and question.id in score(r, answers).skipped:
                steer(r, question.skip_when, False, answers)
        assert score(r, answers).gap(rule.id) is not None, rule.id
        assert score(r, fix_gaps(r, answers, [rule.id])).gap(rule.id) is None, rule.id


def test_every_choice_scores_in_range(each_rubric: Rubric) -> None:
    for q in each_rubric.questions:
        assert 0 <= min(c.score for c in q.choices) < max(c.score for c in q.choices) <= 100, q.id


def test_rubric_metadata_and_levels(each_rubric: Rubric) -> None:
    r = each_rubric
    assert r.id and r.version and r.title and r.source
    assert 4 <= len(r.levels) <= 5
    thresholds = [lv.min_score for lv in r.levels]
    assert thresholds == sorted(thresholds)


def test_playbook_rubric_covers_the_essay(rubric: Rubric) -> None:
    assert [p.id for p in rubric.pillars] == ["requirements", "actions", "benefits"]
    assert len(rubric.principles) == 9
    for pillar in rubric.pillars:
        assert len(rubric.principles_of(pillar.id)) == 3
    for p in rubric.principles:
        assert len(p.questions) >= 3, p.id
    assert len(rubric.questions) >= 27
    assert {g.id for g in rubric.gap_rules} >= REQUIRED_RULES
    rules = {g.id: g for g in rubric.gap_rules}
    assert rules["no-niche"].severity == "critical"
    assert set(rules["weights-not-released"].blocks) == {
        p.id for p in rubric.principles_of("benefits")
    }
    for rule in rubric.gap_rules:
        assert 2 <= len(rule.actions) <= 4
        assert len(rule.reasoning) > 80, rule.id


def test_every_question_has_help_and_a_section(rubric: Rubric) -> None:
    for q in rubric.questions:
        assert len(q.help) > 60, q.id
        assert q.section, q.id
        assert q.text.endswith("?"), q.id


def test_every_rule_that_can_rest_on_dont_know_says_what_to_confirm(each_rubric: Rubric) -> None:
    """A gap that holds only on "don't know" answers is shown as an open question, in the rubric's words."""
    r = each_rubric
    for rule in r.gap_rules:
        nodes = [node for _path, node in rule.when.walk("when")]
        on_dont_know = any(n.answer and r.dont_know.id in n.answer.choices for n in nodes) or any(
            n.principle_below for n in nodes)
        if on_dont_know:
            assert rule.to_confirm.startswith("Nobody could say whether"), rule.id


def test_no_question_presumes_a_niche_that_an_earlier_answer_denied(rubric: Rubric) -> None:
    """With no niche, nothing outside the niche principle that is still asked talks about "your niche"."""
    for choice in ("general-purpose", "no", "best-general"):
        skipped = score(rubric, {"niche-objective": choice}).skipped
        for p in rubric.principles:
            for q in p.questions:
                if p.id != "niche" and q.id not in skipped:
                    assert "niche" not in q.text.lower(), (choice, q.id)
                    assert not any("niche" in c.label.lower() for c in q.choices
                                   if c.id != "internal-only"), (choice, q.id)
        assert "data-in-domain" in skipped
        # An undecided company is still asked whether it gives in-domain data away (a moat lost for later),
        # in words that presume no niche; a general-purpose company has no niche data to keep.
        assert ("data-niche-release" in skipped) == (choice != "no")


def test_a_platform_is_asked_about_its_showcase_data_not_its_moat(rubric: Rubric) -> None:
    skipped = score(rubric, {"niche-objective": "platform"}).skipped
    assert {"data-in-domain", "data-niche-release"} <= skipped
    assert "data-platform-release" not in skipped
    assert "data-platform-release" in score(rubric, {"niche-objective": "written"}).skipped

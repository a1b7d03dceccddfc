"""Workshop aggregation: consensus median, ties, "don't know", spread, cohort tables."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.rubric import parse_rubric
from assessment.scoring import score
from assessment.workshop.cohort import (
    COHORT_ID_COLUMNS,
    CompanyAnswers,
    ParticipantAnswers,
    aggregate_cohort,
    company_consensus,
)
from tests.conftest import best_choices, worst_choices

DK = "dont-know"


def tiny_rubric():
    """Two questions; q2 has two choices with the same score to exercise the tie rule."""
    data = {
        "format_version": 1, "id": "tiny", "version": "1", "title": "Tiny", "source": "test",
        "description": "test rubric",
        "pillars": [{"id": "p", "title": "P", "summary": "s"}],
        "principles": [{
            "id": "one", "pillar": "p", "title": "One", "summary": "s",
            "questions": [
                {"id": "q1", "text": "Q1?", "help": "h", "section": "s", "choices": [
                    {"id": "high", "label": "High", "score": 100},
                    {"id": "mid", "label": "Mid", "score": 50},
                    {"id": "low", "label": "Low", "score": 0},
                ]},
                {"id": "q2", "text": "Q2?", "help": "h", "section": "s", "choices": [
                    {"id": "best", "label": "Best", "score": 100},
                    {"id": "same-a", "label": "Same A", "score": 40},
                    {"id": "same-b", "label": "Same B", "score": 40},
                    {"id": "zero", "label": "Zero", "score": 0},
                ]},
            ],
        }],
        "levels": [
            {"id": "low", "label": "Low", "min_score": 0, "description": "d"},
            {"id": "high", "label": "High", "min_score": 50, "description": "d"},
        ],
        "severities": [{"id": "high", "label": "High", "rank": 1}],
    }
    return parse_rubric(data, "tiny")


TINY = tiny_rubric()


def company(*answers: dict[str, str], name: str = "Acme") -> CompanyAnswers:
    return CompanyAnswers(name=name, participants=[ParticipantAnswers(f"p{i}", a) for i, a in enumerate(answers)])


def q1(*choices: str | None):
    """Consensus for q1 given one answer per participant (None = skipped)."""
    people = [{"q1": c} if c is not None else {} for c in choices]
    return company_consensus(TINY, company(*people)).questions[0]


@pytest.mark.parametrize(
    ("votes", "expected"),
    [
        (["high"], "high"),
        (["high", "mid", "low"], "mid"),
        (["low", "high", "high"], "high"),
        (["high", "low"], "low"),  # even count: the lower middle answer
        (["high", "high", "mid", "low"], "mid"),
        (["high", "high", "high", "low"], "high"),
        (["high", "mid"], "mid"),
    ],
)
def test_median_answer_by_choice_score(votes, expected):
    assert q1(*votes).choice == expected


def test_equal_scores_ordered_by_rubric_position():
    c = company_consensus(TINY, company({"q2": "same-b"}, {"q2": "same-a"}, {"q2": "same-b"}, {"q2": "same-a"}))
    q = c.questions[1]
    # Sorted: same-a, same-a, same-b, same-b (same score, rubric order); lower middle = same-a.
    assert q.choice == "same-a"
    assert q.spread == 0
    assert q.distinct == 2 and q.disagreement


@pytest.mark.parametrize(
    ("votes", "expected", "spread"),
    [
        ([DK, DK, "high"], DK, 0),  # strict majority "don't know"
        ([DK, "high"], "high", 0),  # half is not a majority
        ([DK, "high", "low"], "low", 100),  # median over the known answers, lower middle
        ([DK, DK, DK], DK, 0),
        ([DK, DK, "high", "low"], "low", 100),
    ],
)
def test_dont_know_is_a_vote_that_wins_only_by_majority(votes, expected, spread):
    q = q1(*votes)
    assert q.choice == expected
    assert q.spread == spread
    assert q.dont_know == votes.count(DK)
    assert q.score == (0 if expected == DK else {"high": 100, "mid": 50, "low": 0}[expected])


def test_unanswered_and_unknown_choices_are_ignored():
    q = q1(None, "high", None, "low")
    assert q.answered == 2 and q.choice == "low"
    c = company_consensus(TINY, company({"q1": "bogus", "nope": "high"}, {}))
    assert c.questions[0].choice is None and c.questions[0].answered == 0
    assert c.active == 0
    assert c.choices == {}


def test_spread_is_range_of_known_scores_and_counts_listed_in_rubric_order():
    q = q1("low", "high", "mid", "high", DK)
    assert q.spread == 100
    assert q.counts == (("high", "High", 2), ("mid", "Mid", 1), ("low", "Low", 1), (DK, "Don't know", 1))
    assert q.distinct == 4
    assert q1("mid", "mid").spread == 0 and not q1("mid", "mid").disagreement


def test_disagreements_sorted_widest_first(rubric):
    base = best_choices(rubric)
    a, b, c, d = dict(base), dict(base), dict(base), dict(base)
    c["niche-roadmap"] = "partly"  # spread 50 (not b's: with no niche, b is not asked about the roadmap)
    b["niche-objective"] = "no"  # spread 100
    c["niche-customer"] = DK  # spread 0 but a different answer
    cons = company_consensus(rubric, company(a, b, c, d))
    ids = [q.question for q in cons.disagreements]
    assert ids == ["niche-objective", "niche-roadmap", "niche-customer"]
    assert [q.spread for q in cons.disagreements] == [100, 50, 0]
    # Majorities carry the consensus: most of those asked gave the best answer (to the questions that apply).
    assert cons.choices == {q: ch for q, ch in base.items() if q not in score(rubric, base).skipped}


def test_one_participant_consensus_is_their_own_assessment(rubric, examples):
    ex = examples["harbor-legal-ai"]
    choices = {qid: a.choice for qid, a in ex.answers.items()}
    cons = company_consensus(rubric, company(choices))
    assert cons.choices == choices
    assert cons.disagreements == ()
    expected = score(rubric, choices)
    assert cons.result.overall == pytest.approx(expected.overall)
    assert cons.result.level == expected.level
    assert [g.id for g in cons.result.gaps] == [g.id for g in expected.gaps]


def test_participants_who_answered_nothing_do_not_move_consensus(rubric):
    best = best_choices(rubric)
    cons = company_consensus(rubric, company(best, {}, {}, {}))
    assert cons.participants == 4 and cons.active == 1
    assert cons.choices == {q: ch for q, ch in best.items() if q not in score(rubric, best).skipped}
    assert cons.result.overall == pytest.approx(100)


def test_company_with_nobody_answering_is_left_out_of_the_comparison(rubric):
    cohort = aggregate_cohort(rubric, [company(best_choices(rubric), name="Good"), company({}, {}, name="Silent"),
                                       company(name="Empty")])
    assert cohort.scored == 1
    silent = cohort.company("Silent")
    assert not silent.has_answers and silent.result.answered == 0
    assert math.isnan(cohort.pillar_table.loc["Silent"].iloc[0])
    assert cohort.cohort_table.set_index("company").loc["Silent", "level"] == ""
    assert list(cohort.ranking["company"]) == ["Good"]
    assert all("Silent" not in g.companies for g in cohort.common_gaps)
    assert cohort.company("Empty").participants == 0


def test_cohort_tables_match_each_consensus(rubric, examples):
    companies = [
        company({q: a.choice for q, a in ex.answers.items()}, name=name) for name, ex in examples.items()
    ]
    cohort = aggregate_cohort(rubric, companies)
    tables = cohort.dashboard_tables()
    assert list(tables["pillars"].columns) == [p.title for p in rubric.pillars]
    assert list(tables["principles"].columns) == [p.title for p in rubric.principles]
    for c in cohort.companies:
        for pillar, ps in zip(rubric.pillars, c.result.pillars, strict=True):
            got = tables["pillars"].loc[c.name, pillar.title]
            assert (math.isnan(got) and ps.score is None) or got == pytest.approx(ps.score)
    cohort_cols = list(tables["cohort"].columns)
    assert tuple(cohort_cols[: len(COHORT_ID_COLUMNS)]) == COHORT_ID_COLUMNS
    assert f"pillar: {rubric.pillars[0].title}" in cohort_cols
    assert f"principle: {rubric.principles[-1].title}" in cohort_cols
    overall = list(tables["ranking"]["overall"])
    assert overall == sorted(overall, reverse=True)
    assert len(tables["heatmap"]) == cohort.scored * len(rubric.principles)


def test_common_gaps_count_companies(rubric):
    worst, best = worst_choices(rubric), best_choices(rubric)
    cohort = aggregate_cohort(rubric, [company(worst, name="A"), company(worst, name="B"), company(best, name="C")])
    top = cohort.common_gaps[0]
    assert top.companies == ("A", "B")
    assert all("C" not in g.companies for g in cohort.common_gaps)
    # Ties on count are broken by severity: critical gaps come before the others.
    ranks = [g.severity_rank for g in cohort.common_gaps if len(g.companies) == 2]
    assert ranks == sorted(ranks)
    assert cohort.gap_table.iloc[0]["share"] == pytest.approx(2 / 3, abs=1e-3)


def test_answers_to_questions_that_no_longer_apply_do_not_vote(rubric):
    """Two people said "no weights released" but still carry an old model-card answer: not a vote."""
    stale = {"weights-released": "no", "weights-hub": "complete"}
    team = company(
        stale, stale,
        {"weights-released": "open", "weights-hub": "no"},
        {"weights-released": "open", "weights-hub": "partial"},
        {"weights-released": "open", "weights-hub": "complete"},
    )
    consensus = company_consensus(rubric, team)
    hub = next(q for q in consensus.questions if q.question == "weights-hub")
    assert consensus.choices["weights-released"] == "open"  # so the model-card question applies to the team
    assert hub.answered == 3
    assert dict((cid, n) for cid, _, n in hub.counts) == {"no": 1, "partial": 1, "complete": 1}
    assert hub.choice == "partial"  # the median of the three who were asked (stale votes would make it complete)

    # In the disagreement list too: people who agree, plus stale answers, is not a disagreement.
    agree = company(stale, {"weights-released": "open", "weights-hub": "complete"},
                    {"weights-released": "open", "weights-hub": "complete"})
    hub = next(q for q in company_consensus(rubric, agree).questions if q.question == "weights-hub")
    assert (hub.answered, hub.distinct) == (2, 1)
    assert "weights-hub" not in {q.question for q in company_consensus(rubric, agree).disagreements}


choice_lists = st.lists(st.sampled_from(["high", "mid", "low", DK, None]), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(choice_lists, st.randoms(use_true_random=False))
def test_consensus_is_within_answers_and_order_independent(votes, rnd: random.Random):
    q = q1(*votes)
    known = [{"high": 100, "mid": 50, "low": 0}[v] for v in votes if v not in (None, DK)]
    if q.choice not in (None, DK):
        assert min(known) <= q.score <= max(known)
    shuffled = list(votes)
    rnd.shuffle(shuffled)
    assert q1(*shuffled).choice == q.choice
    assert q.answered == sum(v is not None for v in votes)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["high", "mid", "low"]), min_size=1, max_size=9), st.integers(0, 8))
def test_raising_one_answer_never_lowers_the_consensus(votes, idx):
    idx %= len(votes)
    better = list(votes)
    better[idx] = "high"
    assert q1(*better).score >= q1(*votes).score


def test_questions_that_do_not_apply_to_the_consensus_are_not_asked(rubric):
    """Issue 12: after a consensus of "no niche", a lone participant's niche follow-ups are not the consensus."""
    best = best_choices(rubric)
    team = company(best, {**best, "niche-objective": "no"})  # lower median of written / no: no
    consensus = company_consensus(rubric, team)
    assert consensus.choices["niche-objective"] == "no"
    followups = [q for q in consensus.questions if q.question in ("niche-customer", "niche-roadmap")]
    assert followups and all(not q.asked and q.choice is None and q.label is None for q in followups)
    assert not {"niche-customer", "niche-roadmap"} & set(consensus.choices)
    assert not {"niche-customer", "niche-roadmap"} & {q.question for q in consensus.disagreements}
    # The same questions are skipped when the consensus is scored (the report says "Not asked").
    assert {"niche-customer", "niche-roadmap"} <= set(consensus.result.skipped)
    assert consensus.result == score(rubric, consensus.choices)


def test_a_company_with_a_handful_of_answers_gets_no_score_or_level(rubric):
    best = best_choices(rubric)
    early = dict(list(best.items())[:2])
    cohort = aggregate_cohort(rubric, [company(best, name="Good"), company(early, name="Early")])
    chosen = cohort.company("Early")
    assert chosen.has_answers and not chosen.score_shown and cohort.company("Good").score_shown
    row = cohort.cohort_table.set_index("company").loc["Early"]
    assert math.isnan(row["overall"]) and row["level"] == "No score or level yet"
    assert list(cohort.ranking["company"]) == ["Good"]  # ranked only with a score to show
    assert [c.name for c in cohort.unranked] == ["Early"]
    good = cohort.cohort_table.set_index("company").loc["Good"]
    assert good["overall"] == pytest.approx(100) and good["level"] == "Leading"

"""The Results page: figures equal to the engine's, gaps, blocked benefits, what-if, action plan."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.answers import ActionItem, Answer
from assessment.scoring import choices_of, score, score_assessment
from assessment.verdict import level_label
from assessment.whatif import fix_gaps, what_if
from tests.ui.conftest import run, text_of
from ui.components import charts

RESULTS = "ui/pages/results.py"


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.main.metric}


@pytest.mark.parametrize("example", ["harbor-legal-ai", "closedwater-api", "early-draft-partial",
                                     "nimbus-foundation-lab", "open-commons-bio"])
def test_results_show_the_engines_figures(open_app, rubric, examples, example):
    at, _ = open_app(examples[example], RESULTS)
    expected = score_assessment(rubric, examples[example])
    shown = metrics(at)
    assert shown["Overall score"] == f"{expected.overall:.1f} / 100"
    assert shown["Readiness level"] == level_label(expected)
    description = " ".join(expected.level.description.split())
    if expected.provisional:  # only said as a condition, never as the established meaning
        assert description not in " ".join(text_of(at.markdown).split())
        assert f"Not a verdict yet. If further answers confirm it, {expected.level.label} would mean: {description}" \
            in text_of(at.caption)
    else:
        assert description in " ".join(text_of(at.markdown).split())
    table = at.dataframe[0].value
    assert list(table["Principle"]) == [p.title for p in expected.principles]
    for shown_score, p in zip(table["Score"], expected.principles, strict=True):
        if p.score is None:
            assert shown_score != shown_score  # NaN: not answered
        else:
            assert shown_score == pytest.approx(round(p.score, 1))
    assert len(at.get("vega_lite_chart")) == 2
    # Gaps in the engine's order (most serious first), with reasoning.
    gap_heads = [m.value for m in at.markdown if m.value.startswith(":") and "-badge[" in m.value]
    assert [h.split("**")[1] for h in gap_heads] == [g.title for g in expected.gaps]
    body = " ".join(text_of(at.markdown).split())
    for gap in expected.gaps:
        assert " ".join(gap.rule.reasoning.split()) in body
        for action in gap.rule.actions:
            assert action in body


def _chart_rows(chart) -> list[dict]:
    """The data rows of every layer of an altair chart, in order."""
    spec = chart.to_dict()
    return [row for rows in spec["datasets"].values() for row in rows]


def test_charts_draw_the_engines_scores(rubric, examples):
    result = score_assessment(rubric, examples["closedwater-api"])
    polar = [r for r in _chart_rows(charts.principle_polar(rubric, result)) if "Principle" in r]
    assert [r["Principle"] for r in polar] == [p.title for p in result.principles]
    assert [r["Plotted"] for r in polar] == [0 if p.score is None else round(p.score, 1) for p in result.principles]
    blocked = {r["Principle"] for r in polar if r["Status"] == "blocked"}
    assert blocked == {rubric.principle_index[pid].title for pid in result.blocked}
    bars = [r for r in _chart_rows(charts.pillar_bars(rubric, result)) if "Pillar" in r]
    assert [(r["Pillar"], r["Score"]) for r in bars] == [
        (p.title, None if p.score is None else round(p.score, 1)) for p in result.pillars
    ]
    thresholds = {r["Level"]: r["Threshold"] for r in _chart_rows(charts.pillar_bars(rubric, result)) if "Level" in r}
    assert thresholds == {lv.label: lv.min_score for lv in rubric.levels[1:]}


def test_blocked_benefits_are_shown_as_blocked_with_what_unblocks_them(open_app, rubric, examples):
    at, _ = open_app(examples["closedwater-api"], RESULTS)
    result = score_assessment(rubric, examples["closedwater-api"])
    assert result.blocked, "the example is expected to have blocked principles"
    assert "Blocked benefits" in [s.value for s in at.subheader]
    body = text_of(at.markdown)
    for pid, gap_ids in result.blocked.items():
        title = rubric.principle_index[pid].title
        assert f"**{title}** - blocked (counts as 0)" in body
        assert result.gap(gap_ids[0]).rule.unblock in body


def test_provisional_results_say_how_much_is_missing(open_app, rubric, examples):
    partial = examples["early-draft-partial"]
    expected = score_assessment(rubric, partial)
    assert expected.provisional
    at, _ = open_app(partial, RESULTS)
    warning = text_of(at.warning)
    assert f"Provisional: {expected.level.label}." in warning
    summary = f"{expected.answered} of {expected.total} questions answered"
    assert summary in warning and "the level may change" in warning
    assert metrics(at)["Readiness level"] == f"Provisional: {expected.level.label}"
    sidebar = text_of(at.sidebar.markdown)
    assert f"## Provisional: {expected.level.label}" in sidebar


def mostly_dont_know(rubric, examples):
    """Every question answered, most of them "don't know": provisional though nothing is missing."""
    base = examples["harbor-legal-ai"]
    answers = {qid: Answer(choice=rubric.dont_know.id) if i % 3 else a for i, (qid, a) in
               enumerate(base.answers.items())}
    return base.model_copy(update={"answers": answers})


@pytest.mark.parametrize("page", [RESULTS, "ui/pages/download.py", "ui/pages/questionnaire.py"])
def test_dont_know_answers_give_a_provisional_level_everywhere(open_app, rubric, examples, page):
    assessment = mostly_dont_know(rubric, examples)
    expected = score_assessment(rubric, assessment)
    assert expected.provisional and expected.answered == expected.total
    at, _ = open_app(assessment, page)
    detail = (f"{expected.total} of {expected.total} questions answered, {expected.dont_know} don't know"
              " - the level may change.")
    # The sidebar's live indicator: never the bare level.
    sidebar = text_of(at.sidebar.markdown)
    assert f"## Provisional: {expected.level.label}" in sidebar
    assert f"## {expected.level.label}" not in sidebar
    assert detail in text_of(at.sidebar.caption)
    if page != "ui/pages/questionnaire.py":
        warning = text_of(at.warning)
        assert f"Provisional: {expected.level.label}." in warning and detail in warning


def test_complete_results_are_not_called_provisional(open_app, examples):
    at, _ = open_app(examples["harbor-legal-ai"], RESULTS)
    assert "Provisional" not in text_of(at.warning)
    assert "(provisional)" not in metrics(at)["Readiness level"]


def test_gaps_only_view_hides_scores_and_charts(open_app, rubric, examples):
    at, _ = open_app(examples["closedwater-api"], RESULTS)
    run(at.get("button_group")[0].set_value("Gaps only"))
    assert not at.main.metric
    assert not at.get("vega_lite_chart")
    expected = score_assessment(rubric, examples["closedwater-api"])
    heads = [m.value for m in at.markdown if "-badge[" in m.value]
    assert len(heads) == len(expected.gaps)


def test_what_if_shows_the_engines_score_and_leaves_saved_answers_alone(open_app, store, rubric, examples):
    assessment = examples["closedwater-api"]
    at, token = open_app(assessment, RESULTS)
    before = store.load(token).assessment
    result = score_assessment(rubric, assessment)
    picked = [result.gaps[0].id, result.gaps[1].id]
    run(at.multiselect[0].set_value(picked))
    expected = score(rubric, fix_gaps(rubric, choices_of(assessment), picked))
    shown = metrics(at)
    assert shown["Score if fixed"] == f"{expected.overall:.1f}"
    assert shown["Level if fixed"] == expected.level.label
    assert shown["Gaps left"] == str(len(expected.gaps))
    assert expected.overall > result.overall
    assert store.load(token).assessment == before
    assert at.session_state["olr-assessment"].answers == before.answers
    # The headline still shows the real score.
    assert shown["Overall score"] == f"{result.overall:.1f} / 100"


def test_action_plan_owner_date_and_done_are_saved_per_action(open_app, store, rubric, examples):
    assessment = examples["closedwater-api"].model_copy(update={"action_plan": {}})
    at, token = open_app(assessment, RESULTS)
    gap = score_assessment(rubric, assessment).gaps[0]
    owner = next(t for t in at.text_input if t.key.endswith(f"-{gap.id}-1") and t.key.startswith("plan-owner"))
    run(owner.input("Dana (CTO)"))
    due = next(d for d in at.date_input if d.key.endswith(f"-{gap.id}-1"))
    run(due.set_value(dt.date(2031, 3, 1)))
    done = next(c for c in at.checkbox if c.key.endswith(f"-{gap.id}-0"))
    run(done.check())
    plan = store.load(token).assessment.action_plan
    assert plan == {
        f"{gap.id}:1": ActionItem(owner="Dana (CTO)", due=dt.date(2031, 3, 1)),
        f"{gap.id}:0": ActionItem(done=True),
    }
    # Clearing every field removes the entry.
    run(next(c for c in at.checkbox if c.key.endswith(f"-{gap.id}-0")).uncheck())
    assert f"{gap.id}:0" not in store.load(token).assessment.action_plan


def with_choices(rubric, name: str, changes: dict[str, str]):
    """Best answers everywhere except `changes`."""
    from assessment.answers import new_assessment
    from tests.conftest import best_choices

    choices = best_choices(rubric) | changes
    return new_assessment(rubric, name=name).model_copy(
        update={"answers": {q: Answer(choice=c) for q, c in choices.items()}})


def whatif_text(at) -> str:
    return " ".join(text_of(at.markdown).split())


def test_what_if_shows_the_answers_it_assumes_and_what_then_counts(open_app, rubric, examples):
    at, _ = open_app(examples["closedwater-api"], RESULTS)
    run(at.multiselect[0].set_value(["weights-not-released"]))
    shown = whatif_text(at)
    question = rubric.question_index["weights-released"][1]
    labels = {c.id: c.label for c in question.choices}
    assert "This assumes 1 answer:" in shown
    assert f"{question.text} :gray[{labels['no']}] -> *{labels['open']}*" in shown
    outcome = what_if(rubric, choices_of(examples["closedwater-api"]), ["weights-not-released"])
    assert outcome.counted_again
    expanders = [e.label for e in at.expander]
    assert (f"{len(outcome.counted_again)} earlier answers would count again, as given - they may not fit the"
            " assumed answers") in expanders
    revealed = [g.title for g in outcome.result.gaps if g.id in outcome.revealed]
    assert f"New gaps this would bring up: {', '.join(revealed)}." in shown


def test_what_if_does_not_offer_gaps_the_picks_already_close(open_app, rubric):
    assessment = with_choices(rubric, "Niche Co", {"niche-objective": "informal", "niche-customer": "no",
                                                   "niche-roadmap": "no", "niche-monetization": "no"})
    at, _ = open_app(assessment, RESULTS)
    titles = {g.id: g.title for g in score_assessment(rubric, assessment).gaps}
    assert {"no-niche", "niche-not-monetised"} <= set(titles)
    assert any(o.startswith(titles["niche-not-monetised"]) for o in at.multiselect[0].options)
    run(at.multiselect[0].set_value(["no-niche"]))
    assert not any(o.startswith(titles["niche-not-monetised"]) for o in at.multiselect[0].options)
    assert f"These fixes also close: {titles['niche-not-monetised']}" in whatif_text(at)


def test_a_fix_that_adds_nothing_says_why(open_app, rubric):
    assessment = with_choices(rubric, "Compute Co", {"models-compute": "fine-tune-only", "models-runway": "no"})
    at, _ = open_app(assessment, RESULTS)
    run(at.multiselect[0].set_value(["compute-for-fine-tuning-only"]))
    run(at.multiselect[0].set_value(["compute-for-fine-tuning-only", "no-compute-or-runway"]))
    shown = whatif_text(at)
    title = score_assessment(rubric, assessment).gap("compute-for-fine-tuning-only").title
    assert f"{title} (low): **+0.0** - the other fixes already assume the answers it needs." in shown


def test_a_picked_gap_that_no_longer_exists_is_dropped(open_app, rubric, examples):
    assessment = examples["closedwater-api"]
    at, _ = open_app(assessment, RESULTS)
    run(at.multiselect[0].set_value(["no-community-team"]))
    # The gap is closed on the questionnaire, then the person comes back.
    run(at.switch_page("ui/pages/questionnaire.py"))
    at.session_state["olr-position"] = "community-team"
    run(at)
    run(next(r for r in at.radio if r.key.endswith("-community-people")).set_value("dedicated"))
    run(at.switch_page(RESULTS))
    assert score_assessment(rubric, at.session_state["olr-assessment"]).gap("no-community-team") is None
    assert at.multiselect[0].value == []
    assert "no-community-team" not in str(at.multiselect[0].options)

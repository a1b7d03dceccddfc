"""The Results page: figures equal to the engine's, gaps, blocked benefits, what-if, action plan."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.answers import ActionItem, Answer
from assessment.focus import focus
from assessment.scoring import choices_of, score_assessment
from assessment.verdict import level_label
from assessment.whatif import fix_gaps, what_if
from tests.ui.conftest import figures, new_app, progress_text, run, text_of
from ui.frame.text import md_escape
from ui.results import charts

RESULTS = "ui/pages/results.py"


def gaps_to_fix(at):
    """The what-if's pills of gaps to pick."""
    return next(b for b in at.button_group if b.label == "Gaps to fix")


@pytest.mark.parametrize("example", ["harbor-legal-ai", "closedwater-api", "early-draft-partial",
                                     "nimbus-foundation-lab", "open-commons-bio"])
def test_results_show_the_engines_figures(open_app, rubric, examples, example):
    at, _ = open_app(examples[example], RESULTS)
    expected = score_assessment(rubric, examples[example])
    shown = figures(at)
    assert shown["Overall score"] == f"{expected.overall:.1f} / 100"
    assert shown["Readiness level"] == level_label(expected)
    description = " ".join(expected.level.description.split())
    if expected.provisional:  # only said as a condition, never as the established meaning
        assert description not in " ".join(text_of(at.markdown).split())
        assert f"Not a verdict yet. If further answers confirm it, {expected.level.label} would mean: {description}" \
            in text_of(at.caption)
    else:
        assert description in " ".join(text_of(at.markdown).split())
    assert len(at.table) == 0  # the table is drawn once its expander is opened
    at.session_state[charts.TABLE] = True  # opening it, as a click on "Scores as a table" does
    run(at)
    run(at.segmented_control[0].set_value("Gaps only"))  # no table in this view ...
    assert len(at.table) == 0
    run(at.segmented_control[0].set_value("Full results"))  # ... and back: still open, as it was left
    table = at.table[0].value
    assert list(table["Principle"]) == [md_escape(p.title) for p in expected.principles]
    for shown_score, p in zip(table["Score"], expected.principles, strict=True):
        if p.blocked:
            assert shown_score == "blocked (counts as 0)"
        elif p.score is None:
            assert shown_score == "not answered"
        else:
            assert shown_score == f"{p.score:.1f}"  # one decimal, as on the charts and in the PDF
    assert len(at.get("vega_lite_chart")) == 2
    # Gaps in the focus's order (the ones to start with first, then the rest), with reasoning.
    gap_heads = [m.value for m in at.markdown if m.value.startswith(":") and "-badge[" in m.value]
    first = focus(rubric, expected)
    if expected.confirmed_gaps:
        assert [h.split("**")[1] for h in gap_heads] == [expected.gap(g).title for g in (*first.now, *first.later)]
        assert sorted(first.now + first.later) == sorted(g.id for g in expected.confirmed_gaps)
    else:  # only gaps to confirm: listed apart under "To confirm", none stated as a finding
        assert gap_heads == []
    body = " ".join(text_of(at.markdown).split())
    for gap in expected.confirmed_gaps:
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


def _resolved(spec: dict) -> dict:
    """A Vega-Lite spec with each named dataset put in place of its name (names differ, drawings do not)."""
    datasets = spec.get("datasets", {})

    def walk(node):
        if isinstance(node, dict):
            if set(node) == {"name"} and node["name"] in datasets:
                return {"values": datasets[node["name"]]}
            return {k: walk(v) for k, v in node.items() if k != "datasets"}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(spec)


@pytest.mark.parametrize("example", ["closedwater-api", "early-draft-partial", "harbor-legal-ai"])
def test_the_pages_chart_specs_are_the_altair_charts(rubric, examples, example):
    """The page draws specs made from a template built once per rubric: the same drawings as the charts."""
    result = score_assessment(rubric, examples[example])
    assert _resolved(charts.polar_spec(rubric, result)) == _resolved(charts.principle_polar(rubric, result).to_dict())
    assert _resolved(charts.bars_spec(rubric, result)) == _resolved(charts.pillar_bars(rubric, result).to_dict())


@pytest.mark.parametrize("example", ["closedwater-api", "early-draft-partial"])
def test_no_principle_label_hangs_onto_the_rings(rubric, examples, example):
    """Each label's lines run downwards from where it is placed: the line nearest the centre of every label
    stays clear of the 100 ring (the top-left labels' last lines sat on it)."""
    import math

    data = charts.polar_data(rubric, score_assessment(rubric, examples[example]))
    ring = charts._outer(charts.POLAR_SIZE)
    for angle, radius, label in zip(data["LabelAngle"], data["LabelRadius"], data["Label"], strict=True):
        x, y = radius * math.sin(angle), -radius * math.cos(angle)  # the first line, y pointing down
        lines = [(x, y + i * charts.LINE_HEIGHT) for i in range(label.count("\n") + 1)]
        nearest = min(math.hypot(lx, ly) for lx, ly in lines)
        assert nearest > ring + 12, (label, nearest, ring)


def test_blocked_benefits_are_shown_as_blocked_and_what_unblocks_them_is_said_once(open_app, rubric, examples):
    at, _ = open_app(examples["closedwater-api"], RESULTS)
    result = score_assessment(rubric, examples["closedwater-api"])
    assert result.blocked, "the example is expected to have blocked principles"
    assert "Blocked benefits" in [s.value for s in at.subheader]
    body = text_of(at.markdown)
    for pid, gap_ids in result.blocked.items():
        title = rubric.principle_index[pid].title
        assert f"**{title}**" in body
        gap = result.gap(gap_ids[0])
        assert f"count as 0 while *{gap.title}* holds." in body
        # Once on the page (in the gap's card), not once per blocked benefit and again in the card.
        assert body.count(gap.rule.unblock) == 1


def test_provisional_results_say_how_much_is_missing(open_app, rubric, examples):
    partial = examples["early-draft-partial"]
    expected = score_assessment(rubric, partial)
    assert expected.provisional
    at, _ = open_app(partial, RESULTS)
    warning = text_of(at.warning)
    assert f"Provisional: {expected.level.label}." in warning
    summary = f"{expected.real_answers} of {expected.total} questions answered, {expected.dont_know} don't know"
    assert summary in warning and "the level may change" in warning
    assert figures(at)["Readiness level"] == f"Provisional: {expected.level.label}"
    sidebar = text_of(at.sidebar.markdown)
    assert f"## Provisional: {expected.level.label}" in sidebar


def mostly_dont_know(rubric, examples):
    """Every question answered, most of them "don't know": no level is stated, though nothing is missing."""
    base = examples["harbor-legal-ai"]
    answers = {qid: Answer(choice=rubric.dont_know.id) if i % 3 else a for i, (qid, a) in
               enumerate(base.answers.items())}
    return base.model_copy(update={"answers": answers})


@pytest.mark.parametrize("page", [RESULTS, "ui/pages/download.py", "ui/pages/questionnaire.py"])
def test_mostly_dont_know_states_no_level_anywhere(open_app, rubric, examples, page):
    assessment = mostly_dont_know(rubric, examples)
    expected = score_assessment(rubric, assessment)
    assert expected.provisional and expected.answered == expected.total and not expected.enough_known
    at, _ = open_app(assessment, page)
    summary = f"{expected.real_answers} of {expected.total} questions answered, {expected.dont_know} don't know"
    # The sidebar's live indicator: never a level, never "100% answered".
    sidebar = text_of(at.sidebar.markdown)
    assert "## Not enough known to judge" in sidebar
    assert f"## {expected.level.label}" not in sidebar and "Provisional" not in sidebar
    assert summary in text_of(at.sidebar.caption)
    if page != "ui/pages/questionnaire.py":
        warning = text_of(at.warning)
        assert "Not enough known to judge." in warning and summary in warning
    else:
        assert summary in progress_text(at)


def test_complete_results_are_not_called_provisional(open_app, examples):
    at, _ = open_app(examples["harbor-legal-ai"], RESULTS)
    assert "Provisional" not in text_of(at.warning)
    assert "(provisional)" not in figures(at)["Readiness level"]


def test_gaps_only_view_keeps_score_and_level_and_hides_the_charts(open_app, rubric, examples):
    at, _ = open_app(examples["closedwater-api"], RESULTS)
    run(at.get("button_group")[0].set_value("Gaps only"))
    expected = score_assessment(rubric, examples["closedwater-api"])
    assert figures(at) == {"Overall score": f"{expected.overall:.1f} / 100", "Readiness level": level_label(expected)}
    assert not at.get("vega_lite_chart")
    heads = [m.value for m in at.markdown if "-badge[" in m.value]
    assert len(heads) == len(expected.gaps)


def test_results_show_no_score_or_level_before_enough_answers(open_app, rubric, examples):
    partial = examples["early-draft-partial"]
    first = next(iter(partial.answers))
    few = partial.model_copy(update={"answers": {first: partial.answers[first]}})
    expected = score_assessment(rubric, few)
    assert not expected.score_shown
    at, _ = open_app(few, RESULTS)
    assert not figures(at)  # neither the overall score, the level nor a what-if score
    shown = " ".join(text_of(at.main.markdown).split()) + text_of(at.info)
    assert not any(lv.label in shown for lv in rubric.levels)
    n = expected.answers_to_score
    assert f"**No score or level yet.** 1 of {expected.total} questions answered" in text_of(at.info)
    assert f"once {n} more questions have a real answer" in text_of(at.info)
    # One way on to the open questions, not two side by side.
    links = [e for e in at.main if "Answer the open questions" in str(getattr(e, "proto", ""))]
    assert len(links) == 1


def test_scores_everywhere_have_one_decimal_like_the_pdf(rubric, examples):
    result = score_assessment(rubric, examples["closedwater-api"])
    table = charts.principle_table(rubric, result)
    bars = [r for r in _chart_rows(charts.pillar_bars(rubric, result)) if "Text" in r]
    for p, row in zip(result.pillars, bars, strict=True):
        assert row["Text"] == f"{p.score:.1f}"  # e.g. 54.9, where the chart said 55 and the PDF 54.9
    for p, status in zip(result.principles, table["Status"], strict=True):
        assert status == ("blocked" if p.blocked else f"{p.score:.1f}")


def test_what_if_shows_the_engines_score_and_leaves_saved_answers_alone(open_app, store, rubric, examples):
    assessment = examples["closedwater-api"]
    at, token = open_app(assessment, RESULTS)
    before = store.load(token).assessment
    result = score_assessment(rubric, assessment)
    picked = [result.gaps[0].id, result.gaps[1].id]
    run(gaps_to_fix(at).set_value(picked))
    outcome = what_if(rubric, choices_of(assessment), picked)
    assert outcome.choices == fix_gaps(rubric, choices_of(assessment), picked)
    low, high = outcome.low, outcome.high
    shown = figures(at)
    assert shown["Score if fixed"] == f"{low.overall:.1f} to {high.overall:.1f}"
    assert shown["Level if fixed"] == f"{low.level.label} to {high.level.label}"
    assert shown["Gaps left"] == f"{len(high.confirmed_gaps)} to {len(low.confirmed_gaps)}"
    assert result.overall < low.overall < high.overall
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
    due = next(d for d in at.text_input if d.key.endswith(f"-{gap.id}-1") and d.key.startswith("plan-due"))
    run(due.input("2031-03-01"))
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


def _due_box(at, gap_id: str, index: int):
    return next(d for d in at.text_input if d.key.endswith(f"-{gap_id}-{index}") and d.key.startswith("plan-due"))


def test_a_target_date_can_be_cleared_and_a_bad_one_is_named_not_saved(open_app, store, rubric, examples):
    assessment = examples["closedwater-api"].model_copy(update={"action_plan": {}})
    at, token = open_app(assessment, RESULTS)
    gap = score_assessment(rubric, assessment).gaps[0]
    run(_due_box(at, gap.id, 0).input("2031-03-01"))
    assert store.load(token).assessment.action_plan[f"{gap.id}:0"].due == dt.date(2031, 3, 1)
    run(_due_box(at, gap.id, 0).input("2031-02-30"))  # no such day: named, and the saved date stays
    assert "There is no 2031-02-30 in the calendar: check the month and day" in text_of(at.markdown)
    assert store.load(token).assessment.action_plan[f"{gap.id}:0"].due == dt.date(2031, 3, 1)
    run(_due_box(at, gap.id, 0).input("next week"))  # not a date at all: the format is said
    assert "Not a date: write it as YYYY-MM-DD" in text_of(at.markdown)
    assert store.load(token).assessment.action_plan[f"{gap.id}:0"].due == dt.date(2031, 3, 1)
    run(_due_box(at, gap.id, 0).input(""))  # cleared: the entry has nothing left and goes
    assert f"{gap.id}:0" not in store.load(token).assessment.action_plan
    assert "Not a date" not in text_of(at.markdown)


def test_a_refused_date_shows_again_with_its_message_after_another_page(open_app, store, rubric, examples):
    """Typed, refused (not a date, so not saved) and left at once for another page: on return the box shows
    what was typed, with its message, not the saved date as if nothing had been typed (breaker find)."""
    assessment = examples["closedwater-api"].model_copy(update={"action_plan": {}})
    at, token = open_app(assessment, RESULTS)
    gap = score_assessment(rubric, assessment).gaps[0]
    run(_due_box(at, gap.id, 0).input("2031-03-01"))
    run(_due_box(at, gap.id, 0).input("2031-13-01"))
    run(at.switch_page("ui/pages/download.py"))
    run(at.switch_page(RESULTS))
    assert _due_box(at, gap.id, 0).value == "2031-13-01"
    assert "There is no 2031-13-01 in the calendar" in text_of(at.markdown)
    assert store.load(token).assessment.action_plan[f"{gap.id}:0"].due == dt.date(2031, 3, 1)  # still not saved
    run(_due_box(at, gap.id, 0).input("2031-12-01"))  # corrected: saved, and the refused text is gone
    run(at.switch_page("ui/pages/download.py"))
    run(at.switch_page(RESULTS))
    assert _due_box(at, gap.id, 0).value == "2031-12-01"
    assert "in the calendar" not in text_of(at.markdown)
    assert store.load(token).assessment.action_plan[f"{gap.id}:0"].due == dt.date(2031, 12, 1)


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
    run(gaps_to_fix(at).set_value(["weights-not-released"]))
    shown = whatif_text(at)
    question = rubric.question_index["weights-released"][1]
    labels = {c.id: c.label for c in question.choices}
    assert "This assumes 1 answer:" in shown
    assert f"{question.text} :gray[{labels['no']}] -> *{labels['open']}*" in shown
    outcome = what_if(rubric, choices_of(examples["closedwater-api"]), ["weights-not-released"])
    assert outcome.counted_again
    expanders = [e.label for e in at.expander]
    assert (f"Answered earlier, asked again: {len(outcome.counted_again)} questions (those answers may not"
            " fit the assumed ones, so the range covers every answer)") in expanders
    # The line says how many would be asked; the folded lists are named by what they hold, not said again.
    assert not any("would then be asked" in label for label in expanders)
    assert ("12 questions would then be asked** (Release the model weights, Crowdsourced evaluations improve models,"
            " Crowdsourced use cases become product leads, Good PR for recruiting, values and vibes). The range runs"
            " from all of them at their worst answer to all of them at their best.") in shown
    revealed = [g.title for g in outcome.result.gaps if g.id in outcome.revealed]
    assert f"New gaps this would bring up: {', '.join(revealed)}." in shown


def test_what_if_figures_add_up_as_shown(open_app, rubric, examples):
    """One rounding everywhere: 81.66 -> 87.72 is "81.7", "+6.0", "87.7", never "+6.1"."""
    at, _ = open_app(examples["early-draft-partial"], RESULTS)
    run(gaps_to_fix(at).set_value(["no-compute"]))
    fixed = next(m for m in at.main.metric if m.label == "Score if fixed")
    assert figures(at)["Overall score"] == "81.7 / 100"
    assert (fixed.value, fixed.delta) == ("87.7", "+6.0")


def test_a_gap_the_picks_already_close_stays_in_place_and_adds_nothing(open_app, rubric):
    """The pills never move: a pill that vanished when another pick closed its gap shifted the others under
    the pointer, so a quick second click picked a neighbour (breaker find). Picked too, it adds nothing."""
    assessment = with_choices(rubric, "Niche Co", {"niche-objective": "informal", "niche-customer": "no",
                                                   "niche-roadmap": "no", "niche-monetization": "no"})
    at, _ = open_app(assessment, RESULTS)
    titles = {g.id: g.title for g in score_assessment(rubric, assessment).gaps}
    assert {"no-niche", "niche-not-monetised"} <= set(titles)
    before = list(gaps_to_fix(at).options)
    run(gaps_to_fix(at).set_value(["no-niche"]))
    assert list(gaps_to_fix(at).options) == before
    assert f"These fixes also close: {titles['niche-not-monetised']}" in whatif_text(at)
    run(gaps_to_fix(at).set_value(["no-niche", "niche-not-monetised"]))
    assert list(gaps_to_fix(at).options) == before
    assert f"{titles['niche-not-monetised']} (medium): **+0.0** - the other fixes already assume the answers it" \
           " needs." in whatif_text(at)


def test_what_if_picks_outlive_the_gaps_only_view(open_app, examples):
    """ "Gaps only" takes the pills off the page; back on "Full results" the picks are still there (breaker find)."""
    at, _ = open_app(examples["closedwater-api"], RESULTS)
    run(gaps_to_fix(at).set_value(["weights-not-released", "no-community-team"]))
    view = next(b for b in at.button_group if b.label == "View")
    run(view.set_value("Gaps only"))
    assert all(b.label != "Gaps to fix" for b in at.button_group)
    run(next(b for b in at.button_group if b.label == "View").set_value("Full results"))
    assert gaps_to_fix(at).value == ["weights-not-released", "no-community-team"]
    assert any(m.label == "Score if fixed" for m in at.main.metric)


def test_a_fix_that_adds_nothing_says_why(open_app, rubric):
    assessment = with_choices(rubric, "Niche Co", {"niche-objective": "dont-know", "niche-monetization": "no"})
    at, _ = open_app(assessment, RESULTS)
    run(gaps_to_fix(at).set_value(["niche-not-monetised"]))
    run(gaps_to_fix(at).set_value(["niche-not-monetised", "no-niche"]))
    shown = whatif_text(at)
    title = score_assessment(rubric, assessment).gap("niche-not-monetised").title
    label = next(o for o in gaps_to_fix(at).options if o.startswith(f"{title} (medium"))  # ", to confirm" or not
    assert f"{label}: **+0.0** - the other fixes already assume the answers it needs." in shown


def test_a_picked_gap_that_no_longer_exists_is_dropped(open_app, rubric, examples):
    assessment = examples["closedwater-api"]
    at, _ = open_app(assessment, RESULTS)
    run(gaps_to_fix(at).set_value(["no-community-team"]))
    # The gap is closed on the questionnaire, then the person comes back.
    run(at.switch_page("ui/pages/questionnaire.py"))
    at.session_state["olr-position"] = "community-team"
    run(at)
    run(next(r for r in at.radio if r.key.endswith("-community-people")).set_value("dedicated"))
    run(at.switch_page(RESULTS))
    assert score_assessment(rubric, at.session_state["olr-assessment"]).gap("no-community-team") is None
    assert gaps_to_fix(at).value == []
    assert "no-community-team" not in str(gaps_to_fix(at).options)


def test_all_dont_know_lists_gaps_to_confirm_and_no_finding(open_app, rubric, examples):
    at, _ = open_app(examples["all-dont-know"], RESULTS)
    expected = score_assessment(rubric, examples["all-dont-know"])
    assert "Readiness level" not in figures(at)  # no level from no real answer
    assert "**Not enough known to judge.** 0 of 34 questions answered, 34 don't know" in text_of(at.warning)
    assert not [m.value for m in at.markdown if "-badge[" in m.value]  # no gap stated as a finding
    assert "To confirm" in [s.value for s in at.subheader]
    body = text_of(at.markdown)
    for gap in expected.to_confirm:
        assert f"**{gap.headline}.**" in body
    assert "Blocked benefits" not in [s.value for s in at.subheader]
    assert "No gap is confirmed by the answers given" in text_of(at.info)
    # What to do first is to find out, said as an open question, and no chart shows scores the page withholds.
    first = expected.gap("no-niche")
    assert "**:material/help: Find out first**" in body and "Start here" not in body
    assert f"1. **{first.headline}.** If so: {first.title} (critical)" in body
    assert not at.get("arrow_vega_lite_chart") and "The nine principles" not in body


def test_revisit_the_dont_know_answers_goes_to_them(open_app, rubric, examples):
    assessment = examples["early-draft-partial"]
    at, _ = open_app(assessment, RESULTS)
    first = next(p for p in score_assessment(rubric, assessment).principles if p.dont_know)
    run(next(b for b in at.button if b.label.startswith('Revisit the "don\'t know"')).click())
    assert at.header[0].value.endswith(rubric.principle_index[first.id].title)
    assert ":violet-badge[Don't know - find out]" in text_of(at.markdown)
def test_two_tabs_on_one_link_keep_each_others_plan_entries(open_app, store, rubric, examples):
    assessment = examples["closedwater-api"].model_copy(update={"action_plan": {}})
    tab_a, token = open_app(assessment, RESULTS)
    tab_b = new_app()
    tab_b.query_params["a"] = token
    run(tab_b)
    run(tab_b.switch_page(RESULTS))
    gap = score_assessment(rubric, assessment).gaps[0]

    def owner(at, index: int):
        return next(t for t in at.text_input if t.key.endswith(f"-{gap.id}-{index}") and t.key.startswith("plan-owner"))

    run(owner(tab_a, 0).input("Ana in tab A"))
    run(owner(tab_b, 1).input("Ben in tab B"))  # tab B never saw Ana's entry
    run(owner(tab_a, 0).input("Ana, again"))  # nor tab A Ben's
    plan = store.load(token).assessment.action_plan
    assert plan == {f"{gap.id}:0": ActionItem(owner="Ana, again"), f"{gap.id}:1": ActionItem(owner="Ben in tab B")}
def test_results_start_with_the_focus_and_group_the_rest_under_it(open_app, rubric):
    """A team with no niche and little else: one gap to start with, everything else folded under it."""
    from tests.conftest import worst_choices

    assessment = with_choices(rubric, "Two founders", worst_choices(rubric))
    at, _ = open_app(assessment, RESULTS)
    result = score_assessment(rubric, assessment)
    start = next(m.value for m in at.markdown if m.value.startswith("1. **"))
    later = len(result.gaps) - 1
    assert start == f"1. **No niche** (critical) · Have a niche - {later} other gaps follow from it"
    assert f"The other {later} gaps come later" in text_of(at.caption)
    assert [e.label for e in at.expander if e.label.startswith("Later")] == [
        f'Later, once "No niche" is closed: {later} gaps']
    body = whatif_text(at)
    assert 'Later: it builds on "No niche". A niche tells you which data to prioritise' in body


def test_what_if_arrows_and_colours_only_where_a_range_moves_one_way(open_app, rubric, examples):
    """A newcomer saw "Gaps left 3 to 8" with a green down arrow for "-1 to +4", and an up arrow on a level
    range. A range that moves both ways gets neither; a score range that only rises keeps its arrow."""
    from streamlit.proto.Metric_pb2 import Metric

    at, _ = open_app(examples["closedwater-api"], RESULTS)
    run(gaps_to_fix(at).set_value(["weights-not-released"]))
    shown = {m.label: m.proto for m in at.main.metric}
    gaps, level, score = shown["Gaps left"], shown["Level if fixed"], shown["Score if fixed"]
    assert gaps.delta.startswith("-") and "+" in gaps.delta  # fewer or more gaps, depending on the answers
    assert (gaps.direction, gaps.color) == (Metric.MetricDirection.NONE, Metric.MetricColor.GRAY)
    assert level.direction == Metric.MetricDirection.NONE
    assert score.direction == Metric.MetricDirection.UP


def test_the_scores_table_counts_real_answers_as_the_questionnaire_does(rubric, examples):
    """A "don't know" is not a real answer: "2/3" beside 1 don't know, never "3/3" (newcomer find)."""
    assessment = examples["closedwater-api"]
    principle = next(p for p in rubric.principles if len(p.questions) >= 2)
    first = principle.questions[0]
    answers = {**assessment.answers, first.id: Answer(choice=rubric.dont_know.id)}
    result = score_assessment(rubric, assessment.model_copy(update={"answers": answers}))
    row = charts.principle_table(rubric, result).set_index("Principle").loc[principle.title]
    shown = result.principle(principle.id)
    assert row["Don't know"] >= 1
    assert row["Answered"] == f"{shown.answered - shown.dont_know}/{shown.total}"


def test_what_if_counts_confirmed_gaps_as_the_plan_does_and_names_those_to_confirm(open_app, rubric):
    """The plan said "3 gaps" while the what-if counted a gap resting on "don't know" too (newcomer find)."""
    assessment = with_choices(rubric, "Unsure Co", {"niche-objective": "dont-know", "models-benchmark-parity": "no"})
    result = score_assessment(rubric, assessment)
    assert result.to_confirm and result.confirmed_gaps
    at, _ = open_app(assessment, RESULTS)
    options = gaps_to_fix(at).options
    for gap in result.gaps:
        label = next(o for o in options if o.startswith(gap.title + " ("))
        assert label.endswith(", to confirm)") == (not gap.confirmed)
    picked = result.confirmed_gaps[0].id
    run(gaps_to_fix(at).set_value([picked]))
    outcome = what_if(rubric, choices_of(assessment), [picked])
    fewest, most = len(outcome.high.confirmed_gaps), len(outcome.low.confirmed_gaps)
    assert figures(at)["Gaps left"] == (str(fewest) if fewest == most else f"{fewest} to {most}")
    now = len(result.confirmed_gaps)
    assert f"{len(result.confirmed_gaps)} gap" in text_of(at.caption)  # the plan's own count
    assert now != len(result.gaps)  # the case the find was about: a gap to confirm in play


def test_start_here_with_one_gap_says_this_one(open_app, rubric, examples):
    """One gap to start with and others later: "puts this one first", not "these" (newcomer find)."""
    at, _ = open_app(examples["nimbus-foundation-lab"], RESULTS)
    later = len(focus(rubric, score_assessment(rubric, examples["nimbus-foundation-lab"])).later)
    assert f"The other {later} gaps come later: the playbook's order puts this one first, and what follows from it" \
           " is grouped under it below." in text_of(at.caption)


def test_a_dropped_pick_stays_dropped_when_its_gap_comes_back(open_app, rubric, examples):
    """Picked, closed on the questionnaire (dropped), reopened there: not picked again by itself (breaker find)."""
    assessment = examples["closedwater-api"]
    at, _ = open_app(assessment, RESULTS)
    run(gaps_to_fix(at).set_value(["weights-not-released", "no-community-team"]))
    before = assessment.answers["community-people"].choice

    def answer_community(choice: str) -> None:
        run(at.switch_page("ui/pages/questionnaire.py"))
        at.session_state["olr-position"] = "community-team"
        run(at)
        run(next(r for r in at.radio if r.key.endswith("-community-people")).set_value(choice))
        run(at.switch_page(RESULTS))

    answer_community("dedicated")
    assert gaps_to_fix(at).value == ["weights-not-released"]
    answer_community(before)
    assert score_assessment(rubric, at.session_state["olr-assessment"]).gap("no-community-team") is not None
    assert gaps_to_fix(at).value == ["weights-not-released"]


@pytest.mark.parametrize("example", ["early-draft-partial", "summit-general-lab", "two-founders-preseed"])
def test_what_if_changes_get_a_colour_and_arrow_only_when_they_move_one_way(open_app, rubric, examples, example):
    """No "+0" with an up arrow when the gaps left do not change; a score range both ways is grey, not red
    (breaker finds)."""
    from streamlit.proto.Metric_pb2 import Metric

    at, _ = open_app(examples[example], RESULTS)
    result = score_assessment(rubric, examples[example])
    for gap in result.gaps:
        run(gaps_to_fix(at).set_value([gap.id]))
        shown = {m.label: m.proto for m in at.main.metric}
        gaps, score = shown["Gaps left"], shown["Score if fixed"]
        if gaps.body == str(len(result.confirmed_gaps)):
            assert gaps.delta == ""
        if score.delta.startswith("-") and "+" in score.delta:
            assert score.color == Metric.MetricColor.GRAY, (gap.id, score.delta)


def test_what_each_fix_adds_is_listed_in_the_pills_order(open_app, rubric, examples):
    at, _ = open_app(examples["two-founders-preseed"], RESULTS)
    result = score_assessment(rubric, examples["two-founders-preseed"])
    first, second = result.gaps[0], result.gaps[1]
    run(gaps_to_fix(at).set_value([second.id, first.id]))  # clicked in the other order
    shown = whatif_text(at).split("What each fix adds")[1]
    assert shown.index(first.title) < shown.index(second.title)

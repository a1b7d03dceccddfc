"""Progress in the app, as a person reads it: changes that add up, Re-assess asking first, answers to
confirm counted as not done, planned actions closed with their gap, and the trend chart's axes (AppTest
against a real SQLite store)."""

from __future__ import annotations

import datetime as dt

from assessment.answers import ActionItem, Answer
from assessment.progress.store import ProgressStore
from assessment.progress.trend import TrendPoint
from tests.ui.conftest import navigator, new_app, progress_text, run, text_of
from ui.progress.charts import trend_chart

RESULTS = "ui/pages/results.py"
QUESTIONNAIRE = "ui/pages/questionnaire.py"


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def _reopen(token: str, page: str):
    at = new_app()
    at.query_params["a"] = token
    run(at)
    return run(at.switch_page(page))


def test_the_since_panel_shows_the_difference_of_the_rounded_scores(store, examples, open_app):
    # 44.47 -> 46.84: the panel says 46.8 and +2.3 (the raw difference, 2.37, would have shown +2.4).
    base = examples["closedwater-api"]
    doc = base.model_copy(update={"answers": {**base.answers, "niche-objective": Answer(choice="informal")}})
    at, token = open_app(doc, RESULTS)
    run(_button(at, "Save a snapshot").click())
    store.save_answer(token, "niche-objective", "written")
    at = _reopen(token, RESULTS)
    score = next(m for m in at.main.metric if m.label == "Score")
    assert (score.value, score.proto.delta) == ("46.8", "+2.3")
    table = next(d.value for d in at.dataframe if "Change" in d.value.columns)
    for _, row in table.iterrows():  # every principle's change is Now minus Then, as printed
        if "n/a" not in (row["Then"], row["Now"]):  # both known
            assert float(row["Change"]) == round(float(row["Now"]) - float(row["Then"]), 1), row.to_dict()


def test_reassess_asks_first_and_cancel_changes_nothing(store, examples, open_app):
    doc = examples["harbor-legal-ai"]
    at, token = open_app(doc, RESULTS)
    at = run(_button(at, "Re-assess").click())
    assert "Start the next round? Every answer is kept and marked To confirm." in text_of(at.warning)
    assert ProgressStore(store).history(token) == () and ProgressStore(store).to_confirm(token) == set()
    at = run(_button(at, "Cancel").click())
    assert "Start next round" not in [b.label for b in at.button]
    assert ProgressStore(store).history(token) == ()
    at = run(_button(at, "Re-assess").click())
    at = run(_button(at, "Start next round").click())
    history = ProgressStore(store).history(token)
    assert [s.reason for s in history] == ["reassess"]
    day = history[0].taken_at.date().isoformat()
    assert (f'Next round started on {day}; the snapshot "Re-assessed" keeps where you stood.'
            in text_of(at.success))
    assert "Start next round" not in [b.label for b in at.button]  # asked once per round


def test_answers_to_confirm_are_not_done(store, rubric, examples, open_app):
    doc = examples["harbor-legal-ai"]  # every question that applies is answered: 33 of 33
    at, token = open_app(doc, RESULTS)
    at = run(_button(at, "Re-assess").click())
    run(_button(at, "Start next round").click())
    at = _reopen(token, QUESTIONNAIRE)
    carried = len(ProgressStore(store).to_confirm(token))
    text = progress_text(at.main)
    assert f"0 of 33 confirmed, {carried} to confirm" in text and "all done" not in text
    # The notice counts the same answers as the progress (an answer to a question that does not apply is not one).
    assert f"This is a new round: {carried} answers carried over" in text_of(at.info)
    assert f"{carried} of these carried over from the last round, to confirm." in text_of(at.sidebar.caption)
    pills = navigator(at)
    options = [o for p in pills.values() for o in p.options]
    assert not any(o.startswith("✓") for o in options), options
    assert all("to confirm" in label for label in pills)
    # Confirming one counts it; confirming every one on this page ticks its principle.
    page = [b for b in at.button if b.key and b.key.startswith("confirm-")]
    at = run(page[0].click())
    assert f"1 of 33 confirmed, {carried - 1} to confirm" in progress_text(at.main)
    for button in page[1:]:  # a click re-draws its fragments only: a full run shows the rest again
        at = run(run(at))
        at = run(next(b for b in at.button if b.key == button.key).click())
    at = run(at)
    title = at.header[0].value.split(": ", 1)[1]
    options = [o for p in navigator(at).values() for o in p.options]
    assert any(o.startswith("✓") and o.endswith(f"· {title}") for o in options), options
    assert f"{len(page)} of 33 confirmed" in progress_text(at.main)


def test_a_planned_action_closed_with_its_gap_is_named(store, rubric, examples, open_app):
    plan = {"no-niche:0": ActionItem(owner="Priya", due=dt.date(2026, 12, 1))}
    doc = examples["nimbus-foundation-lab"].model_copy(update={"action_plan": plan})
    at, token = open_app(doc, RESULTS)
    run(_button(at, "Save a snapshot").click())
    store.save_answer(token, "niche-objective", "written")  # closes the no-niche gap
    at = _reopen(token, RESULTS)
    action = next(r for r in rubric.gap_rules if r.id == "no-niche").actions[0]
    shown = text_of(at.markdown)
    assert "1 planned action closed with its gap:" in shown
    assert f"{action} (Priya, due 2026-12-01)" in " ".join(shown.split())
    changed = next(m for m in at.main.metric if m.label == "Answers changed")
    assert "0 action-plan items done since then; 1 planned action closed with its gap" in changed.help


def test_the_trend_is_labelled_by_date_and_names_thresholds_outside_the_line(rubric):
    t0 = dt.datetime(2026, 12, 2, 1, 28, tzinfo=dt.UTC)
    points = (TrendPoint(t0, "2026-12-02 - Saved", 40.0, "Emerging", False),
              TrendPoint(t0 + dt.timedelta(seconds=40), "2026-12-02 - Re-assessed", 74.4, "Ready", False),
              TrendPoint(dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC), "2026-12-05 - Saved", 75.0, "Ready", False),
              TrendPoint(None, "Now", 76.0, "Ready", False))
    spec = trend_chart(rubric, points, t0 + dt.timedelta(days=4)).to_dict()
    rules, scores = spec["layer"]
    x = scores["layer"][0]["encoding"]["x"]
    assert x["type"] == "ordinal"  # one evenly spaced point per snapshot: no time ticks between them
    for label in ('"2026-12-02"', '"01:28"', '"2026-12-05"', '"Now"'):
        assert label in x["axis"]["labelExpr"]
    assert ":30" not in x["axis"]["labelExpr"]
    axis = rules["encoding"]["y"]["axis"]
    assert axis["orient"] == "right"  # the level names sit outside the plot, clear of the score line
    assert axis["values"] == [lv.min_score for lv in rubric.levels[1:]]
    assert all(f'"{lv.label}"' in axis["labelExpr"] for lv in rubric.levels[1:])
    assert spec["resolve"]["scale"]["y"] == "independent"
    assert not any(layer.get("mark", {}).get("type") == "text" for layer in spec["layer"])

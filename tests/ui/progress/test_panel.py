"""Progress in the app: saving a snapshot, the trend and "Since" panel, re-assessing, confirming answers,
the daily snapshot, and the downloads that carry the progress (AppTest against a real SQLite store)."""

from __future__ import annotations

import datetime as dt
import io
import json

from pypdf import PdfReader

from assessment.answers import parse_assessment
from assessment.progress.compare import compare
from assessment.progress.store import ProgressStore
from assessment.progress.trend import as_of
from assessment.scoring import score_assessment
from assessment.storage.db import utcnow
from assessment.storage.store import ANSWERS
from tests.ui.conftest import figures, new_app, run, text_of
from ui.files import downloads

RESULTS = "ui/pages/results.py"
QUESTIONNAIRE = "ui/pages/questionnaire.py"


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def _start_next_round(at):
    at = run(_button(at, "Re-assess").click())
    return _button(at, "Start next round").click()


def test_save_a_snapshot_then_see_what_changed_since(store, rubric, examples, open_app):
    at, token = open_app(examples["nimbus-foundation-lab"], RESULTS)
    assert "No snapshot yet" in text_of(at.caption)
    at.text_input(key="progress-snapshot-label").input("Before the offsite")
    at = run(_button(at, "Save a snapshot").click())
    history = ProgressStore(store).history(token)
    assert [(s.label, s.reason) for s in history] == [("Before the offsite", "manual")]
    assert "Snapshot saved:" in text_of(at.success) and "Before the offsite" in text_of(at.success)
    # Later: the niche is written down (in another tab, say); the Results page compares with the snapshot.
    store.save_answer(token, "niche-objective", "written")
    again = new_app()
    again.query_params["a"] = token
    run(again)
    at = run(again.switch_page(RESULTS))
    now = store.load(token).assessment
    expected = compare(rubric, as_of(history[0], now), now)
    metrics = {m.label: m for m in at.main.metric}
    assert figures(at)["Overall score"] == f"{expected.overall.new:.1f} / 100"  # the page's own headline
    assert metrics["Score"].value == f"{expected.overall.new:.1f}"
    assert metrics["Score"].proto.delta == f"{expected.overall.delta:+.1f}"
    assert metrics["Gaps closed / opened"].value == f"{len(expected.gaps_closed)} / {len(expected.gaps_opened)}"
    assert metrics["Answers changed"].value == "1"
    assert "no-niche" in [g.id for g in expected.gaps_closed]
    assert f"Since {history[0].taken_at.date().isoformat()}" in text_of(at.markdown)
    assert "No niche" in text_of(at.markdown).split("Gaps closed:")[1]
    table = next(d.value for d in at.dataframe if "Change" in d.value.columns)
    niche = table[table["Principle"] == rubric.principle_index["niche"].title].iloc[0]
    assert niche["Change"].startswith("+")


def test_a_bad_label_is_refused_and_nothing_is_saved(store, examples, open_app):
    at, token = open_app(examples["harbor-legal-ai"], RESULTS)
    at.session_state["progress-snapshot-label"] = "x\x00y"
    at = run(_button(at, "Save a snapshot").click())
    assert "NUL" in text_of(at.error)
    assert ProgressStore(store).history(token) == ()


def test_reassess_marks_answers_to_confirm_until_confirmed(store, rubric, examples, open_app):
    doc = examples["harbor-legal-ai"]
    at, token = open_app(doc, RESULTS)
    at = run(_start_next_round(at))
    assert "Next round started on" in text_of(at.success)
    assert ProgressStore(store).to_confirm(token) == set(doc.answers)
    assert [s.reason for s in ProgressStore(store).history(token)] == ["reassess"]
    at = run(at.switch_page(QUESTIONNAIRE))
    assert f"{len(doc.answers)} answers carried over" in text_of(at.info)
    assert "To confirm" in text_of(at.markdown)
    confirm = next(b for b in at.button if b.key and b.key.startswith("confirm-"))
    first = confirm.key.split("-", 3)[3]  # confirm-answer-<generation>-<question id>
    at = run(confirm.click())
    assert first not in ProgressStore(store).to_confirm(token)
    assert store.load(token).assessment.answers[first] == doc.answers[first]  # kept exactly as it was


def test_the_first_change_of_a_day_keeps_a_snapshot_of_the_day_before(store, rubric, examples, open_app):
    doc = examples["nimbus-foundation-lab"]
    token = store.create(doc)
    with store.engine.begin() as conn:  # the answers were last changed yesterday
        conn.execute(ANSWERS.update().values(updated_at=utcnow() - dt.timedelta(days=1)))
    at = new_app()
    at.query_params["a"] = token
    run(at)
    at = run(at.switch_page(QUESTIONNAIRE))
    # The questionnaire opens at the first unanswered question: change two answers shown there.
    radio = next(r for r in at.radio if r.key and r.key.startswith("answer-"))
    qid = radio.key.split("-", 2)[2]
    now = doc.answers[qid].choice if qid in doc.answers else None
    picks = [c.id for c in rubric.question_index[qid][1].choices if c.id != now]
    at = run(radio.set_value(picks[0]))
    # A changed choice re-draws only the sidebar (the radio shows it already); AppTest then holds only
    # what was re-drawn, so draw the page again to reach the radio.
    at = run(at)
    at = run(next(r for r in at.radio if r.key and r.key.endswith(f"-{qid}")).set_value(picks[1]))
    history = ProgressStore(store).history(token)
    assert [s.reason for s in history] == ["daily"]  # one, however many changes follow
    assert history[0].answers == doc.answers  # as it stood before the day's first change
    assert store.load(token).assessment.answers[qid].choice == picks[1]


def test_downloads_offer_the_brief_and_carry_the_progress(store, rubric, examples, open_app):
    at, token = open_app(examples["nimbus-foundation-lab"], RESULTS)
    run(_button(at, "Save a snapshot").click())
    store.save_answer(token, "niche-objective", "written")
    again = new_app()
    again.query_params["a"] = token
    run(again)
    at = run(again.switch_page("ui/pages/download.py"))
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download PDF", "Download Markdown", "Download brief (PDF)", "Download JSON",
                      "Download badge"]
    assert "progress since your snapshot of" in text_of(at.caption)
    now = store.load(token).assessment
    old = as_of(ProgressStore(store).history(token)[0], now)
    taken = []
    md = downloads.markdown(rubric, now, old, before=lambda: taken.append(1))()
    assert taken == [1] and "## Progress since" in md
    brief = PdfReader(io.BytesIO(downloads.brief(rubric, now, old)()))
    assert len(brief.pages) == 1 and "Progress since" in brief.pages[0].extract_text()
    exported = downloads.assessment_json(now, lambda a: ProgressStore(store).with_history(token, a))()
    again_doc = parse_assessment(exported, rubric)
    assert len(again_doc.history) == 1 and json.loads(exported)["format_version"] == 2
    assert score_assessment(rubric, again_doc).overall == score_assessment(rubric, now).overall


def test_an_imported_file_keeps_its_history(store, rubric, examples, open_app):
    doc = examples["harbor-legal-ai"]
    at, token = open_app(doc, RESULTS)
    run(_button(at, "Save a snapshot").click())
    raw = ProgressStore(store).with_history(token, store.load(token).assessment).model_dump_json()
    at = run(at.switch_page("ui/pages/start.py"))
    run(at.file_uploader[0].upload("with-history.json", raw.encode(), "application/json"))
    assert not at.error
    assert "Its 1 snapshot came along." in text_of(at.success)
    new_token = at.query_params["a"]
    assert new_token != token
    assert ProgressStore(store).history(new_token) == ProgressStore(store).history(token)


def test_a_principle_without_a_score_then_reads_n_a_not_none(store, rubric, examples, open_app):
    doc = examples["harbor-legal-ai"]
    principle = next(p for p in rubric.principles if p.pillar == rubric.pillars[0].id)
    left_out = {q.id for q in principle.questions}
    before = doc.model_copy(update={"answers": {k: v for k, v in doc.answers.items() if k not in left_out}})
    at, token = open_app(before, RESULTS)
    at = run(_button(at, "Save a snapshot").click())
    first = principle.questions[0]
    store.save_answer(token, first.id, first.choices[0].id)
    again = new_app()
    again.query_params["a"] = token
    run(again)
    at = run(again.switch_page(RESULTS))
    table = next(d.value for d in at.dataframe if "Change" in d.value.columns)
    row = table[table["Principle"] == principle.title].iloc[0]
    assert row["Then"] == "n/a" and row["Change"] == "n/a"
    assert not table.isna().any().any() and "None" not in table.astype(str).to_numpy()

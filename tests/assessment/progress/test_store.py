"""Snapshots and re-assessment rounds in the database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from assessment.answers import ActionItem, Answer, Assessment, Company, Snapshot, dump_assessment, parse_assessment
from assessment.errors import InputError
from assessment.progress.store import ProgressStore
from assessment.rubric import Rubric
from assessment.storage.db import utcnow
from assessment.storage.store import NotFound, Store

DAY1 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def progress(store: Store) -> ProgressStore:
    return ProgressStore(store)


@pytest.fixture
def token(store: Store, examples: dict[str, Assessment]) -> str:
    return store.create(examples["nimbus-foundation-lab"])


def test_a_snapshot_keeps_the_answers_as_they_were(store: Store, progress: ProgressStore, token: str) -> None:
    before = store.load(token).assessment
    snap = progress.snapshot(token, label="Before the board meeting", now=DAY1)
    assert snap is not None
    store.save_answer(token, "niche-objective", "written", "our niche, in writing")
    history = progress.history(token)
    assert len(history) == 1
    kept = history[0]
    assert kept.label == "Before the board meeting" and kept.reason == "manual"
    assert kept.taken_at == DAY1
    assert kept.answers == before.answers  # read-only: the later answer did not reach it
    assert kept.answers["niche-objective"].choice != "written"
    assert kept.company == before.company


def test_automatic_snapshots_only_when_something_changed(store: Store, progress: ProgressStore, token: str) -> None:
    assert progress.snapshot(token, "report", now=DAY1) is not None
    assert progress.snapshot(token, "report", now=DAY1 + dt.timedelta(hours=1)) is None  # nothing changed
    store.save_answer(token, "niche-objective", "written")
    # at most one a day while answers change
    assert progress.snapshot(token, "daily", now=DAY1 + dt.timedelta(hours=2)) is None
    assert progress.snapshot(token, "daily", now=DAY1 + dt.timedelta(days=1)) is not None
    store.save_answer(token, "niche-objective", "no")
    assert progress.snapshot(token, "daily", now=DAY1 + dt.timedelta(days=1, hours=3)) is None
    assert [s.reason for s in progress.history(token)] == ["report", "daily"]


def test_labels_are_checked(progress: ProgressStore, token: str) -> None:
    with pytest.raises(InputError, match="the limit is 100"):
        progress.snapshot(token, label="x" * 101)
    with pytest.raises(InputError, match="NUL"):
        progress.snapshot(token, label="a\x00b")
    assert progress.history(token) == ()


def test_reassess_marks_answers_to_confirm_until_saved_again(store: Store, progress: ProgressStore,
                                                             token: str) -> None:
    answered = set(store.load(token).assessment.answers)
    snap = progress.reassess(token)
    assert snap.reason == "reassess"
    assert progress.to_confirm(token) == answered
    store.save_answer(token, "niche-objective", store.load(token).assessment.answers["niche-objective"].choice)
    store.save_answer(token, "weights-released", None)  # cleared: nothing left to confirm there
    left = progress.to_confirm(token)
    assert "niche-objective" not in left and "weights-released" not in left
    assert left == answered - {"niche-objective", "weights-released"}
    # the answers themselves are carried over unchanged
    assert set(store.load(token).assessment.answers) == answered - {"weights-released"}


def test_history_travels_in_the_json_export(store: Store, progress: ProgressStore, token: str, rubric: Rubric,
                                            tmp_path) -> None:
    progress.snapshot(token, label="Q1", now=DAY1)
    progress.reassess(token, now=DAY1 + dt.timedelta(days=90))
    exported = progress.with_history(token, store.load(token).assessment)
    text = dump_assessment(exported)
    again = parse_assessment(text, rubric)
    assert [s.label for s in again.history] == ["Q1", ""]
    assert set(again.to_confirm) == set(exported.answers)
    # imported into a new assessment, the history comes along
    new_token = store.create(again)
    progress.add_history(new_token, again.history, again.to_confirm)
    assert progress.history(new_token) == progress.history(token)
    assert progress.to_confirm(new_token) == set(again.to_confirm)


def test_a_format_1_file_imports_as_before(rubric: Rubric) -> None:
    raw = json.dumps({"format_version": 1, "rubric": {"id": rubric.id, "version": rubric.version},
                      "company": {"name": "Old Co"}, "answers": {"niche-objective": {"choice": "written"}}})
    a = parse_assessment(raw, rubric)
    assert a.history == [] and a.to_confirm == []
    assert a.answers["niche-objective"].choice == "written"


def test_a_bad_history_is_refused_with_its_key_path(rubric: Rubric) -> None:
    base = Assessment(rubric=rubric.ref, company=Company(name="X"))
    snap = Snapshot(taken_at=DAY1, rubric=rubric.ref, answers={"niche-objective": Answer(choice="nonsense")})
    with pytest.raises(InputError, match=r"history\[0\]\.answers\.niche-objective"):
        parse_assessment(dump_assessment(base.model_copy(update={"history": [snap]})), rubric)
    with pytest.raises(InputError, match="to_confirm: unknown question id 'nope'"):
        parse_assessment(dump_assessment(base.model_copy(update={"to_confirm": ["nope"]})), rubric)


def test_unknown_tokens_and_deleted_assessments(store: Store, progress: ProgressStore, token: str) -> None:
    with pytest.raises(NotFound):
        progress.history("x" * 43)
    progress.snapshot(token, now=DAY1)
    store.delete(token)  # the snapshots go with the assessment
    with pytest.raises(NotFound):
        progress.history(token)


def test_the_plan_is_kept_in_a_snapshot(store: Store, progress: ProgressStore, token: str) -> None:
    doc = store.load(token).assessment
    store.save_details(token, doc.model_copy(update={"action_plan": {"no-niche:0": ActionItem(owner="CEO")}}))
    progress.snapshot(token, now=DAY1)
    assert progress.history(token)[0].action_plan == {"no-niche:0": ActionItem(owner="CEO")}


def test_no_daily_snapshot_of_a_day_whose_answers_changed_already(store: Store, progress: ProgressStore,
                                                                   token: str) -> None:
    """A first sitting (or a reload in it) keeps no "daily" copy of its own half-finished answers."""
    now = utcnow()
    store.save_answer(token, "niche-objective", "written")
    assert progress.snapshot(token, "daily", now=now) is None
    assert progress.history(token) == ()
    assert progress.snapshot(token, "daily", now=now + dt.timedelta(days=1)) is not None  # the next day's first

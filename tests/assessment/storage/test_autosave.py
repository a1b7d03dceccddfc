"""PendingWrites: queued in order while the store is down, newest write wins, bad writes don't block."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.answers import Answer, Assessment, new_assessment
from assessment.errors import InputError
from assessment.rubric import load_rubric
from assessment.storage.autosave import (
    CreateAssessment,
    FlushResult,
    PendingWrites,
    SaveAnswer,
    SaveAssessment,
    SavePosition,
)
from assessment.storage.store import AlreadyExists, NotFound, Store, StoreUnavailable, new_token

RUBRIC = load_rubric()


class FakeStore:
    """The store's write methods over dicts, with an on/off switch for the database."""

    def __init__(self) -> None:
        self.down = False
        self.docs: dict[str, dict[str, Any]] = {}
        self.calls: list[tuple] = []

    def _check(self, token: str) -> dict[str, Any]:
        if self.down:
            raise StoreUnavailable("The database cannot be reached right now (test).")
        if token not in self.docs:
            raise NotFound
        return self.docs[token]

    def create(self, assessment: Assessment, *, token: str) -> str:
        if self.down:
            raise StoreUnavailable("The database cannot be reached right now (test).")
        if token in self.docs:
            raise AlreadyExists("exists")
        self.docs[token] = {"answers": dict(assessment.answers), "name": assessment.company.name, "position": None}
        self.calls.append(("create", token))
        return token

    def save_answer(self, token: str, question_id: str, choice: str | None, evidence: str = "") -> None:
        doc = self._check(token)
        if question_id == "bad":
            raise InputError("answer", "unknown question id 'bad'")
        if choice is None:
            doc["answers"].pop(question_id, None)
        else:
            doc["answers"][question_id] = Answer(choice=choice, evidence=evidence)
        self.calls.append(("answer", question_id, choice))

    def save_assessment(self, token: str, assessment: Assessment) -> None:
        doc = self._check(token)
        doc["answers"] = dict(assessment.answers)
        doc["name"] = assessment.company.name
        self.calls.append(("assessment", token))

    def save_position(self, token: str, position: str) -> None:
        self._check(token)["position"] = position
        self.calls.append(("position", position))


def _doc(name: str, **answers: str) -> Assessment:
    doc = new_assessment(RUBRIC, name=name)
    doc.answers = {q: Answer(choice=c) for q, c in answers.items()}
    return doc


def test_ops_wait_in_order_while_down_and_are_saved_when_back() -> None:
    store = FakeStore()
    store.docs["t"] = {"answers": {}, "name": "", "position": None}
    pending = PendingWrites()
    store.down = True
    pending.add(SaveAnswer("t", "q1", "a"))
    pending.add(SavePosition("t", "p1"))
    pending.add(SaveAnswer("t", "q2", "b", "note"))
    result = pending.flush(store)
    assert (result.saved, result.pending, result.dropped) == (0, 3, 0)
    assert result.error == "The database cannot be reached right now (test)." and not result.ok
    assert [type(op).__name__ for op in pending.ops] == ["SaveAnswer", "SavePosition", "SaveAnswer"]
    store.down = False
    assert pending.flush(store) == FlushResult(saved=3, pending=0, error=None, dropped=0)
    assert store.calls == [("answer", "q1", "a"), ("position", "p1"), ("answer", "q2", "b")]
    assert len(pending) == 0


def test_newest_write_to_the_same_thing_wins_and_keeps_its_place() -> None:
    pending = PendingWrites()
    pending.add(SaveAnswer("t", "q1", "a"))
    pending.add(SaveAnswer("t", "q2", "a"))
    pending.add(SaveAnswer("t", "q1", "b"))  # replaces the first, queued after q2
    pending.add(SaveAnswer("u", "q1", "z"))  # another assessment: kept
    pending.add(SavePosition("t", "p1"))
    pending.add(SavePosition("t", "p2"))
    assert pending.ops == (
        SaveAnswer("t", "q2", "a"), SaveAnswer("t", "q1", "b"), SaveAnswer("u", "q1", "z"), SavePosition("t", "p2"),
    )
    doc = _doc("whole")
    pending.add(SaveAssessment("t", doc))  # replaces every answer of "t" queued before it
    assert pending.ops == (SaveAnswer("u", "q1", "z"), SavePosition("t", "p2"), SaveAssessment("t", doc))


def test_a_write_that_can_never_succeed_is_dropped_and_reported() -> None:
    store = FakeStore()
    store.docs["t"] = {"answers": {}, "name": "", "position": None}
    pending = PendingWrites()
    pending.add(SaveAnswer("t", "q1", "a"))
    pending.add(SaveAnswer("t", "bad", "a"))
    pending.add(SaveAnswer("gone", "q1", "a"))
    pending.add(SaveAnswer("t", "q3", "c"))
    result = pending.flush(store)
    assert (result.saved, result.pending, result.dropped) == (2, 0, 2)
    assert result.error == "No assessment matches this resume link. Check that the whole link was copied."
    assert set(store.docs["t"]["answers"]) == {"q1", "q3"}


def test_any_callable_is_an_op_and_anything_else_is_refused() -> None:
    store = FakeStore()
    seen = []
    pending = PendingWrites()
    pending.add(lambda s: seen.append(s))
    assert pending.flush(store).saved == 1 and seen == [store]
    with pytest.raises(TypeError):
        pending.add(("answer", "q1"))  # type: ignore[arg-type]


def test_create_retried_after_a_lost_confirmation_makes_the_document_current() -> None:
    store = FakeStore()
    store.docs["t"] = {"answers": {}, "name": "old", "position": None}
    pending = PendingWrites()
    pending.add(CreateAssessment("t", _doc("new", **{"niche-objective": "written"})))
    assert pending.flush(store).saved == 1
    assert store.docs["t"]["name"] == "new" and set(store.docs["t"]["answers"]) == {"niche-objective"}


def test_adding_while_a_flush_runs_loses_nothing() -> None:
    store = FakeStore()
    store.docs["t"] = {"answers": {}, "name": "", "position": None}
    pending = PendingWrites()
    stop = threading.Event()

    def flusher() -> None:
        while not stop.is_set():
            pending.flush(store)

    t = threading.Thread(target=flusher)
    t.start()
    for i in range(2000):
        pending.add(SaveAnswer("t", f"q{i % 50}", f"c{i}"))
    stop.set()
    t.join()
    pending.flush(store)
    assert len(pending) == 0
    assert store.docs["t"]["answers"] == {f"q{i}": Answer(choice=f"c{1950 + i}") for i in range(50)}


# One step of a session: answer, clear, save the whole document, move, flush (database up or down).
step = st.one_of(
    st.tuples(st.just("answer"), st.sampled_from(["q1", "q2", "q3"]), st.sampled_from(["a", "b", None])),
    st.tuples(st.just("doc"), st.sampled_from(["q1", "q2"]), st.sampled_from(["x", "y"])),
    st.tuples(st.just("position"), st.sampled_from(["p1", "p2"]), st.none()),
    st.tuples(st.just("flush"), st.booleans(), st.none()),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(step, max_size=40))
def test_whatever_the_outages_the_end_state_is_every_write_applied_in_order(steps) -> None:
    """Property: after the database is back and a flush, the store holds what saving each write at
    once (no outage, no queue) would have given."""
    store, expected = FakeStore(), FakeStore()
    store.docs["t"] = {"answers": {}, "name": "", "position": None}
    expected.docs["t"] = {"answers": {}, "name": "", "position": None}
    pending = PendingWrites()
    for kind, a, b in steps:
        if kind == "flush":
            store.down = a
            pending.flush(store)
            continue
        if kind == "answer":
            op: Any = SaveAnswer("t", a, b)
        elif kind == "doc":
            op = SaveAssessment("t", _doc(b, **{"niche-objective" if a == "q1" else "niche-customer": "no"}))
        else:
            op = SavePosition("t", a)
        op(expected)
        pending.add(op)
    store.down = False
    result = pending.flush(store)
    assert result.ok and result.pending == 0
    assert store.docs == expected.docs


def test_with_a_real_store(tmp_path, rubric) -> None:
    store = Store(f"sqlite:///{tmp_path}/a.sqlite3", rubric=rubric)
    token = new_token()
    pending = PendingWrites()
    pending.add(CreateAssessment(token, new_assessment(rubric, name="Real")))
    pending.add(SaveAnswer(token, "niche-objective", "written", "memo"))
    pending.add(SaveAnswer(token, "niche-objective", "bogus"))  # replaces the good one, then is rejected
    pending.add(SavePosition(token, "niche"))
    result = pending.flush(store)
    assert (result.saved, result.dropped, result.pending) == (2, 1, 0)
    assert "unknown choice 'bogus'" in (result.error or "")
    got = store.load(token)
    assert got.assessment.answers == {} and got.position == "niche"


def test_saving_details_from_a_stale_tab_keeps_answers_given_elsewhere(tmp_path, rubric) -> None:
    """Two tabs on one link: tab B answers, then tab A (older copy) sets an action owner."""
    from assessment.answers import ActionItem, new_assessment
    from assessment.storage.autosave import SaveDetails

    store = Store(f"sqlite:///{tmp_path}/a.sqlite3", rubric=rubric)
    token = store.create(new_assessment(rubric, name="Two tabs"))
    tab_a = store.load(token).assessment
    store.save_answer(token, "niche-objective", "written", "given in tab B")
    pending = PendingWrites()
    pending.add(SaveAnswer(token, "niche-customer", "some"))
    pending.add(SaveDetails(token, tab_a.model_copy(update={"action_plan": {"no-niche:0": ActionItem(owner="Ana")}})))
    assert pending.ops[0] == SaveAnswer(token, "niche-customer", "some")  # not superseded
    assert pending.flush(store).ok
    saved = store.load(token).assessment
    assert saved.answers["niche-objective"].evidence == "given in tab B"
    assert saved.answers["niche-customer"].choice == "some"
    assert saved.action_plan["no-niche:0"].owner == "Ana"
    assert saved.company.name == "Two tabs"
    store.close()

"""The database goes away: a clear warning, answers kept in the session, saved when it is back."""

from __future__ import annotations

import pytest

from assessment.answers import new_assessment
from assessment.storage.store import READ_ONLY_MESSAGE, NotFound, Store, StoreUnavailable
from tests.ui.conftest import new_app, radio_for, run, text_of

QUESTIONNAIRE = "ui/pages/questionnaire.py"
DOWN = "The database cannot be reached right now (connection refused)."


def outage(monkeypatch: pytest.MonkeyPatch, *methods: str) -> None:
    def unavailable(*_args: object, **_kwargs: object) -> None:
        raise StoreUnavailable(DOWN)

    for name in methods:
        monkeypatch.setattr(Store, name, unavailable)


def test_answers_given_during_an_outage_are_kept_and_saved_when_it_is_back(open_app, store, rubric):
    at, token = open_app(new_assessment(rubric, name="Acme"), QUESTIONNAIRE)
    q1, q2 = rubric.principles[0].questions[:2]
    with pytest.MonkeyPatch.context() as mp:
        outage(mp, "save_answer", "save_choice", "save_note", "save_position", "save_assessment")
        run(radio_for(at, q1.id).set_value(q1.choices[0].id))
        run(radio_for(at, q2.id).set_value(q2.choices[1].id))
        warning = text_of(at.warning)
        assert "**Not saved yet.** The database cannot be reached right now" in warning
        assert "Your 2 latest changes are kept in this browser tab" in warning
        assert "connection refused" in warning
        # The session still has every answer; the page and the sidebar show them.
        assert radio_for(at, q1.id).value == q1.choices[0].id
        assert set(at.session_state["olr-assessment"].answers) == {q1.id, q2.id}
        assert "2 of" in " ".join(p.proto.text for p in at.sidebar.get("progress"))
        assert store.load(token).assessment.answers == {}
    # The database is back: the next interaction (or the automatic retry) saves everything.
    run(at.button(key="retry-saves").click())
    assert not at.warning
    saved = store.load(token).assessment.answers
    assert {k: a.choice for k, a in saved.items()} == {q1.id: q1.choices[0].id, q2.id: q2.choices[1].id}


def test_a_read_only_database_is_named_as_such_not_as_unreachable(open_app, store, rubric):
    at, token = open_app(new_assessment(rubric, name="Acme"), QUESTIONNAIRE)
    q1 = rubric.principles[0].questions[0]

    def read_only(*_args: object, **_kwargs: object) -> None:
        raise StoreUnavailable(READ_ONLY_MESSAGE)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Store, "save_choice", read_only)
        run(radio_for(at, q1.id).set_value(q1.choices[0].id))
        warning = text_of(at.warning)
        assert f"**Not saved yet.** {READ_ONLY_MESSAGE}" in warning
        assert "cannot be reached" not in warning
    run(at.button(key="retry-saves").click())
    assert store.load(token).assessment.answers[q1.id].choice == q1.choices[0].id


def test_a_new_assessment_can_start_during_an_outage(store, rubric, monkeypatch):
    at = run(new_app())
    with pytest.MonkeyPatch.context() as mp:
        outage(mp, "create", "save_answer", "save_position", "save_assessment")
        next(t for t in at.text_input if t.label == "Company name").input("Offline Co")
        run(at.form_submit_button[0].click())
        token = at.query_params["a"]
        q = rubric.principles[0].questions[0]
        run(radio_for(at, q.id).set_value(q.choices[0].id))
        assert "Not saved yet" in text_of(at.warning)
        with pytest.raises(NotFound):
            store.load(token)
    run(at.button(key="retry-saves").click())
    saved = store.load(token).assessment
    assert saved.company.name == "Offline Co"
    assert saved.answers[q.id].choice == q.choices[0].id


def test_opening_a_link_during_an_outage_says_so_and_works_once_it_is_back(store, rubric, monkeypatch):
    token = store.create(new_assessment(rubric, name="Later Co"))
    at = new_app()
    at.query_params["a"] = token
    with pytest.MonkeyPatch.context() as mp:
        outage(mp, "load")
        run(at)
        assert "cannot be opened right now" in text_of(at.warning)
        assert at.query_params["a"] == token  # kept, so a reload tries again
    run(at)
    assert at.session_state["olr-assessment"].company.name == "Later Co"


def test_during_an_outage_only_a_note_whose_change_waits_says_not_saved(open_app, store, rubric):
    """Every note read "not saved yet" while any change waited, even empty notes with nothing to save."""
    at, token = open_app(new_assessment(rubric, name="Acme"), QUESTIONNAIRE)
    q1, q2 = rubric.principles[0].questions[:2]
    run(radio_for(at, q1.id).set_value(q1.choices[0].id))
    run(radio_for(at, q2.id).set_value(q2.choices[0].id))
    at = run(at)
    with pytest.MonkeyPatch.context() as mp:
        outage(mp, "save_answer", "save_choice", "save_note", "save_position", "save_assessment")
        at = run(at.text_area(key=next(t.key for t in at.text_area if t.key.endswith(q1.id))).input("memo"))
        at = run(at)
        labels = [e.label for e in at.expander]
        assert "Evidence note (not saved yet, kept in this tab): memo" in labels
        assert "Add an evidence note (optional)" in labels  # q2's empty note has nothing waiting
    run(at.button(key="retry-saves").click())
    assert store.load(token).assessment.answers[q1.id].evidence == "memo"

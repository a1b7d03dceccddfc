"""One part of a stored assessment at a time: plan entries, profile fields and the worksheet merge
into what is stored, so two tabs (or thirty writers) on one link never remove each other's entries."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.answers import ActionItem, Answer, new_assessment
from assessment.errors import InputError
from assessment.storage.autosave import PendingWrites, SavePlanItem, SaveProfileField, SaveWorkbench
from assessment.storage.store import NotFound, Store
from tests.assessment.storage.test_concurrency import THREADS, _run_at_once


def test_plan_entries_from_two_stale_copies_both_stay(store: Store, rubric) -> None:
    token = store.create(new_assessment(rubric, name="Two Tabs Ltd"))
    tab_a, tab_b = PendingWrites(), PendingWrites()  # each tab's queue, both opened before any entry
    tab_a.add(SavePlanItem(token, "no-niche:0", ActionItem(owner="Ana")))
    assert tab_a.flush(store).ok
    tab_b.add(SavePlanItem(token, "no-niche:1", ActionItem(owner="Ben", due=dt.date(2031, 1, 31))))
    assert tab_b.flush(store).ok
    plan = store.load(token).assessment.action_plan
    assert plan == {"no-niche:0": ActionItem(owner="Ana"),
                    "no-niche:1": ActionItem(owner="Ben", due=dt.date(2031, 1, 31))}
    store.save_plan_item(token, "no-niche:0", None)  # removing one entry leaves the other
    assert store.load(token).assessment.action_plan == {"no-niche:1": plan["no-niche:1"]}
    store.save_plan_item(token, "no-niche:1", ActionItem())  # an empty entry is no entry
    assert store.load(token).assessment.action_plan == {}


def test_a_profile_field_changes_alone_and_answers_stay(store: Store, rubric) -> None:
    token = store.create(new_assessment(rubric, name="Old Name", stage="Seed", niche="Legal", assessor="Dana"))
    q = rubric.questions[0]
    store.save_answer(token, q.id, q.choices[0].id, "memo")
    store.save_profile(token, {"name": "New Name"})
    SaveProfileField(token, "niche", "Contract review")(store)
    got = store.load(token).assessment
    assert (got.company.name, got.company.stage, got.company.niche, got.company.assessor) == (
        "New Name", "Seed", "Contract review", "Dana")
    assert got.answers == {q.id: Answer(choice=q.choices[0].id, evidence="memo")}


@pytest.mark.parametrize(("fields", "problem"), [
    ({"name": "x" * 201}, "name: String should have at most 200 characters"),
    ({"colour": "red"}, "unknown field 'colour'"),
])
def test_a_bad_profile_field_is_refused_and_nothing_changes(store: Store, rubric, fields, problem) -> None:
    token = store.create(new_assessment(rubric, name="Kept"))
    before = store.load(token).assessment
    with pytest.raises(InputError, match=problem):
        store.save_profile(token, fields)
    assert store.load(token).assessment == before


def test_the_worksheet_is_saved_without_touching_the_plan(store: Store, rubric, examples) -> None:
    sheet = examples["harbor-legal-ai"].workbench
    token = store.create(new_assessment(rubric, name="Sheet Co"))
    store.save_plan_item(token, "no-niche:0", ActionItem(owner="Ana"))
    SaveWorkbench(token, sheet)(store)
    got = store.load(token).assessment
    assert got.workbench == sheet and got.action_plan == {"no-niche:0": ActionItem(owner="Ana")}
    with pytest.raises(InputError):
        store.save_workbench(token, {"format_version": 1, "options": "nonsense"})
    assert store.load(token).assessment.workbench == sheet


def test_an_unknown_link_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.save_plan_item("x" * 43, "no-niche:0", ActionItem(owner="Ana"))


def test_30_writers_each_setting_their_own_plan_entry_all_stay(store: Store, rubric) -> None:
    token = store.create(new_assessment(rubric, name="Room Ltd"))

    def own_entry(i: int) -> None:
        for round_ in range(3):
            store.save_plan_item(token, f"gap-{i}:0", ActionItem(owner=f"writer {i} round {round_}"))

    assert _run_at_once(own_entry) == []
    assert store.load(token).assessment.action_plan == {
        f"gap-{i}:0": ActionItem(owner=f"writer {i} round 2") for i in range(THREADS)}


def test_a_note_and_a_choice_from_two_stale_tabs_both_stay(store: Store, rubric) -> None:
    """Found by a breaker: a note saved in a stale tab undid the answer given in the other tab."""
    from assessment.storage.autosave import SaveChoice, SaveNote

    token = store.create(new_assessment(rubric, name="Two Tabs Ltd"))
    store.save_answer(token, "niche-objective", "written", "Board memo")
    tab_a, tab_b = PendingWrites(), PendingWrites()
    tab_b.add(SaveChoice(token, "niche-objective", "dont-know"))  # B changes the answer
    assert tab_b.flush(store).ok
    tab_a.add(SaveNote(token, "niche-objective", "Board memo, 2024-03", "written"))  # A still shows "written"
    assert tab_a.flush(store).ok
    assert store.load(token).assessment.answers["niche-objective"] == Answer(choice="dont-know",
                                                                             evidence="Board memo, 2024-03")
    tab_a.add(SaveChoice(token, "niche-objective", "informal"))  # A's stale copy has the old note
    assert tab_a.flush(store).ok
    assert store.load(token).assessment.answers["niche-objective"] == Answer(choice="informal",
                                                                             evidence="Board memo, 2024-03")
    # A note for an answer removed in the other tab keeps the note with the choice this tab shows.
    store.save_answer(token, "niche-objective", None)
    store.save_note(token, "niche-objective", "Still typed", "written")
    assert store.load(token).assessment.answers["niche-objective"] == Answer(choice="written", evidence="Still typed")
    with pytest.raises(InputError):
        store.save_choice(token, "niche-objective", "no-such-choice")


def test_a_whole_answer_replaces_its_queued_halves_and_halves_never_replace_each_other() -> None:
    from assessment.storage.autosave import SaveAnswer, SaveChoice, SaveNote

    queue = PendingWrites()
    queue.add(SaveChoice("t", "q", "a"))
    queue.add(SaveNote("t", "q", "note", "a"))
    assert len(queue) == 2
    queue.add(SaveAnswer("t", "q", None))
    assert len(queue) == 1

"""The app never stores what it could not give back as a file import accepts (1 MB in all)."""

from __future__ import annotations

from assessment.answers import MAX_ASSESSMENT_BYTES, Answer, dump_assessment, new_assessment, parse_assessment
from tests.ui.conftest import run, text_of
from tests.ui.test_questionnaire import QUESTIONNAIRE, radio_for


def test_a_note_that_would_take_the_assessment_over_1_mb_is_refused_and_stays_in_the_box(store, rubric, open_app):
    questions = rubric.questions
    first = rubric.principles[0].questions[0]
    answers = {q.id: Answer(choice=q.choices[0].id, evidence="n" * 95_000 if i < 11 else "") for i, q in
               enumerate(questions)}
    answers[first.id] = Answer(choice=first.choices[0].id, evidence="short note")
    current = new_assessment(rubric, name="Full Co").model_copy(update={"answers": answers})
    at, token = open_app(current, QUESTIONNAIRE)
    assert radio_for(at, first.id).value == first.choices[0].id
    note = next(t for t in at.text_area if t.value == "short note")
    run(note.input("m" * 99_000))
    stored = store.load(token).assessment
    assert stored.answers[first.id].evidence == "short note"  # nothing changed
    assert "Not saved: the assessment would be" in text_of(at.caption)
    assert "the limit is 1 MB" in text_of(at.caption)
    assert next(t for t in at.text_area if t.value.startswith("m")).value == "m" * 99_000  # still in the box
    # What is stored still downloads as a file that imports again.
    exported = dump_assessment(stored)
    assert len(exported.encode()) <= MAX_ASSESSMENT_BYTES
    assert parse_assessment(exported, rubric) == stored
    # A shorter note fits and is saved.
    run(next(t for t in at.text_area if t.value.startswith("m")).input("m" * 20_000))
    assert store.load(token).assessment.answers[first.id].evidence == "m" * 20_000

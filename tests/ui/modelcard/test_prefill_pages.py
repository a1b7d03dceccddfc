"""Prefill from a model card on Start and Questionnaire: suggestions against their questions, Accept or Ignore."""

from __future__ import annotations

from assessment.answers import Answer, new_assessment
from tests.assessment.modelcard.test_prefill import CARDS
from tests.ui.conftest import new_app, radio_for, run, text_of

START = "ui/pages/start.py"
QUESTIONNAIRE = "ui/pages/questionnaire.py"
PERMISSIVE = (CARDS / "permissive.md").read_text()


def _paste(at, key: str, text: str):
    run(at.text_area(key=f"{key}-paste").input(text))
    return run(at.button(key=f"{key}-read").click())


def _button(at, key: str):
    return next(b for b in at.button if b.key == key)


def test_start_lists_each_suggestion_with_its_question_and_evidence(open_app, rubric):
    at, _ = open_app(new_assessment(rubric, name="Quill"), START)
    at = _paste(at, "start-card", PERMISSIVE)
    shown = text_of(at.markdown)
    assert "**6 suggested answers from pasted model card**" in shown
    _, question = rubric.question_index["weights-released"]
    assert question.text in shown
    assert "**The model card suggests:** Yes - openly downloadable (permissive or widely usable licence)" in shown
    assert ":gray[Evidence (pasted model card):] line 2: license: apache-2.0" in shown


def test_accept_saves_the_answer_with_the_evidence_as_its_note(open_app, rubric, store):
    at, token = open_app(new_assessment(rubric, name="Quill"), START)
    at = _paste(at, "start-card", PERMISSIVE)
    assert store.load(token).assessment.answers == {}  # nothing is answered by reading a card
    at = run(_button(at, "start-card-accept-weights-released").click())
    saved = store.load(token).assessment.answers
    assert saved == {"weights-released": Answer(
        choice="open", evidence="From the model card (pasted model card): line 2: license: apache-2.0")}
    assert not any(b.key == "start-card-accept-weights-released" for b in at.button)  # it has left the list
    at = run(_button(at, "start-card-ignore-models-compute").click())
    assert "models-compute" not in store.load(token).assessment.answers
    assert not any(b.key == "start-card-accept-models-compute" for b in at.button)


def test_an_answer_already_given_stays_until_replace_is_clicked(open_app, rubric, store):
    given = new_assessment(rubric, name="Quill").model_copy(update={"answers": {
        "weights-released": Answer(choice="older-only", evidence="Our own note, typed by hand")}})
    at, token = open_app(given, START)
    at = _paste(at, "start-card", PERMISSIVE)
    shown = text_of(at.markdown)
    _, question = rubric.question_index["weights-released"]
    older = next(c.label for c in question.choices if c.id == "older-only")
    assert f"Your answer now: {older}. It stays unless you replace it." in shown
    replace = _button(at, "start-card-accept-weights-released")
    assert replace.label == "Replace my answer"
    assert store.load(token).assessment.answers["weights-released"].choice == "older-only"
    run(replace.click())
    answer = store.load(token).assessment.answers["weights-released"]
    assert answer.choice == "open"
    # The typed note is kept, the evidence added after it.
    assert answer.evidence == ("Our own note, typed by hand\n"
                               "From the model card (pasted model card): line 2: license: apache-2.0")


def test_a_bad_card_gets_a_clear_message_and_changes_nothing(open_app, rubric, store):
    at, token = open_app(new_assessment(rubric, name="Quill"), START)
    at = _paste(at, "start-card", PERMISSIVE)
    at = _paste(at, "start-card", (CARDS / "broken.md").read_text())
    errors = text_of(at.error)
    assert "This model card could not be read." in errors
    assert "the front matter is not valid YAML at line 4, column 1" in errors
    assert "6 suggested answers" in text_of(at.markdown)  # the earlier card's suggestions still wait
    assert store.load(token).assessment.answers == {}


def test_without_an_open_assessment_the_suggestions_wait_for_the_questionnaire(store, rubric):
    at = run(new_app())
    at = _paste(at, "start-card", PERMISSIVE)
    assert "Start a new assessment or resume yours to accept suggestions" in text_of(at.caption)
    assert not any((b.key or "").startswith("start-card-accept-") for b in at.button)
    at.text_input[0].input("Quill Labs")
    at = run(at.button(key="FormSubmitter:new-assessment-Start the assessment").click())
    # On the questionnaire the suggestions wait, with buttons to go where they are.
    labels = [b.label for b in at.button]
    assert "Train good models (with a reality check) (3)" in labels and "Release the model weights (2)" in labels


def test_on_the_questionnaire_a_suggestion_sits_in_its_question(open_app, rubric, store):
    at, token = open_app(new_assessment(rubric, name="Quill"), QUESTIONNAIRE)
    at = run(at.toggle(key="questionnaire-card-open").set_value(True))
    at = _paste(at, "questionnaire-card", PERMISSIVE)
    at = run(_button(at, "modelcard-go-good-models").click())
    assert at.header[0].value.endswith("Train good models (with a reality check)")
    at = run(_button(at, "inline-accept-models-eval-breadth").click())
    answer = store.load(token).assessment.answers["models-eval-breadth"]
    assert answer.choice == "several" and answer.evidence.startswith("From the model card (pasted model card): line 12")
    assert radio_for(at, "models-eval-breadth").value == "several"  # the radio shows the accepted answer
    assert any(t.value == answer.evidence for t in at.text_area)  # and its note the evidence


def test_an_empty_paste_says_the_box_takes_at_most_a_million_characters(open_app, rubric, store):
    """Found by a breaker: a 2 MB paste left the box empty and the message only asked to paste first."""
    at, token = open_app(new_assessment(rubric, name="Quill"), START)
    at = run(at.button(key="start-card-read").click())
    shown = text_of(at.error)
    assert "The box is empty." in shown and "A paste over 1,000,000 characters is not taken by the box" in shown
    assert store.load(token).assessment.answers == {}


def test_one_suggestion_is_counted_in_the_singular(open_app, rubric):
    at, _ = open_app(new_assessment(rubric, name="Quill"), START)
    at = _paste(at, "start-card", "---\nlicense: apache-2.0\n---\n# A model\n")
    shown = text_of(at.markdown)
    assert "**1 suggested answer from pasted model card**" in shown

"""One question: text, why it matters, the choices (with "don't know") and an optional evidence note."""

from __future__ import annotations

import streamlit as st

from assessment.answers import Answer
from assessment.rubric import Question, Rubric
from ui import session


def _answer_key(question_id: str) -> str:
    return f"answer-{session.generation()}-{question_id}"


def _note_key(question_id: str) -> str:
    return f"note-{session.generation()}-{question_id}"


def _answered(question_id: str) -> None:
    skipped_before = session.result().skipped
    session.save_answer(question_id, st.session_state[_answer_key(question_id)])
    if session.result().skipped != skipped_before:
        st.rerun()  # the answer makes other questions apply or not: re-draw them all
    # Only what an answer changes is re-drawn: this question, the progress, the live indicator.
    session.redraw(session.question_fragment(question_id), session.PROGRESS_FRAGMENT)


def _noted(question_id: str) -> None:
    session.save_evidence(question_id, st.session_state[_note_key(question_id)] or "")
    session.redraw(session.question_fragment(question_id))


def show(rubric: Rubric, question: Question, number: int, total: int) -> None:
    """Draw the question as its own fragment; the widgets' callbacks save changes through `session`."""

    def block() -> None:
        found = session.current()
        if found is None:
            return
        answer = found[1].answers.get(question.id)
        if question.id in session.result().skipped:
            _draw_skipped(question, answer, number, total)
        else:
            _draw(rubric, question, answer, number, total)

    st.fragment(block, key=session.question_fragment(question.id))()


def _draw_skipped(question: Question, answer: Answer | None, number: int, total: int) -> None:
    """A question that does not apply to the answers given (the rubric's `skip_when`)."""
    kept = " Your earlier answer is kept, but it does not count while the question is not asked." if answer else ""
    with st.container(border=True):
        st.markdown(f"**Question {number} of {total}.** :gray[{question.text}] :gray-badge[Not asked]  \n"
                    f":gray[:small[{question.skip_note}{kept}]]")


def _draw(rubric: Rubric, question: Question, answer: Answer | None, number: int, total: int) -> None:
    choices = rubric.choices_for(question)
    ids = [c.id for c in choices]
    labels = {c.id: c.label for c in choices}
    with st.container(border=True):
        badge = "" if answer is not None else " :orange-badge[Not answered yet]"
        st.markdown(f"**Question {number} of {total}.** {question.text}{badge}  \n"
                    f":gray[:small[Why it matters: {' '.join(question.help.split())}]]")
        st.radio(
            question.text,
            ids,
            index=ids.index(answer.choice) if answer is not None and answer.choice in labels else None,
            format_func=labels.__getitem__,
            key=_answer_key(question.id),
            on_change=_answered,
            args=(question.id,),
            label_visibility="collapsed",
        )
        if answer is not None:
            st.text_area(
                question.evidence_prompt,
                value=answer.evidence,
                key=_note_key(question.id),
                on_change=_noted,
                args=(question.id,),
                max_chars=100_000,
                height=68,
                placeholder="A link, a document name or a sentence - printed in your report.",
            )
            _note_status(question.id, answer.evidence)


def _note_status(question_id: str, stored: str) -> None:
    """An explicit "Save note" button and whether the note is stored: typed text counts only once saved.

    The note is also saved when the box loses focus or on Ctrl+Enter; the button makes that visible
    for people who would otherwise type and reload.
    """
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    row.button("Save note", key=f"save-{_note_key(question_id)}", icon=":material/save:", on_click=_noted,
               args=(question_id,))
    how = "Saved when you click outside the box, press Ctrl+Enter or click Save note."
    if session.save_status().pending:
        row.caption(f":orange[:material/cloud_off: Not saved yet: kept in this tab until the database is back.] {how}")
    elif stored:
        row.caption(f":green[:material/check: Note saved.] {how}")
    else:
        row.caption(how)

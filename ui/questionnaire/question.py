"""One question: text, why it matters, the choices (with "don't know") and an optional evidence note."""

from __future__ import annotations

import streamlit as st

from assessment.answers import MAX_NOTE_CHARS, Answer
from assessment.errors import InputError
from assessment.rubric import Question, Rubric
from ui import session
from ui.frame.text import md_escape
from ui.modelcard import review
from ui.modelcard.pending import suggestion_for
from ui.questionnaire import navigator


def _answer_key(question_id: str) -> str:
    return f"answer-{session.generation()}-{question_id}"


def _note_key(question_id: str) -> str:
    return f"note-{session.generation()}-{question_id}"


def show_saved(question_id: str) -> None:
    """After the answer changed elsewhere (a model card suggestion accepted): its widgets take the saved
    choice and note. Setting their state (not dropping it) also updates what the browser holds, which
    would otherwise send its old values back with the next click and undo the change."""
    found = session.current()
    answer = found[1].answers.get(question_id) if found is not None else None
    if answer is None:
        return
    st.session_state[_answer_key(question_id)] = answer.choice
    st.session_state[_note_key(question_id)] = answer.evidence


def _refused_key(question_id: str) -> str:
    return f"note-refused-{session.generation()}-{question_id}"


def _drawn_around(question_id: str) -> tuple[object, ...]:
    """What the question's block shows besides the radio's own choice: its badge and its note box (or a
    suggestion, drawn against the answer, so any change re-draws it)."""
    answer = session.require()[1].answers.get(question_id)
    if answer is None or suggestion_for(question_id) is not None:
        return (answer,)
    return (answer.choice == session.rubric().dont_know.id, question_id in session.to_confirm(), answer.evidence)


def _drawn_key() -> str:
    return f"questions-drawn-{session.generation()}"


def _answered(question_id: str) -> None:
    skipped_before = session.result().skipped
    session.save_answer(question_id, st.session_state[_answer_key(question_id)])
    if session.result().skipped != skipped_before:
        st.rerun()  # the answer makes other questions apply or not: re-draw them all
    # Only what is out of date is re-drawn: the live indicator always; a question's block and the
    # progress when what they show now differs from what they showed when last drawn (a first answer,
    # a "don't know", a carried-over answer now confirmed). A changed choice is already on screen: the
    # radio drew it as it was clicked. Compared with the last drawing, not with the state before this
    # click: a quick next click can supersede the re-draw an earlier one asked for.
    drawn = st.session_state.get(_drawn_key(), {})
    stale = [session.question_fragment(q.id) for q in session.position().questions
             if q.id in drawn and drawn[q.id] != _drawn_around(q.id)]
    session.redraw(*stale, *([session.PROGRESS_FRAGMENT] if navigator.progress_stale() else []))


def _confirmed(question_id: str) -> None:
    session.confirm_answer(question_id)
    session.redraw(session.question_fragment(question_id), session.PROGRESS_FRAGMENT)


def _noted(question_id: str) -> None:
    # No explicit re-draw: the default one is this question's fragment, or the whole page when the
    # note arrives with a click on another page (a keyed rerun here would undo that navigation).
    try:
        session.save_evidence(question_id, st.session_state[_note_key(question_id)] or "")
        st.session_state.pop(_refused_key(question_id), None)
    except InputError as exc:  # the note would take the assessment over what a file can hold
        st.session_state[_refused_key(question_id)] = exc.message


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
        # Recorded once the block is drawn whole: a run cut short by a newer click leaves it out of date.
        st.session_state.setdefault(_drawn_key(), {})[question.id] = _drawn_around(question.id)

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
        pending = answer is not None and question.id in session.to_confirm()
        badge = (" :orange-badge[Not answered yet]" if answer is None
                 else " :violet-badge[To confirm]" if pending
                 else " :violet-badge[Don't know - find out]" if answer.choice == rubric.dont_know.id else "")
        st.markdown(f"**Question {number} of {total}.** {question.text}{badge}  \n"
                    f":gray[:small[Why it matters: {' '.join(question.help.split())}]]")
        # Where the widget already holds a value (clicked, or set by `show_saved`), that value is shown.
        known = answer is not None and answer.choice in labels and _answer_key(question.id) not in st.session_state
        st.radio(
            question.text,
            ids,
            index=ids.index(answer.choice) if known else None,
            format_func=labels.__getitem__,
            key=_answer_key(question.id),
            on_change=_answered,
            args=(question.id,),
            label_visibility="collapsed",
        )
        review.show_inline(rubric, question, answer, after=show_saved)
        if pending:
            st.button("Confirm this answer", key=f"confirm-{_answer_key(question.id)}", icon=":material/check:",
                      on_click=_confirmed, args=(question.id,),
                      help="Carried over from the last round: confirm it if it still holds, or pick another answer.")
        if answer is not None:
            _note(question, answer)


def _note(question: Question, answer: Answer) -> None:
    """The evidence note, collapsed to one line until asked for; saved when the box is left.

    Leaving it by any route saves it: a click or Tab elsewhere, Ctrl+Enter, or a click on another
    page in the sidebar (the last value then arrives with the navigation; see `session.redraw`).
    """
    note = " ".join(answer.evidence.split())
    preview = md_escape(note if len(note) <= 90 else note[:89] + "…")
    if session.note_waiting(question.id):  # this note's own change waits, not just any change
        label = f"Evidence note (not saved yet, kept in this tab): {preview}"
    else:
        label = f"Evidence note: {preview}" if note else "Add an evidence note (optional)"
    with st.expander(label, icon=":material/edit:"):
        st.text_area(
            question.evidence_prompt,
            value=answer.evidence if _note_key(question.id) not in st.session_state else "",
            key=_note_key(question.id),
            on_change=_noted,
            args=(question.id,),
            height=68,
            placeholder="A link, a document name or a sentence - printed in your report. Saved when you leave the box.",
        )
        typed = st.session_state.get(_note_key(question.id)) or ""
        if len(typed) > MAX_NOTE_CHARS:
            st.warning(f"This note has {len(typed):,} characters; at most {MAX_NOTE_CHARS:,} can be saved."
                       " Shorten it (or link to a document): until then the saved note stays as it was.")
        refused = st.session_state.get(_refused_key(question.id))
        if refused:
            st.caption(f":red[:material/error: Not saved: {md_escape(refused)}] Your text stays in the box.")

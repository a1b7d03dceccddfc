"""Saving: each change goes to this session at once and to the store through a queue
(`assessment.storage.autosave.PendingWrites`), so a database outage loses nothing; and the keyed
fragments a change re-draws instead of the whole app."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

from assessment.answers import MAX_NOTE_CHARS, Answer, Assessment, check_fits
from ui.session import history
from ui.session.resources import autosave, rubric, store
from ui.session.state import _DOC, _ERROR, _PENDING, _POSITION, SaveStatus, current, require, save_status

if TYPE_CHECKING:
    from assessment.storage.autosave import Op, PendingWrites

# Keyed fragments: a change re-draws only these, not the whole app (see `redraw`).
LIVE_FRAGMENT = "live-indicator"  # the sidebar's score, level and completeness
PROGRESS_FRAGMENT = "questionnaire-progress"  # the questionnaire's progress bar and principle pills


def question_fragment(question_id: str) -> str:
    """The key of one question's block on the questionnaire page."""
    return f"question-{question_id}"

def _queue() -> PendingWrites:
    queue = st.session_state.get(_PENDING)
    if queue is None:
        queue = st.session_state[_PENDING] = autosave().PendingWrites()
    return queue


def _write(ops: Iterable[Op]) -> None:
    queue = _queue()
    for op in ops:
        queue.add(op)
    retry_saves()


def redraw(*fragments: str) -> None:
    """From a widget callback: re-draw the live indicator and the named fragments only.

    A click on an answer then costs a fraction of a full app rerun. When a change could not be
    saved, the whole app reruns instead, so the warning about it shows at once. When the callback
    runs in the run of another page (the person left right after a change, so the widget's last
    value arrives with the navigation), it does nothing: that page is drawn whole anyway, and a
    fragment re-draw there would fail (its fragment is not on that page) or undo the navigation.
    """
    if not _same_page():
        return
    status = save_status()
    if status.pending or status.error:
        st.rerun()
    try:
        st.rerun([LIVE_FRAGMENT, *fragments])
    except StreamlitAPIException:  # a fragment not drawn (yet) in this session: draw the whole page
        st.rerun()


_PAGE = "olr-page-drawn"


def mark_page_drawn() -> None:
    """Called once per whole-page run (after `st.navigation`): the page whose widgets are on screen."""
    ctx = get_script_run_ctx()
    st.session_state[_PAGE] = ctx.page_script_hash if ctx is not None else None


def _same_page() -> bool:
    """In a callback: True when this run is for the page that drew the widget (not a move to another)."""
    ctx = get_script_run_ctx()
    return ctx is not None and ctx.page_script_hash == st.session_state.get(_PAGE)


def retry_saves() -> SaveStatus:
    """Write whatever is queued; on an outage the changes stay queued (and in this session)."""
    queue = _queue()
    if len(queue):
        outcome = queue.flush(store())
        st.session_state[_ERROR] = outcome.error
    elif st.session_state.get(_ERROR) and not len(queue):
        st.session_state[_ERROR] = None
    return save_status()


def note_waiting(question_id: str) -> bool:
    """Whether this question's note has a change that waits for the database (during an outage)."""
    return any(isinstance(op, autosave().SaveNote) and op.question_id == question_id for op in _queue().ops)


def _replace(doc: Assessment) -> None:
    st.session_state[_DOC] = doc


def save_answer(question_id: str, choice: str | None) -> None:
    """Record a choice (None clears it), keeping the question's evidence note."""
    token, doc = require()
    history.answered(token, question_id)
    answers = dict(doc.answers)
    old = answers.get(question_id)
    evidence = old.evidence if old is not None else ""
    if choice is None:
        answers.pop(question_id, None)
    else:
        answers[question_id] = Answer(choice=choice, evidence=evidence)
    _replace(doc.model_copy(update={"answers": answers}))
    # The choice alone: a note saved meanwhile from another tab on this link is not written over.
    _write([autosave().SaveAnswer(token, question_id, None) if choice is None
            else autosave().SaveChoice(token, question_id, choice)])


def save_evidence(question_id: str, evidence: str) -> None:
    """Record the evidence note of an answered question. A NUL character (invisible, pasted from a binary
    source) is dropped: no database stores it and no file with one imports again."""
    evidence = evidence.replace("\x00", "")
    token, doc = require()
    old = doc.answers.get(question_id)
    if old is None or old.evidence == evidence or len(evidence) > MAX_NOTE_CHARS:
        return  # nothing to save, or too long to store (the question says so and keeps the text)
    answers = {**doc.answers, question_id: Answer(choice=old.choice, evidence=evidence)}
    changed = doc.model_copy(update={"answers": answers})
    check_fits(changed, "note")  # never store what could not be downloaded and imported again
    _replace(changed)
    # The note alone: a choice made meanwhile in another tab on this link is not undone.
    _write([autosave().SaveNote(token, question_id, evidence, old.choice)])


def save_assessment(assessment: Assessment) -> None:
    """Replace the open assessment and save what changed in its company, action plan and workbench.

    Each changed plan entry, profile field and the workbench is written as its own change, merged
    into what is stored (as answers are, one by one via `save_answer`): another tab on the same link
    keeps its own entries, and a stale copy of the answers here is never written back.
    """
    token, before = require()
    check_fits(assessment)  # never store what could not be downloaded and imported again
    _replace(assessment)
    ops: list[Op] = []
    for key in sorted(set(before.action_plan) | set(assessment.action_plan)):
        item = assessment.action_plan.get(key)
        if item != before.action_plan.get(key):
            ops.append(autosave().SavePlanItem(token, key, item))
    old_company, new_company = before.company.model_dump(), assessment.company.model_dump()
    for field, value in new_company.items():
        if value != old_company.get(field):
            ops.append(autosave().SaveProfileField(token, field, value))
    if assessment.workbench != before.workbench:
        ops.append(autosave().SaveWorkbench(token, assessment.workbench))
    if ops:
        _write(ops)


def save_profile_field(field: str, value: str) -> None:
    """Change one field of the company profile (name, stage, niche, assessor)."""
    _, doc = require()
    save_assessment(doc.model_copy(update={"company": doc.company.model_copy(update={field: value})}))


def set_position(principle_id: str) -> None:
    """Move the questionnaire to a principle (remembered with the assessment)."""
    if principle_id not in rubric().principle_index:
        return
    st.session_state[_POSITION] = principle_id
    found = current()
    if found is not None:
        _write([autosave().SavePosition(found[0], principle_id)])


def confirm_answer(question_id: str) -> None:
    """Keep a carried-over answer as it is: saving it again confirms it for this round."""
    _, doc = require()
    answer = doc.answers.get(question_id)
    if answer is not None:
        save_answer(question_id, answer.choice)

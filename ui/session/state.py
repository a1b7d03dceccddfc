"""The open assessment of this browser session: its session-state keys and every read of it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from assessment.answers import Assessment
from assessment.rubric import Principle, Question
from assessment.scoring import Result, score_assessment
from ui.session.resources import rubric

# Session-state keys owned by this module (no page touches them directly).
_TOKEN = "olr-token"  # noqa: S105 - a session-state key, not a secret
_DOC = "olr-assessment"
_POSITION = "olr-position"
_PENDING = "olr-pending"
_ERROR = "olr-save-error"
_GENERATION = "olr-generation"
_RESULT = "olr-result"
_NOTICE = "olr-notice"
_FAILED_LINK = "olr-failed-link"

@dataclass(frozen=True)
class SaveStatus:
    pending: int  # changes not yet in the database
    error: str | None  # why not, in one line



def current() -> tuple[str, Assessment] | None:
    """(resume token, assessment) of the open assessment, or None."""
    doc = st.session_state.get(_DOC)
    return None if doc is None else (st.session_state[_TOKEN], doc)


def require() -> tuple[str, Assessment]:
    """Like `current()`, but a page without an open assessment points to Start and stops."""
    found = current()
    if found is None:
        st.info("No assessment is open yet. Start a new one, resume yours with its link, or import a file.")
        st.page_link("ui/pages/start.py", label="Go to the Start page", icon=":material/home:")
        st.stop()
    return found


def result() -> Result:
    """The engine's result for the open assessment (computed once per saved change)."""
    _, doc = require()
    cached = st.session_state.get(_RESULT)
    if cached is not None and cached[0] is doc:
        return cached[1]
    value = score_assessment(rubric(), doc)
    st.session_state[_RESULT] = (doc, value)
    return value


def generation() -> int:
    """Changes whenever another assessment is opened; widget keys include it so none shows stale values."""
    return st.session_state.get(_GENERATION, 0)


def position() -> Principle:
    """The principle on screen in the questionnaire."""
    r = rubric()
    pid = st.session_state.get(_POSITION)
    return r.principle_index.get(pid) or r.principles[0] if pid else r.principles[0]


def numbered_questions(principle: Principle) -> list[tuple[int, Question]]:
    """The principle's questions with their number in the whole questionnaire (1-based)."""
    first = 1
    for p in rubric().principles:
        if p.id == principle.id:
            break
        first += len(p.questions)
    return [(first + i, q) for i, q in enumerate(principle.questions)]


def save_status() -> SaveStatus:
    pending = st.session_state.get(_PENDING)
    return SaveStatus(pending=len(pending) if pending is not None else 0, error=st.session_state.get(_ERROR))


def take_notice() -> tuple[str, str] | None:
    """A one-time (kind, message) left by `restore`, e.g. an unknown resume link."""
    return st.session_state.pop(_NOTICE, None)



"""The suggestions waiting for a person's click: read from a card, kept in this browser session.

Owns its session-state key. A suggestion leaves only by Accept (it becomes the answer, its evidence
the note) or Ignore; reading another card replaces the waiting ones. Nothing here is saved until accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from assessment.answers import Answer
from assessment.modelcard import Suggestion
from ui import session

_KEY = "modelcard-pending"


@dataclass
class Pending:
    source: str = ""
    suggestions: dict[str, Suggestion] = field(default_factory=dict)
    unmapped: int = 0


def pending() -> Pending:
    value = st.session_state.get(_KEY)
    if value is None:
        value = st.session_state[_KEY] = Pending()
    return value


def replace(source: str, suggestions: dict[str, Suggestion], unmapped: int) -> None:
    st.session_state[_KEY] = Pending(source, dict(suggestions), unmapped)


def suggestion_for(question_id: str) -> Suggestion | None:
    return pending().suggestions.get(question_id)


def note_after_accept(suggestion: Suggestion, source: str, old: Answer | None) -> str:
    """The note an accepted answer carries: the card's evidence, after any note the person had typed."""
    evidence = suggestion.as_note(source)
    typed = old.evidence.rstrip() if old is not None else ""
    if not typed:
        return evidence
    return typed if evidence in typed else f"{typed}\n{evidence}"


def accept(question_id: str, after: Callable[[str], None] | None = None) -> None:
    """A click on Accept: the suggestion becomes the answer and its evidence the note (typed notes are kept)."""
    state = pending()
    suggestion = state.suggestions.pop(question_id, None)
    found = session.current()
    if suggestion is None or found is None:
        return
    old = found[1].answers.get(question_id)
    session.save_answer(question_id, suggestion.choice)
    session.save_evidence(question_id, note_after_accept(suggestion, state.source, old))
    if after is not None:
        after(question_id)


def ignore(question_id: str) -> None:
    pending().suggestions.pop(question_id, None)


def ignore_all() -> None:
    pending().suggestions.clear()

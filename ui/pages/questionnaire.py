"""Questionnaire: one principle at a time, grouped by pillar; every answer is saved as it is given.

The progress and each question are keyed fragments: an answer re-draws its own question, the
progress and the sidebar's live indicator, not the whole app (see `session.redraw`).
"""

import streamlit as st

from ui import session
from ui.components import navigator, question


@st.fragment(key=session.PROGRESS_FRAGMENT)
def progress() -> None:
    navigator.show_progress(session.rubric(), session.result(), session.position())


rubric = session.rubric()
session.require()
principle = session.position()
pillar = rubric.pillar_index[principle.pillar]

progress()
st.header(f"{pillar.title}: {principle.title}")
st.caption(principle.summary)
for number, q in session.numbered_questions(principle):
    question.show(rubric, q, number, len(rubric.questions))
navigator.show_prev_next(rubric, principle)
navigator.scroll_to_top_after_move()

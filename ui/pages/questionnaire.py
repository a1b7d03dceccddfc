"""Questionnaire: one principle at a time, grouped by pillar; every answer is saved as it is given."""

import streamlit as st

from ui import session
from ui.components import navigator, question

rubric = session.rubric()
_, assessment = session.require()
result = session.result()
principle = session.position()
pillar = rubric.pillar_index[principle.pillar]

navigator.show_progress(rubric, result, principle)

st.header(f"{pillar.title}: {principle.title}")
st.caption(principle.summary)
for number, q in session.numbered_questions(principle):
    question.show(rubric, q, assessment.answers.get(q.id), number, len(rubric.questions))

navigator.show_prev_next(rubric, principle)

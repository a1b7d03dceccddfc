"""Questionnaire: one principle at a time, grouped by pillar; every answer is saved as it is given.

The progress and each question are keyed fragments: an answer re-draws its own question, the
progress and the sidebar's live indicator, not the whole app (see `session.redraw`).
"""

import streamlit as st

from ui import session
from ui.frame.text import md_escape
from ui.modelcard import card_input, review
from ui.questionnaire import navigator, question
from ui.workshop import session as workshop


@st.fragment(key=session.PROGRESS_FRAGMENT)
def progress() -> None:
    result = session.result()
    navigator.show_progress(session.rubric(), result, session.position(), session.still_to_confirm(result.skipped))


rubric = session.rubric()
token, _ = session.require()
principle = session.position()
pillar = rubric.pillar_index[principle.pillar]

joined = workshop.participant(token)
if joined is not None:
    st.caption(f":material/groups: Workshop **{md_escape(joined.workshop)}** · {md_escape(joined.company)}"
               f" · you answer as **{md_escape(joined.display_name)}**. Nobody else in the workshop sees your answers.")
progress()
if carried := len(session.still_to_confirm(session.result().skipped)):  # as the progress above counts
    st.info(f"This is a new round: {carried} answer{'s' if carried != 1 else ''} carried over from the last one"
            f" {'are' if carried != 1 else 'is'} marked To confirm. Confirm each one that still holds, or change it.",
            icon=":material/restart_alt:")
if st.toggle("Prefill from a model card", key="questionnaire-card-open",
             help="Read your Hugging Face model card for suggested answers, each shown against its question."):
    with st.container(border=True):
        card_input.show("questionnaire-card")
review.summary(rubric, session.set_position)
st.header(f"{pillar.title}: {principle.title}")
st.caption(principle.summary)
for number, q in session.numbered_questions(principle):
    question.show(rubric, q, number, len(rubric.questions))
navigator.show_prev_next(rubric, principle)
navigator.scroll_to_top_after_move()

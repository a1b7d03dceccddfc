"""Methodology: how scoring, weights, levels and gates work - generated from the rubric itself."""

import streamlit as st

from ui import session
from ui.methodology import tables as methodology

rubric = session.rubric()

st.title("Methodology")
st.markdown(f"{rubric.description}  \n\n*Source:* {' '.join(rubric.source.split())}")

st.subheader("How the score is computed")
for line in methodology.rules(rubric):
    st.markdown(f"- {line}")

st.subheader("Weights")
st.table(methodology.weights(rubric), hide_index=True, border="horizontal")

st.subheader("Readiness levels")
st.table(methodology.levels(rubric), hide_index=True, border="horizontal")

st.subheader("Gap severities and gates")
st.table(methodology.severities(rubric), hide_index=True, border="horizontal")

st.subheader(f"The {len(rubric.gap_rules)} gap rules")
st.table(methodology.gap_rules(rubric), hide_index=True, border="horizontal")
st.caption(f"Rubric {rubric.id}, version {rubric.version}.")

"""Open LLM Readiness - Streamlit entry point (placeholder until the app pages land)."""

import streamlit as st

from assessment.rubric import load_rubric

st.set_page_config(page_title="Open LLM Readiness", layout="wide")
rubric = load_rubric()
st.title(rubric.title)
st.write(rubric.description)

"""Workshops: cohort consensus and disagreement (`cohort`), facilitator secrets (`auth`), tables and store.

May import the engine and `assessment.storage`; never `reports`, `ui` or streamlit.
"""

"""Workshop exports: the cohort CSV and Excel sheets, consensus reports and their ZIP (`exports`).

May import `reports` and `assessment.workshop`; never `ui` or streamlit.
"""

"""The price/performance section of the report (`section`) and its vector charts (`charts`).

May import `reports.blocks`, `reports.pdf.palette`/`text` and `assessment.workbench`; never `ui` or streamlit.
"""

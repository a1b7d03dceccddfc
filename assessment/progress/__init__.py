"""Progress over time: comparing two assessments or snapshots (`compare`), the trend over the history
(`trend`), and the snapshots in the database (`tables`, `store`).

`compare` and `trend` are pure Python on the core engine; `store` is built on `assessment.storage`.
Never imports `reports`, `ui` or streamlit.
"""

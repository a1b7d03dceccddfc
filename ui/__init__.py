"""The Streamlit face: `pages/` (one file a page), the open assessment (`session/`), and a folder of
components per feature (`frame`, `questionnaire`, `results`, `files`, `methodology`, `workbench`, `workshop`).

The top layer: may import `reports` and `assessment`; no scoring or storage logic lives here.
"""

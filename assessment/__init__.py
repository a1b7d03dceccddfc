"""The engine: rubric, answers, scoring, what-if, verdict wording and errors. Pure Python.

May import only the standard library, pydantic, PyYAML and pandas (and `modelcard/` huggingface_hub's card
parser); never `reports`, `ui`, `cli` or streamlit. Features live in subpackages: `storage/` (database),
`workshop/` (cohorts), `workbench/` (price/performance), `exports/` (file names and spreadsheet cells),
`modelcard/` (prefill from a model card).
"""

"""Property: prefill raises nothing but InputError, whatever the bytes, text or metadata of a card."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.errors import InputError
from assessment.modelcard import prefill_card
from assessment.rubric import load_rubric

RUBRIC = load_rubric()
KEYS = ["license", "license_name", "library_name", "base_model", "datasets", "model-index", "tags", "language",
        "pipeline_tag", "extra_gated_prompt", "gated", "eval_results", "model_name", "to_dict", "task_categories",
        "sdk", "metrics", "title"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.sampled_from(["mit", "apache-2.0", "cc-by-nc-4.0", "other", "llama3", ""]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(
        ["name", "results", "task", "dataset", "metrics", "type", "value"]), st.text(max_size=8)), inner, max_size=4)),
    max_leaves=25)
metadata = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), values, max_size=8)
body = st.text(max_size=200) | st.sampled_from(["```python\nimport x\n```\n", "~~~\n", "```"])


def _check(raw: bytes | str) -> None:
    try:
        result = prefill_card(raw, RUBRIC, "card.md")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    for qid, s in result.suggestions.items():
        _, question = RUBRIC.question_index[qid]
        assert question.choice(s.choice) is not None
        assert s.evidence and "\n" not in s.evidence


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=metadata, text=body)
def test_any_metadata_gives_suggestions_or_an_input_error(data, text):
    try:
        front = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return
    _check(f"---\n{front}---\n{text}")


@settings(max_examples=150, deadline=None)
@given(raw=st.binary(max_size=300))
def test_any_bytes_give_suggestions_or_an_input_error(raw):
    _check(raw)
    _check(b"---\n" + raw + b"\n---\n")


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_gives_suggestions_or_an_input_error(text):
    _check(text)
    _check("---\nlicense: mit\n" + text + "\n---\n" + text)

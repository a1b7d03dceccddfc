"""Bad model cards: each gets one clear line naming the problem (InputError), never another exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.errors import InputError
from assessment.modelcard import prefill_card, read_card_file

CARDS = Path(__file__).parent / "cards"


def _error(raw: bytes | str, rubric) -> InputError:
    with pytest.raises(InputError) as caught:
        prefill_card(raw, rubric, "card.md")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("card.md: ")
    return caught.value


@pytest.mark.parametrize(("raw", "kind", "expected"), [
    ((CARDS / "no-metadata.md").read_bytes(), "no-front-matter", "no YAML front matter: a model card starts with"),
    ((CARDS / "broken.md").read_bytes(), "broken-yaml", "the front matter is not valid YAML at line 4, column 1"),
    ((CARDS / "dataset-card.md").read_bytes(), "not-model-card",
     "this is a dataset card (size_categories, task_categories), not a model card"),
    (b"---\nlicense: mit\n# never closed\n", "no-front-matter", "opened on line 1 is never closed"),
    (b"---\n---\n# empty\n", "not-model-card", "the front matter is empty"),
    (b"---\n- a\n- b\n---\n", "not-model-card", "the front matter is a list, not the field: value metadata"),
    (b"---\njust text\n---\n", "not-model-card", "the front matter is a single value"),
    (b"---\ntitle: My post\nlayout: blog\n---\n", "not-model-card",
     "none of a model card's fields (license, library_name, base_model, datasets, model-index, ...); it has layout"),
    (b"---\nsdk: gradio\napp_file: app.py\nlicense: mit\n---\n", "not-model-card", "Hugging Face Space card"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not-text", "not a text file (it holds NUL bytes)"),
    (b"---\nlicense: \xff\xfe mit\n---\n", "not-text", "not a UTF-8 text file"),
    (b"---\n" + b"x: " + b"a" * 1_000_001 + b"\n---\n", "too-large", "the limit is 1 MB"),
    (b"---\n" + b"[" * 5000 + b"\n---\n", "broken-yaml", "front matter"),
    (b"---\n1: one\nlicense: mit\n---\n", "not-model-card", "the metadata is not a valid model card"),
    # Found by a breaker: a card that contains itself hung the process; last-wins keys; Python's int message.
    (b"---\nlicense: mit\na: &a [*a]\n---\n", "broken-yaml", "expands to more than 200,000 values (YAML aliases)"),
    (b"---\nlicense: mit\na: &a {b: *a}\n---\n", "broken-yaml", "expands to more than 200,000 values"),
    (b"---\nlicense: mit\nb: &b [1, {c: [*b]}]\n---\n", "broken-yaml", "expands to more than 200,000 values"),
    (b"---\nlibrary_name: x\nlicense: mit\nlicense: llama2\n---\n", "broken-yaml",
     "the front matter cannot be used: duplicate key 'license' at line 4, column 1"),
    (b"---\nlicense: mit\nx: " + b"9" * 10_000 + b"\n---\n", "broken-yaml",
     "a number with 10,000 digits (at most 30 are accepted)"),
])
def test_each_bad_card_is_named(rubric, raw, kind, expected):
    error = _error(raw, rubric)
    assert expected in error.message
    assert error.kind == kind


def test_an_alias_bomb_is_refused_before_it_is_expanded(rubric):
    lines = ["---", "license: mit", 'a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    lines += ["model-index: *a8", "---"]
    error = _error("\n".join(lines), rubric)
    assert "expands to more than 200,000 values (YAML aliases)" in error.message


def test_a_file_over_1_mb_is_named_without_reading_it_whole(tmp_path):
    big = tmp_path / "README.md"
    big.write_bytes(b"---\nlicense: mit\n---\n" + b"x" * 2_000_000)
    with pytest.raises(InputError, match=r"README.md: the model card is 2,000,021 bytes; the limit is 1 MB"):
        read_card_file(big)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(InputError, match=r"nothing.md: cannot read file"):
        read_card_file(tmp_path / "nothing.md")


def test_a_text_card_given_as_str_is_bounded_too(rubric):
    error = _error("---\nlicense: mit\n---\n" + "x" * 1_000_001, rubric)
    assert error.kind == "too-large"


@pytest.mark.parametrize("front", [
    "license: mit\neval_results: 1",  # found by the property test: the parser keeps a raw eval_results as it is
    "license: mit\neval_results: [1, {a: b}]",
    "license: mit\nmodel-index: [{name: x, results: [{task: 1}]}]",
    "license: mit\nmodel-index: [{results: [{task: {type: t}, dataset: {name: d, type: e}, metrics: 5}]}]",
])
def test_odd_metadata_never_escapes_as_another_exception(rubric, front):
    try:
        result = prefill_card(f"---\n{front}\n---\n", rubric, "card.md")
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert result.suggestions["weights-released"].choice == "open"


def test_an_unreadable_model_index_prints_nothing_of_the_library(rubric, capfd):
    """huggingface_hub logs "Invalid model-index" to stderr; the prefill lists it under "Not used" instead."""
    card = b"---\nlicense: mit\nmodel-index:\n- name: x\n  results: 7\n---\n"
    result = prefill_card(card, rubric, "card.md")
    assert "model-index" in [u.field for u in result.unmapped]
    assert capfd.readouterr().err == ""

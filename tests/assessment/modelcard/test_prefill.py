"""Suggestions from the test model cards: the right choice for each question, with the card line as evidence."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from assessment.errors import InputError
from assessment.modelcard import prefill_card
from assessment.rubric import Rubric

CARDS = Path(__file__).parent / "cards"


def _prefill(name: str, rubric: Rubric):
    return prefill_card((CARDS / name).read_bytes(), rubric, name)


def _best(rubric: Rubric, qid: str) -> str:
    return max(rubric.question_index[qid][1].choices, key=lambda c: c.score).id


def test_a_permissive_card_suggests_the_best_release_answer_and_more(rubric):
    result = _prefill("permissive.md", rubric)
    chosen = {q: s.choice for q, s in result.suggestions.items()}
    assert chosen == {
        "models-benchmark-parity": "occasionally",
        "models-eval-breadth": "several",
        "models-compute": "fine-tune-only",
        "weights-released": "open",
        "weights-hub": "complete",
        "data-niche-release": "private",
    }
    assert chosen["weights-released"] == _best(rubric, "weights-released")
    assert result.suggestions["weights-released"].evidence == "line 2: license: apache-2.0"
    assert result.suggestions["data-niche-release"].evidence == (
        "line 8: datasets: harbor/contracts-pretraining-mix, allenai/c4")
    assert "LegalBench (accuracy 71.2), MMLU (accuracy 62.5)" in result.suggestions["models-eval-breadth"].evidence
    assert "line 12: model-index" in result.suggestions["models-eval-breadth"].evidence
    hub = result.suggestions["weights-hub"].evidence
    assert "line 2: license: apache-2.0" in hub and "line 30: usage example: python block: from transformers" in hub
    assert result.suggestions["models-compute"].evidence == "line 7: base_model: mistralai/Mistral-7B-v0.1"


def test_suggestions_come_in_questionnaire_order(rubric):
    order = [q.id for q in rubric.questions]
    keys = list(_prefill("permissive.md", rubric).suggestions)
    assert keys == sorted(keys, key=order.index)


def test_a_non_commercial_licence_suggests_the_restricted_release_answer(rubric):
    result = _prefill("non-commercial.md", rubric)
    released = result.suggestions["weights-released"]
    assert released.choice == "restricted"
    score = rubric.question_index["weights-released"][1].choice("restricted").score
    assert 0 < score < 100
    assert released.evidence == "line 2: license: cc-by-nc-4.0"
    assert "restricts commercial use" in released.note
    # library_name but no code block: the card still counts as complete (the library loads it).
    assert result.suggestions["weights-hub"].choice == "complete"
    assert result.suggestions["models-eval-breadth"].choice == "one-only"
    assert "data-niche-release" not in result.suggestions  # no datasets listed


def test_a_gated_card_is_restricted_even_with_a_permissive_licence(rubric):
    result = _prefill("gated.md", rubric)
    released = result.suggestions["weights-released"]
    assert released.choice == "restricted"
    assert released.evidence.startswith("line 3: extra_gated_prompt: You agree")
    # the ~~~ fence counts as a usage example
    assert result.suggestions["weights-hub"].choice == "complete"
    assert "line 11: usage example: bash block: pip install our-runtime" in result.suggestions["weights-hub"].evidence


def test_license_other_is_classified_by_its_license_name(rubric):
    result = _prefill("other-licence.md", rubric)
    released = result.suggestions["weights-released"]
    assert released.choice == "restricted"
    assert released.evidence == "line 2: license: other (license_name: llama3)"


def test_a_card_never_suggests_releasing_niche_data(rubric):
    for card in CARDS.glob("*.md"):
        try:
            result = prefill_card(card.read_bytes(), rubric, card.name)
        except InputError:  # the bad cards are tested in test_bad_cards
            continue
        suggestion = result.suggestions.get("data-niche-release")
        assert suggestion is None or suggestion.choice != "open", card.name


def test_an_unknown_licence_suggests_no_release_answer_and_says_why(rubric):
    text = (CARDS / "permissive.md").read_text().replace("license: apache-2.0", "license: our-own-licence-v2")
    result = prefill_card(text, rubric, "card")
    assert "weights-released" not in result.suggestions
    assert result.suggestions["weights-hub"].choice == "partial"
    reasons = {u.field: u.reason for u in result.unmapped}
    assert reasons["license"] == "the licence is in neither licence list of the prefill mapping"
    assert reasons["tags"] == "no prefill rule uses this field"


def test_a_malformed_model_index_is_listed_not_fatal(rubric):
    text = "---\nlicense: mit\nmodel-index: just a string\n---\n# x\n"
    result = prefill_card(text, rubric, "card")
    assert result.suggestions["weights-released"].choice == "open"
    assert "models-eval-breadth" not in result.suggestions
    assert any(u.field == "model-index" and "no benchmark names" in u.reason for u in result.unmapped)


def test_hostile_text_arrives_as_plain_one_line_evidence(rubric):
    result = _prefill("hostile.md", rubric)
    assert "weights-released" not in result.suggestions  # a <script> licence is no known licence
    data = result.suggestions["data-niche-release"]
    assert data.evidence == 'line 4: datasets: <img src=x onerror=alert(1)>, | table | cell |'
    for s in result.suggestions.values():
        assert "\n" not in s.evidence and len(s.evidence) <= 600


def test_evidence_is_cut_to_a_bounded_length(rubric):
    text = "---\nlicense: mit\ndatasets:\n" + "".join(f"  - org/dataset-{i:04d}\n" for i in range(500)) + "---\n"
    evidence = prefill_card(text, rubric, "card").suggestions["data-niche-release"].evidence
    assert len(evidence) <= 300 and evidence.endswith("…")


def test_prefill_never_opens_a_network_connection(rubric, monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("prefill tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert _prefill("permissive.md", rubric).suggestions["weights-released"].choice == "open"


def test_the_note_an_accepted_answer_carries(rubric):
    s = _prefill("permissive.md", rubric).suggestions["weights-released"]
    assert s.as_note("quill.md") == "From the model card (quill.md): line 2: license: apache-2.0"
    assert s.as_note() == "From the model card: line 2: license: apache-2.0"


@pytest.mark.parametrize(("licence", "choice"), [
    ("mit", "open"), ("Apache-2.0", "open"), ("bsd-3-clause", "open"), ("cc-by-4.0", "open"),
    ("cc-by-nc-sa-4.0", "restricted"), ("cc-by-nc-nd-4.0", "restricted"), ("llama3.1", "restricted"),
    ("gemma", "restricted"), ("openrail", "restricted"), ("creativeml-openrail-m", "restricted"),
    ("bigscience-bloom-rail-1.0", "restricted"), (None, None), ("made-up", None),
])
def test_licence_families(rubric, licence, choice):
    head = f"license: {licence}\n" if licence else ""
    result = prefill_card(f"---\n{head}library_name: transformers\n---\n", rubric, "card")
    got = result.suggestions.get("weights-released")
    assert (got.choice if got else None) == choice

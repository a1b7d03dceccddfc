"""Data tests of rubrics/prefill/model-card.yaml, and the errors a broken mapping gets."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assessment.errors import InputError
from assessment.modelcard.mapping import DEFAULT_MAPPING, read_mapping
from assessment.rubric import available_rubrics, read_rubric


def test_the_shipped_mapping_loads_against_the_shipped_rubric(rubric):
    mapping = read_mapping(DEFAULT_MAPPING, rubric)
    assert mapping.rubric == rubric.id
    # Every id the mapping names is in today's rubric: this fails when a rubric change drops one.
    for rule in mapping.rules:
        _, question = rubric.question_index[rule.question]
        assert question.choice(rule.choice) is not None, (rule.question, rule.choice)


def test_the_mapping_is_not_mistaken_for_a_rubric():
    assert DEFAULT_MAPPING not in available_rubrics()


def test_every_rubric_with_the_mappings_id_accepts_it():
    for path in available_rubrics():
        r = read_rubric(path)
        if r.id == yaml.safe_load(DEFAULT_MAPPING.read_text())["rubric"]:
            read_mapping(DEFAULT_MAPPING, r)


def test_no_rule_suggests_an_answer_that_raises_a_gap_from_datasets_alone(rubric):
    """Datasets on a card are published pretraining data, never "niche data released" (a gap)."""
    mapping = read_mapping(DEFAULT_MAPPING, rubric)
    gap_answers = {(node.answer.question, c) for g in rubric.gap_rules for _p, node in g.when.walk("w")
                   if node.answer for c in node.answer.choices}
    for rule in mapping.rules:
        if rule.when.datasets:
            assert (rule.question, rule.choice) not in gap_answers, rule


def test_the_permissive_release_suggestion_is_the_best_choice_and_restricted_a_lesser_one(rubric):
    mapping = read_mapping(DEFAULT_MAPPING, rubric)
    _, question = rubric.question_index["weights-released"]
    by_licence = {r.when.licence: r.choice for r in mapping.rules
                  if r.question == "weights-released" and r.when.licence}
    best = max(c.score for c in question.choices)
    assert question.choice(by_licence["permissive"]).score == best
    assert 0 < question.choice(by_licence["restricted"]).score < best


def _write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(DEFAULT_MAPPING.read_text())
    change(data)
    path = tmp_path / "mapping.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["rules"][0].update(question="weights-releasd"),
     "rules[0].question: rubric open-llm-playbook 2.0.0 has no question 'weights-releasd'"),
    (lambda d: d["rules"][2].update(choice="wide-open"), "rules[2].choice: question 'weights-released' has no choice"),
    (lambda d: d["rules"][1]["when"].update(licence="free"), "rules[1].when.licence: Input should be"),
    (lambda d: d["rules"][1].update(colour="red"), "rules[1].colour: unknown key"),
    (lambda d: d["rules"][1].update(when={}), "rules[1].when: a condition needs at least one card fact"),
    (lambda d: d.update(rubric="another-rubric"), "rubric: this mapping is for rubric 'another-rubric'"),
    (lambda d: d["licences"].update(copyleft=["gpl*"]), "licences.copyleft: unknown key"),
])
def test_a_broken_mapping_is_named_with_file_and_key_path(tmp_path, rubric, change, expected):
    path = _write(tmp_path, change)
    with pytest.raises(InputError) as caught:
        read_mapping(path, rubric)
    assert str(caught.value).startswith(f"{path}: ")
    assert expected in str(caught.value)


def test_a_renamed_question_in_the_rubric_fails_the_mapping(tmp_path, rubric):
    """What happens when the rubric renames an id the mapping uses: a clear error, not a silent gap."""
    text = (DEFAULT_MAPPING.parent.parent / "open-llm-playbook.yaml").read_text()
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(text.replace("models-compute", "models-compute-secured"))
    with pytest.raises(InputError, match=r"rules\[\d+\]\.question: .* has no question 'models-compute'"):
        read_mapping(DEFAULT_MAPPING, read_rubric(renamed))

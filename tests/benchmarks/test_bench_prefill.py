"""Prefill and badge speed. A typical model card is read in well under 50 ms; the largest (1 MB) in seconds.

The baseline in the same run is PyYAML's own safe load of the same front matter, which any reader
of a card pays: the ratio says what the checks and the mapping add.
"""

from __future__ import annotations

import yaml
from pytest_benchmark.fixture import BenchmarkFixture

from assessment.modelcard import prefill_card
from assessment.modelcard.mapping import load_mapping
from assessment.rubric import Rubric
from assessment.scoring import score_assessment
from reports.badge import badge_svg
from tests.assessment.modelcard.test_prefill import CARDS

CARD = (CARDS / "permissive.md").read_bytes()
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _large_card(results: int = 1500) -> bytes:
    rows = "".join(f"      - task: {{type: text-generation}}\n        dataset: {{name: Bench{i}, type: org/b{i}}}\n"
                   f"        metrics:\n          - {{type: accuracy, value: {i}.5}}\n" for i in range(results))
    return ("---\nlicense: mit\nmodel-index:\n  - name: m\n    results:\n" + rows + "---\n# x\n").encode()


def test_bench_prefill_card(benchmark: BenchmarkFixture, rubric: Rubric) -> None:
    mapping = load_mapping(rubric)
    result = benchmark(prefill_card, CARD, rubric, "card", mapping)
    assert result.suggestions["weights-released"].choice == "open"


def test_bench_yaml_baseline(benchmark: BenchmarkFixture) -> None:
    front = CARD.decode().split("---\n")[1]
    data = benchmark(yaml.load, front, _LOADER)  # a safe loader
    assert data["license"] == "apache-2.0"


def test_bench_prefill_large_card(benchmark: BenchmarkFixture, rubric: Rubric) -> None:
    raw = _large_card()
    mapping = load_mapping(rubric)
    result = benchmark.pedantic(prefill_card, (raw, rubric, "card", mapping), rounds=3, iterations=1)
    assert result.suggestions["models-eval-breadth"].choice == "several"


def test_bench_badge(benchmark: BenchmarkFixture, rubric: Rubric, examples: dict) -> None:
    result = score_assessment(rubric, examples["harbor-legal-ai"])
    svg = benchmark(badge_svg, rubric, result, "Harbor")
    assert "Leading 95.5" in svg

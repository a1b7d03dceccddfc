"""Scoring speed. Targets: >= 20,000 assessments scored per second on one core; rubric load < 50 ms."""

from __future__ import annotations

from pytest_benchmark.fixture import BenchmarkFixture

from assessment.rubric import DEFAULT_RUBRIC, Rubric, read_rubric
from assessment.scoring import score_assessment


def test_bench_score(benchmark: BenchmarkFixture, rubric: Rubric, examples: dict) -> None:
    assessment = examples["nimbus-foundation-lab"]
    result = benchmark(score_assessment, rubric, assessment)
    assert result.level.id == "emerging"


def test_bench_rubric_load(benchmark: BenchmarkFixture) -> None:
    rubric = benchmark(read_rubric, DEFAULT_RUBRIC)
    assert len(rubric.questions) >= 27

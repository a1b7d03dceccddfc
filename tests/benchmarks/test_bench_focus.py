"""Focus and the what-if range, against scoring alone in the same run (the baseline): they report, not assert."""

from __future__ import annotations

from pytest_benchmark.fixture import BenchmarkFixture

from assessment.focus import focus
from assessment.rubric import Rubric
from assessment.scoring import choices_of, score
from assessment.whatif import what_if
from tests.conftest import worst_choices


def test_bench_focus_baseline_score(benchmark: BenchmarkFixture, rubric: Rubric) -> None:
    choices = worst_choices(rubric)
    result = benchmark(score, rubric, choices)
    assert result.gap("no-niche") is not None


def test_bench_focus_score_and_focus(benchmark: BenchmarkFixture, rubric: Rubric) -> None:
    choices = worst_choices(rubric)
    first = benchmark(lambda: focus(rubric, score(rubric, choices)))
    assert first.now == ("no-niche",)


def test_bench_focus_whatif_range(benchmark: BenchmarkFixture, rubric: Rubric, examples: dict) -> None:
    choices = choices_of(examples["closedwater-api"])
    outcome = benchmark(what_if, rubric, choices, ["weights-not-released"])
    assert outcome.low.overall < outcome.high.overall

"""Workbench speed: the page recomputes on every edit. Target: a full 50-option worksheet (validate
from the grid, price, frontier, 25 x 25 break-evens, projection) well under 50 ms."""

from __future__ import annotations

from pytest_benchmark.fixture import BenchmarkFixture

from assessment.workbench import ApiOption, SelfHostedOption, build_workbench, compute, rows_from_options

WORKLOAD = {
    "basis": "requests",
    "monthly_requests": 200_000,
    "input_tokens_per_request": 6_000,
    "output_tokens_per_request": 800,
}


def _rows() -> list[dict]:
    options = [
        ApiOption(name=f"API {i}", quality=50 + i, price_per_m_input=0.2 * (i + 1), price_per_m_output=0.6 * (i + 1))
        for i in range(25)
    ] + [
        SelfHostedOption(
            name=f"Self {i}",
            quality=60 + i,
            gpus_per_replica=1 + i % 8,
            gpu_hour_price=1.5 + i / 10,
            tokens_per_second=500 + 100 * i,
            target_utilisation_pct=60,
            ops_monthly=500 * i,
        )
        for i in range(25)
    ]
    return rows_from_options(options)


def test_bench_workbench(benchmark: BenchmarkFixture) -> None:
    rows = _rows()

    def run() -> object:
        return compute(build_workbench(WORKLOAD, rows, {"factor": 10, "months": 18}))

    result = benchmark(run)
    assert len(result.options) == 50 and len(result.break_evens) == 625

"""The same-run baseline: a fixed piece of pure-Python work that only the machine's speed and load change.

`scripts/bench_check.py` divides every benchmark's median by this one's, so a busy or slower
machine moves both and the ratio holds (the targets are ratios measured on the reference machine).
"""

from __future__ import annotations

from pytest_benchmark.fixture import BenchmarkFixture


def reference_work() -> int:
    """Integer arithmetic, a sort, string formatting and a set: the mix the app's own code does."""
    data = [(i * 7919) % 10007 for i in range(20_000)]
    return sum(sorted(data)[::97]) + len({f"{x:05d}" for x in data})


def test_bench_baseline(benchmark: BenchmarkFixture) -> None:
    assert benchmark(reference_work) == reference_work()

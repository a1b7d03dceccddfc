"""scripts/bench_check.py: targets compared as ratios to the same run's baseline, outside the benchmarks."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
check_module = runpy.run_path(str(ROOT / "scripts" / "bench_check.py"))
TARGETS = json.loads((ROOT / "tests" / "benchmarks" / "targets.json").read_text())


def run_with(tmp_path: Path, medians: dict[str, float]) -> Path:
    path = tmp_path / "run.json"
    path.write_text(json.dumps({"benchmarks": [{"name": n, "stats": {"median": m}} for n, m in medians.items()]}))
    return path


def test_a_slow_machine_slows_baseline_and_benchmark_alike_and_passes(tmp_path, capsys):
    reference = TARGETS["reference_baseline_s"]
    target = TARGETS["targets"]["test_bench_app_rerun"]
    # Three times slower everywhere: the absolute target is missed, the ratio is not.
    path = run_with(tmp_path, {"test_bench_baseline": 3 * reference, "test_bench_app_rerun": 3 * target * 0.9})
    assert check_module["main"]([str(path)]) == 0
    out = capsys.readouterr().out
    assert "test_bench_app_rerun: median" in out and " ok" in out
    assert "test_bench_pdf_report: not in this run" in out


def test_a_missed_ratio_fails(tmp_path, capsys):
    reference = TARGETS["reference_baseline_s"]
    path = run_with(tmp_path, {"test_bench_baseline": reference,
                               "test_bench_app_rerun": TARGETS["targets"]["test_bench_app_rerun"] * 1.5})
    assert check_module["main"]([str(path)]) == 1
    assert "MISSED" in capsys.readouterr().out


@pytest.mark.parametrize("content", ['{"benchmarks": [{"name": "x", "stats": {"median": 1}}]}', "not json"])
def test_an_unusable_run_is_exit_2_with_one_line(tmp_path, capsys, content):
    path = tmp_path / "run.json"
    path.write_text(content)
    assert check_module["main"]([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_no_benchmark_asserts_a_target_itself():
    for path in (ROOT / "tests" / "benchmarks").glob("test_bench_*.py"):
        assert "stats.median" not in path.read_text(), path.name

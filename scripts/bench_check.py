"""Compare a benchmark run with the speed targets, as ratios to the same run's baseline.

    bash scripts/bench.sh                       # writes .benchmarks/latest.json, never fails on speed
    .venv/bin/python scripts/bench_check.py     # or: scripts/bench_check.py path/to/run.json

Each benchmark's median is divided by `test_bench_baseline`'s median in the same run (fixed
pure-Python work), and compared with its target divided by the baseline's median on the
reference machine (`tests/benchmarks/targets.json`). A busy or slower machine slows both, so
the ratio holds where absolute times do not. Prints one line per target; exit 1 if any is
missed, 2 if the run cannot be read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ROOT / "tests" / "benchmarks" / "targets.json"
BASELINE = "test_bench_baseline"
MAX_BYTES = 20_000_000


def _read(path: Path) -> dict:
    if not path.is_file() or path.stat().st_size > MAX_BYTES:
        raise ValueError(f"{path}: not a benchmark run (missing, or over {MAX_BYTES // 1_000_000} MB)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: not JSON ({error})") from None


def check(run: dict, targets: dict) -> tuple[list[str], bool]:
    """Lines to print and whether every target measured in the run is met."""
    medians = {b["name"]: b["stats"]["median"] for b in run.get("benchmarks", [])}
    if BASELINE not in medians:
        raise ValueError(f"the run has no {BASELINE} (run the whole tests/benchmarks folder)")
    base, reference = medians[BASELINE], targets["reference_baseline_s"]
    lines = [f"baseline {BASELINE}: median {base * 1000:.1f} ms (reference {reference * 1000:.1f} ms)"]
    ok = True
    for name, target in targets["targets"].items():
        if name not in medians:
            lines.append(f"{name}: not in this run")
            continue
        ratio, allowed = medians[name] / base, target / reference
        met = ratio <= allowed
        ok &= met
        lines.append(f"{name}: median {medians[name] * 1000:.2f} ms, {ratio:.3f}x baseline"
                     f" (target {allowed:.3f}x = {target * 1000:g} ms on the reference machine)"
                     f" {'ok' if met else 'MISSED'}")
    return lines, ok


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else ROOT / ".benchmarks" / "latest.json"
    try:
        lines, ok = check(_read(path), _read(TARGETS))
    except (ValueError, KeyError, TypeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

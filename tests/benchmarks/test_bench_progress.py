"""Progress speed (issue 13): comparing two assessments, the one-page brief, and a trend of 50 snapshots.

Targets on the 2-core dev machine: compare under 5 ms (median), the brief at most 40 ms, and the
Results page with 50 snapshots within the page budget of one without (the same run's baseline, below).
Asserted only when benchmarks are enabled (`bash scripts/bench.sh -k progress`).
"""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.answers import Answer, Snapshot
from assessment.progress.compare import compare
from assessment.progress.store import ProgressStore
from assessment.progress.trend import trend
from reports.brief import brief_pdf
from tests.reports.report_helpers import pdf_reader
from tests.ui.conftest import open_app, store  # noqa: F401 - fixtures
from ui.progress.charts import trend_chart

COMPLETE = "nimbus-foundation-lab"  # every question answered, five gaps, a capped level
SNAPSHOTS = 50
RESULTS = "ui/pages/results.py"
T0 = dt.datetime(2025, 1, 1, 9, tzinfo=dt.UTC)


def _history(rubric, assessment, n: int = SNAPSHOTS) -> list[Snapshot]:
    """n weekly snapshots, each with a different answer to the niche question."""
    question = rubric.question_index["niche-objective"][1]
    return [
        Snapshot(taken_at=T0 + dt.timedelta(days=7 * i), rubric=assessment.rubric, company=assessment.company,
                 answers={**assessment.answers, question.id: Answer(choice=question.choices[i % 5].id)})
        for i in range(n)
    ]


def _older(rubric, examples):
    """The complete example, and a later round of it with the niche written down."""
    old = examples[COMPLETE]
    return old, old.model_copy(update={"answers": {**old.answers, "niche-objective": Answer(choice="written")}})


def test_bench_compare(benchmark, rubric, examples):
    old, new = _older(rubric, examples)
    c = benchmark(compare, rubric, old, new)
    assert "no-niche" in [g.id for g in c.gaps_closed]


def test_bench_brief(benchmark, rubric, examples):
    old, new = _older(rubric, examples)
    data = benchmark(brief_pdf, rubric, new, old)
    assert len(pdf_reader(data).pages) == 1


def test_bench_trend_of_50_snapshots(benchmark, rubric, examples):
    now = examples[COMPLETE]
    history = _history(rubric, now)

    def build() -> dict:
        return trend_chart(rubric, trend(rubric, history, now), dt.datetime.now(dt.UTC)).to_dict()

    spec = benchmark(build)
    assert len(spec["datasets"][next(iter(k for k, v in spec["datasets"].items() if len(v) == SNAPSHOTS + 1))]) \
        == SNAPSHOTS + 1


@pytest.mark.parametrize("snapshots", [0, SNAPSHOTS])
def test_bench_results_page(benchmark, rubric, examples, store, open_app, snapshots):  # noqa: F811
    """One rerun of the Results page, without snapshots (the baseline) and with 50."""
    at, token = open_app(examples[COMPLETE], RESULTS)
    if snapshots:
        ProgressStore(store).add_history(token, _history(rubric, examples[COMPLETE], snapshots))
    at.run()
    benchmark.pedantic(at.run, rounds=15, iterations=1, warmup_rounds=2)
    assert not at.exception
    assert ("Compare with" in [s.label for s in at.selectbox]) == bool(snapshots)

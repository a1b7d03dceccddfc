"""PDF readiness report speed (issue 3): one full report, and a batch of 100.

Targets on the 2-core dev machine: median at most 60 ms for one report of a complete assessment,
under 6 s for 100. Asserted only when benchmarks are enabled (`bash scripts/bench.sh`).
"""

from __future__ import annotations

from reports import report_pdf
from tests.reports.report_helpers import pdf_reader

COMPLETE = "nimbus-foundation-lab"  # every question answered, five gaps, a capped level
BATCH = 100


def test_bench_pdf_report(benchmark, rubric, examples):
    assessment = examples[COMPLETE]
    assert assessment.answers.keys() == {q.id for q in rubric.questions}
    data = benchmark(report_pdf, rubric, assessment)
    assert len(pdf_reader(data).pages) >= 6
    if not benchmark.disabled:
        assert benchmark.stats.stats.median <= 0.060, "one PDF report must take at most 60 ms (median)"


def test_bench_pdf_batch(benchmark, rubric, examples):
    assessments = [examples[name] for name in sorted(examples)]
    count = BATCH if not benchmark.disabled else len(assessments)  # the plain test run only checks the output

    def batch() -> list[bytes]:
        return [report_pdf(rubric, assessments[i % len(assessments)]) for i in range(count)]

    reports = benchmark.pedantic(batch, rounds=3, iterations=1, warmup_rounds=0)
    assert len(reports) == count and all(r.startswith(b"%PDF-") for r in reports)
    if not benchmark.disabled:
        assert benchmark.stats.stats.median < 6.0, "100 PDF reports must take under 6 s"

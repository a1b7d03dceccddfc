"""PDF readiness report speed (issue 3): one full report, and a batch of 100.

Targets on the reference machine (checked by `scripts/bench_check.py`, not here): median at most
60 ms for one report of a complete assessment, under 6 s for 100.
"""

from __future__ import annotations

from assessment.scoring import score_assessment
from reports import report_pdf
from tests.reports.report_helpers import pdf_reader

COMPLETE = "nimbus-foundation-lab"  # every question that applies answered, four gaps, a capped level
BATCH = 100


def test_bench_pdf_report(benchmark, rubric, examples):
    assessment = examples[COMPLETE]
    assert {q.id for q in rubric.questions} - score_assessment(rubric, assessment).skipped <= assessment.answers.keys()
    data = benchmark(report_pdf, rubric, assessment)
    assert len(pdf_reader(data).pages) >= 6


def test_bench_pdf_batch(benchmark, rubric, examples):
    assessments = [examples[name] for name in sorted(examples)]
    count = BATCH if not benchmark.disabled else len(assessments)  # the plain test run only checks the output

    def batch() -> list[bytes]:
        return [report_pdf(rubric, assessments[i % len(assessments)]) for i in range(count)]

    reports = benchmark.pedantic(batch, rounds=3, iterations=1, warmup_rounds=0)
    assert len(reports) == count and all(r.startswith(b"%PDF-") for r in reports)

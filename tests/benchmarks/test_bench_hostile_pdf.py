"""PDF time stays linear in the length of what people type (issue 11, item 13).

Targets on the 2-core dev machine: a report with one 100,000-character note under 2 s (median), and
the largest assessment import accepts (every question with a note of short words, 1 MB in all, every
action-plan entry, a 50-option worksheet) under 5 s. The baseline is the same assessment with no
notes, measured in the same run. Asserted only when benchmarks are enabled (`bash scripts/bench.sh`).
"""

from __future__ import annotations

import json

from assessment.answers import MAX_ASSESSMENT_BYTES, MAX_NOTE_CHARS, dump_assessment, parse_assessment, saved_size
from reports import report_pdf
from tests.conftest import EXAMPLES
from tests.reports.report_helpers import pdf_reader

BASE = "harbor-legal-ai"  # complete, with a worksheet


def _short_words(n: int) -> str:
    return ("a " * (n // 2 + 1))[:n]  # the worst case for line breaking: a word every two characters


def _base(rubric) -> dict:
    doc = json.loads((EXAMPLES / f"{BASE}.json").read_text())
    options = doc["workbench"]["options"]
    doc["workbench"]["options"] = [dict(options[i % len(options)], name=f"Option {i}") for i in range(50)]
    doc["action_plan"] = {f"{rule.id}:{i}": {"owner": "O" * 200, "due": "2027-01-31", "done": i % 2 == 0}
                          for rule in rubric.gap_rules for i in range(len(rule.actions))}
    return doc


def largest_accepted(rubric):
    """Every question answered with a note, the notes as long as the 1 MB file limit allows."""
    doc = _base(rubric)
    for q in rubric.questions:
        doc["answers"][q.id] = {"choice": q.choices[-1].id, "evidence": ""}
    empty = parse_assessment(json.dumps(doc), rubric)
    per_note = min(MAX_NOTE_CHARS, (MAX_ASSESSMENT_BYTES - saved_size(empty) - 3000) // len(rubric.questions))
    for q in rubric.questions:
        doc["answers"][q.id]["evidence"] = _short_words(per_note)
    full = parse_assessment(json.dumps(doc, separators=(",", ":")), rubric)
    assert MAX_ASSESSMENT_BYTES - 5000 < saved_size(full) <= MAX_ASSESSMENT_BYTES
    parse_assessment(dump_assessment(full), rubric)  # what the app exports, it imports again
    return empty, full


def test_bench_pdf_100k_note(benchmark, rubric, examples):
    doc = json.loads((EXAMPLES / f"{BASE}.json").read_text())
    doc["answers"][next(iter(doc["answers"]))]["evidence"] = _short_words(100_000)
    assessment = parse_assessment(json.dumps(doc), rubric)
    data = benchmark.pedantic(report_pdf, args=(rubric, assessment), rounds=3, iterations=1)
    assert len(pdf_reader(data).pages) > 20


def test_bench_pdf_largest_accepted_baseline(benchmark, rubric):
    empty, _ = largest_accepted(rubric)
    data = benchmark.pedantic(report_pdf, args=(rubric, empty), rounds=3, iterations=1)
    assert data.startswith(b"%PDF-")


def test_bench_pdf_largest_accepted(benchmark, rubric):
    _, full = largest_accepted(rubric)
    data = benchmark.pedantic(report_pdf, args=(rubric, full), rounds=3, iterations=1)
    assert len(pdf_reader(data).pages) > 100

"""Download (PDF, Markdown, re-importable JSON) and Methodology (generated from the rubric)."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from assessment.answers import parse_assessment
from assessment.scoring import score_assessment
from tests.ui.conftest import new_app, run, text_of
from ui.files import downloads
from ui.methodology import tables as methodology


def test_download_page_offers_pdf_markdown_and_json(open_app, examples):
    at, _ = open_app(examples["harbor-legal-ai"], "ui/pages/download.py")
    assert [b.proto.label for b in at.get("download_button")] == [
        "Download PDF", "Download Markdown", "Download brief (PDF)", "Download JSON", "Download badge"]
    assert not at.warning  # a complete assessment: no provisional note


def test_pdf_report_reads_back_with_the_engines_figures(rubric, examples):
    assessment = examples["harbor-legal-ai"]
    pdf = downloads.pdf(rubric, assessment)()
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    result = score_assessment(rubric, assessment)
    assert len(reader.pages) >= 2
    assert assessment.company.name.split()[0] in text
    assert f"{result.overall:.1f}" in text and result.level.label in text


def test_markdown_report_names_the_company_and_the_level(rubric, examples):
    assessment = examples["closedwater-api"]
    text = downloads.markdown(rubric, assessment)()
    result = score_assessment(rubric, assessment)
    assert assessment.company.name.split()[0] in text and result.level.label in text
    for gap in result.gaps:
        assert gap.title in text


def test_json_download_reimports_to_the_same_assessment(rubric, examples):
    for assessment in examples.values():
        raw = downloads.assessment_json(assessment)()
        assert parse_assessment(raw, rubric, "download.json") == assessment


def test_file_names_are_safe(rubric, examples):
    assert downloads.file_stem(examples["harbor-legal-ai"]) == "harbor-legal-ai-fictional-readiness"
    weird = examples["harbor-legal-ai"].model_copy(deep=True)
    weird.company.name = "../../etc/passwd <script>"
    assert downloads.file_stem(weird) == "etc-passwd-readiness"
    weird.company.name = "<b>Ünïcødé 株式会社 🚀</b>"
    assert downloads.file_stem(weird) == "ünïcødé-株式会社-readiness"
    weird.company.name = "🚀"
    weird.company.date = None
    assert downloads.file_stem(weird, today=dt.date(2026, 3, 1)) == "assessment-2026-03-01"
    weird.company.date = dt.date(2025, 7, 9)
    assert downloads.file_stem(weird, today=dt.date(2026, 3, 1)) == "assessment-2025-07-09"


def test_methodology_page_is_generated_from_the_rubric(store, rubric):
    at = run(new_app())
    run(at.switch_page("ui/pages/methodology.py"))
    assert at.title[0].value == "Methodology"
    tables = at.get("table")
    assert len(tables) == 4
    body = text_of(at.markdown)
    for line in methodology.rules(rubric):
        assert line in body
    levels = methodology.levels(rubric)
    assert list(levels["Level"]) == [lv.label for lv in rubric.levels]
    assert levels["Overall score"].iloc[1].startswith(f"{rubric.levels[1].min_score:g} to")
    gates = " ".join(methodology.rules(rubric))
    for severity in rubric.severities:
        if severity.caps_level:
            assert f"caps the level at {rubric.level_index[severity.caps_level].label}" in gates
    assert f"{rubric.provisional_below:.0%}" in gates
    weights = methodology.weights(rubric)
    # Weights as written in the rubric ("2", "1.5"), never "2.0000".
    assert list(weights["Principle weight"]) == [f"{p.weight:g}" for pillar in rubric.pillars
                                                 for p in rubric.principles_of(pillar.id)]
    assert len(methodology.gap_rules(rubric)) == len(rubric.gap_rules)


def test_methodology_tables_read_right(rubric):
    """No "-" cell (st.table renders it as a bullet), grammar for one blocking rule, every cap shown."""
    frames = [methodology.weights(rubric), methodology.levels(rubric), methodology.severities(rubric),
              methodology.gap_rules(rubric)]
    for frame in frames:
        assert not (frame.astype(str).map(str.strip) == "-").any().any()
    caps = methodology.gap_rules(rubric).set_index("Gap")["Caps level at"]
    for rule in rubric.gap_rules:
        level = rule.caps_level or rubric.severity_index[rule.severity].caps_level
        assert caps[rule.title] == (rubric.level_index[level].label if level else methodology.NONE)
    no_niche = next(r for r in rubric.gap_rules if r.id == "no-niche")
    assert caps[no_niche.title] == "Emerging"  # its severity (critical) caps there; it showed no cap
    one_blocker = rubric.model_copy(update={"gap_rules": tuple(r for r in rubric.gap_rules if r.blocks)[:1]})
    assert any(line.startswith("1 gap rule can block principles:") for line in methodology.rules(one_blocker))
    assert not any("rule block" in line for line in methodology.rules(rubric))

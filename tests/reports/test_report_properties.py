"""Property: whatever Unicode a person types into a free-text field, both reports build."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.answers import ActionItem, Answer, Assessment, Company
from reports.markdown import render_markdown
from reports.model import build_report
from reports.pdf import render_pdf
from tests.reports.report_helpers import pdf_reader, pdf_text

TRICKY = ["<b>", "</para>", "&", "&amp;", "<", "]]>", "🚀", "👩‍🚀", "\x00", "\u202e", "\ufeff", "中文", "한국어",
          "\n\n", "\t", " " * 50, "x" * 3000, "\u0301\u0301\u0301", "\ud7ff", "\U0010fffd"]

# Any code point pydantic accepts in a str (it refuses lone surrogates), plus known trouble makers.
text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=120),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=5)), max_size=8).map("".join),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(name=text, stage=text, niche=text, assessor=text, evidence=st.lists(text, min_size=3, max_size=3),
       owner=text)
def test_any_text_in_every_free_text_field_builds_both_reports(rubric, examples, name, stage, niche, assessor,
                                                               evidence, owner):
    base = examples["closedwater-api"]
    answers = dict(base.answers)
    for qid, note in zip(list(answers)[:3], evidence, strict=True):
        answers[qid] = Answer(choice=answers[qid].choice, evidence=note)
    assessment = Assessment(
        rubric=base.rubric,
        company=Company(name=name[:200], stage=stage[:200], niche=niche[:500], assessor=assessor[:200],
                        date=dt.date(2026, 11, 1)),
        answers=answers,
        action_plan={"weights-not-released:0": ActionItem(owner=owner[:200])},
    )
    report = build_report(rubric, assessment)
    cleaned = ActionItem(owner=owner[:200]).owner  # control characters removed where text enters
    assert any(a.owner == cleaned for phase in report.plan for a in phase.actions)  # the owner is printed

    data = render_pdf(report)
    reader = pdf_reader(data)
    assert len(reader.pages) >= 6
    assert reader.metadata.title.startswith("Open LLM Readiness report: ")
    extracted = pdf_text(data)
    assert "\x00" not in extracted  # no glyph-less characters in the text layer
    assert "Readiness level: Emerging" in extracted

    markdown = render_markdown(report)
    markdown.encode("utf-8")
    assert markdown.startswith("# Open LLM Readiness report: ")
    assert markdown.count("\n## ") == len(report.section_titles)

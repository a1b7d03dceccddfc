"""The PDF's layout reads right: the plan's phases and split tables, blocked scores in words, a full summary page."""

from __future__ import annotations

import datetime as dt
import itertools

from assessment.answers import ActionItem
from reports import report_pdf
from reports.model import build_report
from reports.pdf import render_pdf
from tests.conftest import worst_choices
from tests.reports.report_helpers import REPORT_DATE, assessment_with, pdf_reader, squash

HEADER = "Action Gap Owner Due date Status"


def _long_plan(rubric):
    """Every action of the worst answers given a date, spread over all phases, one 120 days out."""
    assessment = assessment_with(rubric, worst_choices(rubric))
    gaps = build_report(rubric, assessment).gaps
    plan = {}
    for gap in gaps:
        for i in range(len(gap.actions)):
            # Long owners: tall rows, so a phase table goes on over a page even with the focus's short Gaps section.
            plan[f"{gap.id}:{i}"] = ActionItem(owner="Dana " + "of the data team " * 6,
                                               due=REPORT_DATE + dt.timedelta(days=40 + 25 * i))
    plan[f"{gaps[0].id}:0"] = ActionItem(owner="Ana", due=REPORT_DATE + dt.timedelta(days=120))
    return assessment.model_copy(update={"action_plan": plan}), gaps[0]


def test_an_action_due_after_90_days_is_listed_after_90_days(rubric):
    assessment, gap = _long_plan(rubric)
    report = build_report(rubric, assessment)
    assert [p.label for p in report.plan][-1] == "After 90 days"
    later = report.plan[-1].actions
    assert gap.actions[0] in [a.text for a in later]  # 120 days out: not under "Days 61-90"
    assert all(a.due and (a.due - REPORT_DATE).days > 90 for a in later)
    assert not any(a.due and (a.due - REPORT_DATE).days > 90 for p in report.plan[:-1] for a in p.actions)


def test_a_phase_table_split_over_pages_repeats_its_header(rubric):
    assessment, _ = _long_plan(rubric)
    report = build_report(rubric, assessment)
    pages = [squash(p.extract_text()) for p in pdf_reader(render_pdf(report)).pages]
    plan_pages = [t for t in pages if HEADER in t]
    with_actions = [p for p in report.plan if p.actions]
    # More header rows than phases: at least one table went on over a page and said its columns again.
    assert sum(t.count(HEADER) for t in plan_pages) > len(with_actions)


def test_due_date_and_status_are_separate_columns(rubric):
    assessment, _ = _long_plan(rubric)
    text = squash(" ".join(p.extract_text() for p in pdf_reader(report_pdf(rubric, assessment)).pages))
    assert HEADER in text and "Action Gap Owner Due Status" not in text


def test_a_blocked_score_is_said_in_words(rubric):
    assessment = assessment_with(rubric, worst_choices(rubric))
    text = squash(" ".join(p.extract_text() for p in pdf_reader(report_pdf(rubric, assessment)).pages))
    assert "BLOCKED" not in text and "counts as 0.0; n/a" not in text
    assert "Score 0 while blocked (its own questions are unanswered)" in text


def test_the_summary_page_goes_on_with_the_charts_when_the_summary_is_short(rubric, examples):
    pages = [squash(p.extract_text()) for p in pdf_reader(report_pdf(rubric, examples["harbor-legal-ai"])).pages]
    summary = next(t for t in pages if "Executive summary" in t)
    assert "Scores at a glance" in summary


def test_the_level_names_under_the_scale_never_run_into_each_other(rubric, examples):
    """The brief draws the scale at half the page: narrow bands (Developing, Ready) once overlapped."""
    from reportlab.graphics.shapes import String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reports.brief.pdf import WIDTH
    from reports.pdf import charts

    report = build_report(rubric, examples["harbor-legal-ai"])
    labels = {lv.label for lv in report.levels}
    for width in (WIDTH / 2, WIDTH):
        drawn = [s for s in charts.level_scale(report, width).contents if isinstance(s, String) and s.text in labels]
        assert sorted(s.text for s in drawn) == sorted(labels)
        for row in {s.y for s in drawn}:
            spans = sorted((s.x - stringWidth(s.text, s.fontName, s.fontSize) / 2,
                            s.x + stringWidth(s.text, s.fontName, s.fontSize) / 2)
                           for s in drawn if s.y == row)
            assert all(a[1] + 1 <= b[0] for a, b in itertools.pairwise(spans)), (width, spans)
            assert all(s.fontSize >= 6 for s in drawn)


def test_a_phase_without_actions_says_nothing_falls_due_in_it(rubric):
    """Every action is due 40 days out or later: the first phase says so in words in both renderers (it said
    "Nothing scheduled", which read as if nothing had been planned at all)."""
    from reports.markdown import render_markdown

    assessment, _ = _long_plan(rubric)
    report = build_report(rubric, assessment)
    assert not report.plan[0].actions and report.plan[0].label == "Next 30 days"
    text = squash(" ".join(p.extract_text() for p in pdf_reader(render_pdf(report)).pages))
    plan = text[text.index("Next 30 days Nothing"):text.index("Days 31-60")]
    assert plan == "Next 30 days Nothing falls due in these 30 days. "
    markdown = render_markdown(report)
    assert "### Next 30 days\n\nNothing falls due in these 30 days.\n" in markdown
    assert "Nothing scheduled" not in text + markdown

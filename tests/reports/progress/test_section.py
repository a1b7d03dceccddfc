"""The report's "Progress since <date>" section, in the PDF and the Markdown, near the front."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.answers import ActionItem, Answer, Assessment
from assessment.errors import InputError
from assessment.progress.compare import Delta
from assessment.rubric import Rubric
from reports import build_report, report_markdown, report_pdf
from reports.pdf.text import register_fonts
from reports.progress.charts import delta_bars
from tests.reports.report_helpers import outline, pdf_text, squash

SINCE = dt.date(2026, 6, 1)


@pytest.fixture
def pair(examples: dict[str, Assessment]) -> tuple[Assessment, Assessment]:
    new = examples["harbor-legal-ai"]
    answers = {**new.answers, "niche-objective": Answer(choice="no")}
    old = new.model_copy(update={"answers": answers, "company": new.company.model_copy(update={"date": SINCE})})
    return old, new


def test_the_section_comes_right_after_the_summary(rubric: Rubric, pair: tuple[Assessment, Assessment]) -> None:
    old, new = pair
    report = build_report(rubric, new, since=old)
    assert report.section_titles[:3] == ("Executive summary", "Progress since 2026-06-01", "Scores at a glance")
    titles = [t for t, _ in outline(report_pdf(rubric, new, since=old))]
    assert titles.index("Progress since 2026-06-01") == titles.index("Executive summary") + 1
    md = report_markdown(rubric, new, since=old)
    order = [md.index(f"## {t}") for t in ("Executive summary", "Progress since 2026-06-01", "Scores at a glance")]
    assert order == sorted(order)


def test_both_renderers_say_the_same(rubric: Rubric, pair: tuple[Assessment, Assessment]) -> None:
    old, new = pair
    report = build_report(rubric, new, since=old)
    old_score = build_report(rubric, old).overall
    change = round(round(report.overall, 1) - round(old_score, 1), 1)
    line = (f"Overall score {old_score:.1f} -> {report.overall:.1f} ({change:+.1f});"
            f" level Emerging -> {report.level.label}.")
    text = squash(pdf_text(report_pdf(rubric, new, since=old)))
    md = report_markdown(rubric, new, since=old)
    for rendered in (text, squash(md)):
        assert line in rendered
        assert "1 gap closed, 0 gaps opened, 1 answer changed, 0 action-plan items done." in rendered
        assert "No niche (critical)" in rendered  # under "Gaps closed"
    question = rubric.question_index["niche-objective"][1]
    labels = {c.id: c.label for c in question.choices}
    assert f"| {question.text} | {labels['no']} | {labels['written']} |" in md
    assert "| Have a niche | 0.0 | 100.0 | +100.0 |" in md


def test_actions_done_since_then(rubric: Rubric, pair: tuple[Assessment, Assessment],
                                 examples: dict[str, Assessment]) -> None:
    old = examples["nimbus-foundation-lab"]
    new = old.model_copy(update={"action_plan": {"no-niche:0": ActionItem(done=True)}})
    md = report_markdown(rubric, new, since=old)
    rule = next(r for r in rubric.gap_rules if r.id == "no-niche")
    assert "### Action-plan items done" in md
    assert rule.actions[0].split()[0] in md.split("### Action-plan items done")[1]


def test_no_section_without_since_and_a_refusal_for_another_company(rubric: Rubric,
                                                                    examples: dict[str, Assessment]) -> None:
    new = examples["harbor-legal-ai"]
    assert build_report(rubric, new).front_sections == ()
    with pytest.raises(InputError, match="one company"):
        build_report(rubric, new, since=examples["closedwater-api"])


def _section(text: str) -> str:
    """The progress section of a rendered report, up to the next section."""
    after = text.split("Progress since", 1)[1]
    return after.split("Scores at a glance", 1)[0]


def test_the_change_is_the_difference_of_the_rounded_scores(rubric: Rubric,
                                                           examples: dict[str, Assessment]) -> None:
    # 44.47 -> 46.84: "44.5 -> 46.8" reads +2.3 (the raw difference, 2.37, would have printed +2.4).
    base = examples["closedwater-api"]
    old = base.model_copy(update={"answers": {**base.answers, "niche-objective": Answer(choice="informal")},
                                  "company": base.company.model_copy(update={"date": SINCE})})
    new = base.model_copy(update={"answers": {**base.answers, "niche-objective": Answer(choice="written")}})
    md = report_markdown(rubric, new, since=old)
    pdf = squash(pdf_text(report_pdf(rubric, new, since=old)))
    for rendered in (squash(md), pdf):
        assert "Overall score 44.5 -> 46.8 (+2.3);" in rendered
        assert "(+2.4)" not in _section(rendered)
    rows = 0
    for line in _section(md).split("\n"):  # every principle and pillar row: its Change adds up
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 and cells[3][:1] in "+-0" and cells[1][:1].isdigit() and cells[2][:1].isdigit():
            assert float(cells[3]) == round(float(cells[2]) - float(cells[1]), 1), line
            rows += 1
    assert rows == len(rubric.principles) + len(rubric.pillars)


def test_planned_actions_closed_with_their_gap(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    plan = {"no-niche:0": ActionItem(owner="Priya", due=dt.date(2026, 12, 1))}
    base = examples["nimbus-foundation-lab"]
    old = base.model_copy(update={"action_plan": plan, "company": base.company.model_copy(update={"date": SINCE})})
    new = old.model_copy(update={"answers": {**old.answers, "niche-objective": Answer(choice="written")},
                                 "company": base.company})
    action = next(r for r in rubric.gap_rules if r.id == "no-niche").actions[0]
    md = report_markdown(rubric, new, since=old)
    pdf = squash(pdf_text(report_pdf(rubric, new, since=old)))
    for rendered in (squash(md), pdf):
        section = _section(rendered)
        assert "0 action-plan items done, 1 planned action closed with its gap." in section
        assert f"{squash(action)} (Priya, due 2026-12-01)" in section
    assert "### 1 planned action closed with its gap" in md


def test_the_chart_prints_every_principle_name_whole(rubric: Rubric, pair: tuple[Assessment, Assessment]) -> None:
    old, new = pair
    section = _section(pdf_text(report_pdf(rubric, new, since=old)))
    assert "…" not in section
    register_fonts()
    for width in (480.0, 300.0):  # the report's frame, and a narrow one where long names wrap
        deltas = tuple(Delta(p.id, p.title, 50.0, 60.0) for p in rubric.principles)
        drawing = delta_bars(deltas, width)
        texts = [s.text for s in drawing.contents if getattr(s, "textAnchor", "") == "end"]
        assert "…" not in "".join(texts)
        assert squash(" ".join(texts)) == squash(" ".join(p.title for p in rubric.principles))
    long = (Delta("x", "word " * 60, 1.0, 2.0),)
    texts = [s.text for s in delta_bars(long, 480.0).contents if getattr(s, "textAnchor", "") == "end"]
    assert len(texts) == 2 and texts[-1].endswith("…")  # past two lines, and only then, a title is cut

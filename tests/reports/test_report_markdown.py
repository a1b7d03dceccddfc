"""The Markdown report: the same sections and figures as the PDF, and user text that stays text."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from assessment.scoring import score
from reports import report_markdown
from reports.markdown import render_markdown
from reports.model import build_report, fmt_score
from reports.pdf import render_pdf
from tests.conftest import worst_choices
from tests.reports.report_helpers import assessment_with, outline, pdf_text, squash

EXAMPLES = ["closedwater-api", "early-draft-partial", "harbor-legal-ai", "nimbus-foundation-lab", "open-commons-bio"]
MD = MarkdownIt("commonmark").enable("table")


class _Html(HTMLParser):
    """Collects tags and text of rendered Markdown."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.h1: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if "h1" in self.stack:
            self.h1.append(data)


def rendered(markdown: str) -> _Html:
    parser = _Html()
    parser.feed(MD.render(markdown))
    return parser


@pytest.fixture(scope="module")
def both(rubric, examples):
    """(report model, PDF bytes, Markdown text) per example: one model, two renderers."""
    out = {}
    for name in EXAMPLES:
        report = build_report(rubric, examples[name])
        out[name] = (report, render_pdf(report), render_markdown(report))
    return out


@pytest.mark.parametrize("name", EXAMPLES)
def test_same_sections_in_the_same_order(both, name):
    report, pdf, markdown = both[name]
    md_sections = re.findall(r"^## (.+)$", markdown, flags=re.M)
    pdf_sections = [title for title, _ in outline(pdf)][1:]  # after "Cover"
    assert md_sections == list(report.section_titles) == pdf_sections
    md_gaps = re.findall(r"^### (.+)$", markdown.split("## Gaps")[1].split("## Action plan")[0], flags=re.M)
    pdf_gaps = dict(outline(pdf))["Gaps"]
    assert [t for t in md_gaps if t != "Blocked benefits"] == pdf_gaps


@pytest.mark.parametrize("name", EXAMPLES)
def test_same_figures_in_both(both, name):
    report, pdf, markdown = both[name]
    pdf_flat = squash(pdf_text(pdf))
    md_flat = squash(markdown.replace("**", "").replace("\\", ""))
    figures = report.figures()
    overall, level = figures["overall"], report.level.label
    verdict = (f"Overall score {overall} out of 100 from the answers so far: provisional readiness level {level}."
               if report.provisional else f"Overall score {overall} out of 100: readiness level {level}.")
    statements = [
        verdict,
        report.level_heading,
        f"Completeness: {figures['answered']} questions answered ({figures['completeness']}),"
        f" {figures['dont_know']} \"don't know\"",
    ]
    for pillar in report.pillars:
        statements.append(f"Score {figures[f'pillar:{pillar.id}']} / 100 · {pillar.progress}")
        for p in pillar.principles:
            own = ("its own questions are unanswered" if p.raw_score is None
                   else f"its own answers score {fmt_score(p.raw_score)}")
            score = (f"0 while blocked ({own})" if p.blocked
                     else f"{figures[f'principle:{p.id}']} / 100")
            assert not p.blocked or ("BLOCKED" not in score and "n/a" not in score)
            statements.append(f"Score {score} · weight {p.weight:g} · {p.progress}")
    for statement in statements:
        assert statement in pdf_flat, statement
        assert statement in md_flat, statement
    for gap in report.full_gaps:
        for action in gap.actions:
            assert squash(action) in pdf_flat and squash(action) in md_flat
    for gap in report.waiting_gaps:  # one line each
        assert squash(gap.waits_line) in pdf_flat and squash(gap.waits_line) in md_flat


def test_markdown_renders_to_the_expected_structure(rubric, examples):
    html = rendered(report_markdown(rubric, examples["closedwater-api"]))
    assert html.tags.count("h2") == 8
    assert html.tags.count("table") >= 4
    assert "script" not in html.tags


def test_user_text_cannot_become_markup(rubric):
    name = "# <script>alert(1)</script> | [click](http://evil.example) *bold* _x_ `code` & co"
    evidence = ("line one\n# not a heading\n- not a list\n1. not numbered\n> not a quote\n"
                "<img src=x onerror=alert(1)>\n| a | b |\n---\n    not code")
    q = rubric.questions[0]
    assessment = assessment_with(rubric, {q.id: q.choices[0].id}, {q.id: evidence}, name=name,
                                 assessor="<b>Eve</b> | [x](y)", stage="=cmd|' /C calc'!A0", niche="**big**")
    markdown = report_markdown(rubric, assessment)
    html = rendered(markdown)
    assert {"script", "img", "a", "code", "em", "pre"}.isdisjoint(html.tags), html.tags
    heading = squash("".join(html.h1))
    assert heading == f"Open LLM Readiness report: {squash(name)}"
    text = squash("".join(html.text))
    for line in evidence.splitlines():
        assert squash(line) in text, line
    assert "<b>Eve</b> | [x](y)" in text
    assert "**big**" in text
    # the cover table still has exactly two columns in every row
    cover = markdown.split("\n\n")[1]
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 3 for row in cover.splitlines()), cover


def test_emoji_and_control_characters_in_markdown(rubric):
    q = rubric.questions[0]
    assessment = assessment_with(rubric, {q.id: q.choices[0].id}, {q.id: "bad\x00byte \x1b[31m ok 🚀"},
                                 name="Rocket 🚀 Labs")
    markdown = report_markdown(rubric, assessment)
    assert "Rocket 🚀 Labs" in markdown  # Markdown has no font problem: emoji stay
    assert "\x00" not in markdown and "\x1b" not in markdown
    assert "badbyte \\[31m ok 🚀" in markdown


def test_lone_surrogates_cannot_break_either_renderer(rubric):
    # pydantic refuses them in an assessment; a report built some other way is still safe
    report = dataclasses.replace(build_report(rubric, assessment_with(rubric, {})), company="a\ud800b",
                                 assessor="\udfff")
    render_markdown(report).encode("utf-8")
    assert "a\ufffdb" in render_markdown(report)
    assert "a\ufffdb" in pdf_text(render_pdf(report))


def test_provisional_level_in_markdown(rubric, examples):
    markdown = report_markdown(rubric, examples["early-draft-partial"])
    cover, rest = markdown.split("## Executive summary")
    assert "**Provisional: Ready (10 of 33 answered, 2 don't know)**" in cover
    assert "Readiness level: Ready" not in markdown
    for part in (cover, rest.split("## Scores at a glance")[0]):
        assert "21 of 33 questions are unanswered and 2 are answered \"Don't know\"" in part
    assert squash(rubric.level_index["ready"].description) not in squash(markdown.split("## Methodology")[0])


def test_empty_and_blocked_reports_in_markdown(rubric):
    empty = report_markdown(rubric, assessment_with(rubric, {}))
    assert "No gaps were found in the answers given." in empty
    assert empty.count("Answer: Not answered") == len(rubric.questions)
    blocked = report_markdown(rubric, assessment_with(rubric, worst_choices(rubric)))
    assert "### Blocked benefits" in blocked
    unblock = next(r.unblock for r in rubric.gap_rules if r.id == "weights-not-released")
    assert ("\n> Blocked until \"Model weights are not released\" is closed: Crowdsourced evaluations improve models,"
            " Crowdsourced use cases become product leads, Good PR for recruiting, values and vibes (each scored 0)."
            f" {unblock}\n") in blocked
    assert blocked.count(unblock) == 1


def test_skipped_questions_in_markdown(rubric):
    assessment = assessment_with(rubric, worst_choices(rubric), {"weights-cadence": "OLD NOTE FROM BEFORE"})
    markdown = report_markdown(rubric, assessment)
    cadence = next(q for q in rubric.questions if q.id == "weights-cadence")
    assert f"- **{cadence.text}**\\\n  Not asked: {cadence.skip_note}\n" in markdown
    assert "OLD NOTE FROM BEFORE" not in markdown
    assert markdown.count("  Not asked: ") == len(score(rubric, worst_choices(rubric)).skipped)  # 18 with no niche
    assert "| Crowdsourced evaluations improve models | Benefits | blocked (0.0) | not asked |" in markdown


def test_overdue_and_done_actions_in_markdown(rubric):
    import datetime as dt

    from assessment.answers import ActionItem

    assessment = assessment_with(rubric, worst_choices(rubric))
    assessment.action_plan["no-niche:0"] = ActionItem(owner="Ana", due=dt.date(2026, 10, 20))
    assessment.action_plan["no-niche:1"] = ActionItem(due=dt.date(2026, 9, 1), done=True)
    markdown = report_markdown(rubric, assessment)
    assert "| Action | Gap | Owner | Due date | Status |" in markdown
    assert "| Ana | 2026-10-20 | **Overdue** |" in markdown
    assert "| - | 2026-09-01 | Done |" in markdown
    assert "actions done, 1 overdue." in markdown


def test_markdown_cover_leaves_out_empty_profile_rows(rubric):
    cover = report_markdown(rubric, assessment_with(rubric, {}, stage=" ")).split("## Executive summary")[0]
    assert "| Date | 2026-11-01 |" in cover
    assert "Assessor" not in cover and "Stage" not in cover and "Niche" not in cover
    assert "Not recorded" not in cover


def test_no_gaps_plan_in_markdown(rubric, examples):
    report = build_report(rubric, examples["harbor-legal-ai"])
    markdown = render_markdown(report)
    plan = markdown.split("## Action plan")[1].split("## Pillar")[0]
    assert plan.strip().startswith("No gaps found. Where to look next")
    assert [line for line in plan.splitlines() if line.startswith("- ")] == [
        f"- {p.title} ({fmt_score(p.score)}): {squash(p.summary)}" for p in report.weakest]


def test_gaps_to_confirm_are_listed_apart_as_open_questions(rubric, examples):
    """All "don't know": no gap stated as a finding, no action planned; each open question named with what
    would settle it, in both renderers."""
    assessment = examples["all-dont-know"]
    markdown = report_markdown(rubric, assessment)
    pdf = " ".join(pdf_text(render_pdf(build_report(rubric, assessment))).split())
    gaps, plan = markdown.split("## Gaps")[1].split("## Action plan")
    assert "No gap is confirmed by the answers given." in gaps
    assert "### To confirm" in gaps and "### Critical" not in gaps
    for gap in score(rubric, {k: a.choice for k, a in assessment.answers.items()}).to_confirm:
        assert f"- {gap.headline}. If so: {gap.title}" in gaps
        assert f"{gap.headline}. If so: {gap.title}" in pdf
    assert "Not enough known to judge (0 of 34 answered, 34 don't know)" in markdown
    assert "Not enough known to judge (0 of 34 answered, 34 don't know)" in pdf
    assert "Level scale:" not in markdown and "Overall score" not in markdown  # no score, no level marked
    assert "### Find out first" in markdown and "### Start here" not in markdown  # as the app and the brief say
    assert "Find out first" in pdf
    # Nothing to act on until someone finds out, and no all-clear either.
    assert "No gap is confirmed yet, so there is no action plan" in plan and "No gaps found" not in plan


def test_the_report_names_the_rubric_version_that_scored_it(rubric, examples):
    import json

    from assessment.answers import dump_assessment, parse_assessment

    data = json.loads(dump_assessment(examples["harbor-legal-ai"]))
    data["rubric"]["version"] = "1.0.0"
    data.pop("upgrades")
    old = parse_assessment(json.dumps(data), rubric)
    markdown = report_markdown(rubric, old)
    row = "| Rubric | Open LLM Readiness, version 2.0.0 (open-llm-playbook); answers carried over from version 1.0.0 |"
    assert row in markdown
    assert "answers carried over" not in report_markdown(rubric, examples["harbor-legal-ai"])
def test_markdown_starts_with_the_focus_and_groups_the_rest(rubric):
    markdown = report_markdown(rubric, assessment_with(rubric, worst_choices(rubric)))
    summary = markdown.split("## Executive summary")[1].split("## Scores at a glance")[0]
    assert "### Start here\n\n- No niche (Critical): " in summary
    gaps = markdown.split("## Gaps")[1].split("## Action plan")[0]
    assert re.findall(r"^### (.+)$", gaps, flags=re.M) == ["Blocked benefits", "Critical: No niche"]
    assert '- No repeatable data pipeline (high, Own a data pipeline, keep in-domain data private): after "No niche".' \
        in gaps
    plan = markdown.split("## Action plan")[1].split("## Pillar")[0]
    assert '### Later' in plan and '- **Once "No niche" is closed:** ' in plan

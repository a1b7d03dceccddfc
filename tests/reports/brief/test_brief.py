"""The one-page brief: what it says, and that it stays one A4 page whatever the text."""

from __future__ import annotations

import datetime as dt

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from assessment.answers import ActionItem, Answer, Assessment, Company, Snapshot
from assessment.focus import focus
from assessment.rubric import Rubric
from assessment.scoring import score_assessment
from reports.brief import brief_pdf, build_brief
from reports.brief.model import NOT_ENOUGH_KNOWN
from reports.brief.pdf import FOOTER_TOP, MARGIN, WIDTH, draw_page, wrap
from reports.pdf.text import SANS, SANS_BOLD, string_width
from tests.conftest import best_choices, worst_choices
from tests.reports.report_helpers import assessment_with, pdf_reader, pdf_text, squash
from tests.reports.test_report_pdf import SCRIPTS
from tests.reports.test_report_text import README_SAMPLES

HOSTILE = {
    "markup": "<b>Bold</b> & </para> <font name='x'>] [link](http://x) # | *",
    "long words": "Supercalifragilistic" * 10,
    "long sentence": " ".join(["Extraordinarily long company name words"] * 5),
    "controls": "Acme\x01\x07\tModels\r\nLtd\u200b\u202e",
    "emoji": "Rocket 🚀 Labs 👩‍🚀 🇫🇷 " * 8,
    "uncovered": "العربية ภาษาไทย हिन्दी " * 6,
    **{f"script {k}": (v + " ") * 8 for k, v in SCRIPTS.items()},
    **{f"readme {k}": (v + " ") * 12 for k, v in README_SAMPLES.items()},
}


def _hostile(rubric: Rubric, text: str) -> Assessment:
    """Every user field at its limit, every gap open, every action with a long owner and a note."""
    choices = worst_choices(rubric)
    a = assessment_with(rubric, choices, evidence={q: text * 50 for q in choices}, name=text[:200],
                        stage=text[:200], niche=text[:500], assessor=text[:200])
    result = score_assessment(rubric, a)
    plan = {f"{g.id}:{i}": ActionItem(owner=text[:200], due=dt.date(2026, 1, 1))
            for g in result.gaps for i in range(len(g.rule.actions))}
    return a.model_copy(update={"action_plan": plan})


def _lowest_point(brief: object) -> float:
    import io

    return draw_page(Canvas(io.BytesIO(), pagesize=A4), brief)


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_text_stays_on_one_page(rubric: Rubric, kind: str) -> None:
    text = HOSTILE[kind]
    new = _hostile(rubric, text)
    old = new.model_copy(update={"answers": {q: Answer(choice=c) for q, c in best_choices(rubric).items()}})
    for since in (None, old):
        data = brief_pdf(rubric, new, since=since)
        assert len(pdf_reader(data).pages) == 1
        brief = build_brief(rubric, new, since=since)
        assert _lowest_point(brief) >= FOOTER_TOP  # nothing runs into the footer or off the page
        extracted = squash(pdf_text(data))
        assert "Next three actions" in extracted and "Page 1 of 1" in extracted
        assert "<b>" not in extracted or "&lt;" not in extracted  # printed as typed, never as markup


def test_a_long_name_is_shortened_with_an_ellipsis(rubric: Rubric) -> None:
    name = ("Very Long Company Name " * 9)[:200]
    data = brief_pdf(rubric, assessment_with(rubric, worst_choices(rubric), name=name))
    text = pdf_text(data)
    first_lines = text.splitlines()[1:3]
    assert first_lines[0].startswith("Very Long Company Name")
    assert "Co…" in first_lines[1]  # the second line is cut with an ellipsis
    assert squash(name) not in squash(text)


@pytest.mark.parametrize("script", list(README_SAMPLES))
def test_every_script_of_the_full_report_prints_as_typed(rubric: Rubric, script: str) -> None:
    name = README_SAMPLES[script]
    data = brief_pdf(rubric, assessment_with(rubric, worst_choices(rubric), name=name))
    text = pdf_text(data)
    assert name in text.splitlines()[1] if script != "Hebrew" else name in text or name[::-1] in text
    assert "\ufffd" not in text


def test_wrap_fits_every_line_and_marks_a_cut() -> None:
    for text in HOSTILE.values():
        lines = wrap(text, SANS_BOLD, 18, WIDTH, 2)
        assert 1 <= len(lines) <= 2
        assert all(string_width(line, SANS_BOLD, 18) <= WIDTH + 0.01 for line in lines)
    assert wrap("Short name", SANS, 9, 200, 2) == ["Short name"]
    cut = wrap("word " * 400, SANS, 9, 100, 3)
    assert len(cut) == 3 and cut[-1].endswith("…")
    assert MARGIN > 0


def test_what_the_brief_says(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    a = examples["nimbus-foundation-lab"]
    plan = {"no-niche:0": ActionItem(owner="Dana (CEO)", due=dt.date(2026, 11, 20))}
    a = a.model_copy(update={"action_plan": plan})
    brief = build_brief(rubric, a)
    result = score_assessment(rubric, a)
    assert brief.verdict == "Readiness level: Emerging"
    assert brief.score == f"{result.overall:.1f} / 100"
    titles = {g.id: g.title for g in result.gaps}
    assert [g.title for g in brief.focus] == [titles[i] for i in focus(rubric, result).now]
    assert brief.focus
    assert len(brief.actions) == 3
    assert (brief.actions[0].owner, brief.actions[0].due) == ("Dana (CEO)", "2026-11-20")
    text = squash(pdf_text(brief_pdf(rubric, a)))
    assert "Readiness level: Emerging" in text
    assert "Dana (CEO)" in text and "2026-11-20" in text
    assert all(g.title in text for g in brief.focus)
    assert "No earlier snapshot yet" in text


def test_progress_since_the_last_snapshot_in_the_history(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    now = examples["harbor-legal-ai"]
    worse = {**now.answers, "niche-objective": Answer(choice="no")}
    snap = Snapshot(taken_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC), rubric=now.rubric,
                    company=now.company.model_copy(update={"date": None}), answers=worse)
    a = now.model_copy(update={"history": [snap]})
    brief = build_brief(rubric, a)
    assert brief.progress is not None and brief.progress.since == dt.date(2026, 6, 1)
    text = squash(pdf_text(brief_pdf(rubric, a)))
    assert "Progress since 2026-06-01" in text
    assert "Gaps closed: No niche" in text


def test_provisional_and_not_enough_known(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    draft = build_brief(rubric, examples["early-draft-partial"])
    assert draft.verdict.startswith("Provisional: ")
    empty = Assessment(rubric=rubric.ref, company=Company(name="Blank"))
    brief = build_brief(rubric, empty)
    assert (brief.verdict, brief.score) == (NOT_ENOUGH_KNOWN, "n/a")
    dk = Assessment(rubric=rubric.ref, company=Company(name="Unsure"),
                    answers={q.id: Answer(choice=rubric.dont_know.id) for q in rubric.questions})
    assert build_brief(rubric, dk).verdict == NOT_ENOUGH_KNOWN
    assert NOT_ENOUGH_KNOWN in pdf_text(brief_pdf(rubric, empty))


def test_all_dont_know_lists_what_to_find_out_first_not_an_all_clear(rubric: Rubric, examples) -> None:
    brief = build_brief(rubric, examples["all-dont-know"], today=dt.date(2026, 12, 1))
    assert brief.unconfirmed and brief.focus
    first = score_assessment(rubric, examples["all-dont-know"]).gap("no-niche")
    assert brief.focus[0].title == first.headline and brief.focus[0].severity_label == "if so: critical"
    text = squash(pdf_text(brief_pdf(rubric, examples["all-dont-know"], today=dt.date(2026, 12, 1))))
    assert "Find out first" in text and "No gaps were found" not in text
    assert "no gap was found" not in text and "No actions yet: first find out the answers above" in text
    assert "0 of 34 answered, 34 don't know" in text and "34 of 34" not in text
    assert " 0.0 " not in f" {text} " and "Have a niche" not in text  # no radar of scores it withholds

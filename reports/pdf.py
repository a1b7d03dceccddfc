"""The PDF readiness report: lays out a `Report` with reportlab's platypus.

Styles are built in one place (`_styles`); the document is assembled from small `_story_*` steps.
Every piece of user text goes through `reports.text.markup` (escaped, font fallback) on its way
into a paragraph, and through `reports.text.draw_string` on its way onto the page furniture.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reports import charts
from reports.charts import ACCENT, GRID, INK, MUTED, TRACK
from reports.flowables import TextBlock
from reports.model import (
    PillarView,
    Report,
    fmt_score,
    methodology_lines,
    no_gap_lines,
    pillar_heading,
    summary_lines,
)
from reports.sections import Bullets, Chart, Section, Subheading, TableBlock, Text
from reports.text import SANS, SANS_BOLD, draw_string, fit, markup, register_fonts

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
TOTAL_PAGES_FORM = "totalPages"
EVIDENCE_LABEL = "Evidence"
ANSWER = colors.HexColor("#3E4C59")


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    """Every paragraph style of the report, built once."""
    register_fonts()
    base = ParagraphStyle("Body", fontName=SANS, fontSize=9.5, leading=13.5, textColor=INK, alignment=TA_LEFT,
                          spaceAfter=5, splitLongWords=True, allowWidows=0, allowOrphans=0)

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "small": style("Small", fontSize=8, leading=11, textColor=MUTED),
        "cell": style("Cell", fontSize=8.5, leading=11, spaceAfter=0),
        "cell_bold": style("CellBold", fontName=SANS_BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        "kicker": style("Kicker", fontName=SANS_BOLD, fontSize=10, leading=14, textColor=ACCENT, spaceAfter=10),
        "cover_title": style("CoverTitle", fontName=SANS_BOLD, fontSize=26, leading=32, spaceAfter=8),
        "cover_sub": style("CoverSub", fontSize=11, leading=15, textColor=MUTED, spaceAfter=3),
        "cover_level": style("CoverLevel", fontName=SANS_BOLD, fontSize=20, leading=26, spaceAfter=2),
        "cover_score": style("CoverScore", fontSize=12, leading=16, textColor=MUTED, spaceAfter=10),
        "h1": style("H1", fontName=SANS_BOLD, fontSize=16, leading=20, spaceBefore=18, spaceAfter=10,
                    textColor=INK),
        "h2": style("H2", fontName=SANS_BOLD, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4),
        "h3": style("H3", fontName=SANS_BOLD, fontSize=10, leading=13, spaceBefore=6, spaceAfter=3),
        "meta": style("Meta", fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=4),
        "bullet": style("Bullet", leftIndent=16, bulletIndent=3, spaceAfter=3),
        "question": style("Question", fontSize=9, leading=12, spaceBefore=4, spaceAfter=1),
        "question_bold": style("QuestionBold", fontName=SANS_BOLD, fontSize=9, leading=12),
        "answer": style("Answer", fontSize=9, leading=12, textColor=ANSWER),
        "evidence": style("Evidence", fontSize=8.5, leading=11.5, leftIndent=10, textColor=MUTED, spaceAfter=3),
        "callout": style("Callout", fontSize=9, leading=12.5, backColor=TRACK, borderPadding=(5, 6, 5, 6),
                         leftIndent=6, rightIndent=6, spaceBefore=6, spaceAfter=10),
    }


HEADINGS = frozenset({"h1", "h2", "h3"})


def _p(text: str, style: str) -> Flowable:
    """Rubric or report text in one style; a heading keeps with what follows it."""
    st = _styles()[style]
    if st.backColor is not None:  # boxed call-outs keep the paragraph's background and border
        return Paragraph(escape(text), st)
    block = TextBlock([(text, st)], st)
    if style in HEADINGS:
        block.keepWithNext = True  # type: ignore[attr-defined]  # never the last thing on a page
    return block


def _u(text: str, style: str) -> Paragraph:
    """A paragraph of user text: escaped, with font fallback and visible replacements."""
    return Paragraph(markup(text), _styles()[style])


def _heading(text: str, style: str, level: int, outline: str | None = None) -> Flowable:
    """A heading that is also a bookmark in the PDF outline (titled `outline`, default the text)."""
    para = _p(text, style)
    para._bookmark = (outline or text, level)  # type: ignore[attr-defined]  # read by afterFlowable
    return para


def _bullets(lines: Iterable[str], style: str = "bullet") -> list[Flowable]:
    st = _styles()[style]
    return [TextBlock([(line, st)], st, bullet="•") for line in lines]


CELL_PAD = 4
CELL_SIZE = 8.5


def _cell(text: str, width: float, bold: bool = False) -> str | Paragraph:
    """Rubric text for a table cell: a plain string when it fits on one line (much cheaper to lay
    out than a paragraph), else a wrapping paragraph."""
    font = SANS_BOLD if bold else SANS
    if stringWidth(text, font, CELL_SIZE) <= width - 2 * CELL_PAD:
        return text
    return _p(text, "cell_bold" if bold else "cell")


def _row(values: Iterable[str], widths: list[float], bold: bool = False) -> list[str | Paragraph]:
    return [_cell(v, w, bold) for v, w in zip(values, widths, strict=True)]


def _table(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS, CELL_SIZE, 11),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
    ]
    if header:
        commands += [("LINEBELOW", (0, 0), (-1, 0), 0.8, INK), ("BACKGROUND", (0, 0), (-1, 0), TRACK),
                     ("FONT", (0, 0), (-1, 0), SANS_BOLD, CELL_SIZE, 11)]
    table.setStyle(TableStyle(commands))
    return table


# ---------------------------------------------------------------- story steps


def _story_cover(r: Report) -> list[Flowable]:
    details = [
        ("Date", r.date.isoformat(), False),
        ("Assessor", r.assessor, True),
        ("Stage", r.stage, True),
        ("Rubric", f"{r.rubric_title}, version {r.rubric_version} ({r.rubric_id})", False),
    ]
    widths = [30 * mm, FRAME_W - 30 * mm]
    # a profile field left empty has no row: "Not recorded" reads like a finding
    rows = [[label, _u(value, "cell") if user else _cell(value, widths[1])] for label, value, user in details
            if value.strip()]
    story: list[Flowable] = [
        Spacer(1, 40 * mm),
        _heading(r.title.upper(), "kicker", 0, outline="Cover"),
        _u(r.company_display, "cover_title"),
    ]
    if r.niche.strip():
        story.append(_u(r.niche, "cover_sub"))
    story += [
        Spacer(1, 16 * mm),
        _p(r.level_heading, "cover_level"),
        _p(f"Overall score {fmt_score(r.overall)} / 100", "cover_score"),
        charts.level_scale(r, FRAME_W),
        Spacer(1, 6 * mm),
    ]
    if r.provisional:
        story.append(_p(r.provisional_note, "callout"))
    if r.capped_by:
        story.append(_p(r.cap_line, "meta"))
    table = _table(rows, widths, header=False)
    table.setStyle(TableStyle([("FONT", (0, 0), (0, -1), SANS_BOLD, CELL_SIZE, 11)]))
    story += [Spacer(1, 14 * mm), table,
              NextPageTemplate("body"), PageBreak()]
    return story


def _story_summary(r: Report) -> list[Flowable]:
    lines = summary_lines(r)
    story: list[Flowable] = [_heading("Executive summary", "h1", 0)]
    story += [_p(line, "body") for line in lines["verdict"][:1]]
    story += [_p(line, "callout") for line in lines["verdict"][1:]]
    story += [_p(line, "body") for line in lines["completeness"]]
    story += [_p("Top gaps", "h3"), *_bullets(lines["gaps"])]
    story += [_p("Strengths", "h3"), *_bullets(lines["strengths"])]
    return story


def _story_charts(r: Report) -> list[Flowable]:
    widths = [FRAME_W * 0.5, FRAME_W * 0.2, FRAME_W * 0.15, FRAME_W * 0.15]
    rows = [["Principle", "Pillar", "Score", "Answered"]]
    for pillar in r.pillars:
        for p in pillar.principles:
            score = "blocked (0.0)" if p.blocked else fmt_score(p.score)
            rows.append(_row([p.title, pillar.title, score, p.answered_cell], widths))
    return [
        PageBreak(),
        _heading("Scores at a glance", "h1", 0),
        _p("Principles (0-100). Hollow markers are blocked or unanswered.", "meta"),
        charts.radar(r, FRAME_W),
        Spacer(1, 3 * mm),
        _p("Pillars (0-100), with the level thresholds.", "meta"),
        charts.pillar_bars(r, FRAME_W),
        Spacer(1, 4 * mm),
        _table(rows, widths),
    ]


def _story_gaps(r: Report) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), _heading("Gaps", "h1", 0)]
    if not r.gaps:
        return [*story, _p("No gaps were found in the answers given.", "body")]
    story.append(_p(f"{len(r.gaps)} gaps, most serious first.", "meta"))
    if r.blocking_gaps:
        story += [_p("Blocked benefits", "h3"), *[_p(g.blocked_line, "callout") for g in r.blocking_gaps]]
    bullet = _styles()["bullet"]
    for gap in r.gaps:
        meta = f"Severity: {gap.severity_label} · Principle: {gap.principle}"
        if gap.caps_level:
            meta += f" · Caps the level at {gap.caps_level}"
        block = [
            _heading(f"{gap.severity_label}: {gap.title}", "h2", 1),
            _p(meta, "meta"),
            _p(gap.reasoning, "body"),
            _p("Recommended actions", "h3"),
            *[TextBlock([(a, bullet)], bullet, bullet=f"{i}.") for i, a in enumerate(gap.actions, 1)],
        ]
        if gap.blocks:
            block.append(_p(f"Blocks: {', '.join(gap.blocks)} (scored 0 while blocked; see Blocked benefits).",
                            "meta"))
        story.append(KeepTogether(block))  # a gap is read as one unit: it moves to the next page whole
    return story


def _story_plan(r: Report) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(60 * mm), _heading("Action plan", "h1", 0)]
    if not r.gaps:
        intro, where = no_gap_lines(r)
        return [*story, _p(intro, "body"), *_bullets(where)]
    story.append(_p("The recommended actions, most serious gaps first. An action with a due date in the"
                    " assessment sits in the phase its date falls in; one due before the report date is overdue.",
                    "meta"))
    if status := r.plan_status_line():
        story.append(_p(status, "body"))
    widths = [FRAME_W * 0.40, FRAME_W * 0.24, FRAME_W * 0.14, FRAME_W * 0.12, FRAME_W * 0.10]
    for phase in r.plan:
        story.append(_heading(phase.label, "h2", 1))
        if not phase.actions:
            story.append(_p("Nothing scheduled.", "meta"))
            continue
        rows: list[list[Any]] = [["Action", "Gap", "Owner", "Due", "Status"]]
        for a in phase.actions:
            rows.append([
                _cell(a.text, widths[0]),
                _cell(f"{a.gap} ({a.severity_label})", widths[1]),
                _u(a.owner, "cell") if a.owner else "-",
                a.due.isoformat() if a.due else "-",
                _p(a.status, "cell_bold") if a.overdue else a.status,
            ])
        story.append(_table(rows, widths))
    return story


def _story_pillar(r: Report, pillar: PillarView) -> list[Flowable]:
    title = pillar_heading(pillar)
    story: list[Flowable] = [
        CondPageBreak(80 * mm),
        _heading(title, "h1", 0),
        _p(f"Score {fmt_score(pillar.score)} / 100 · {pillar.progress}", "meta"),
        _p(pillar.summary, "body"),
    ]
    question, question_bold, answer_style = (_styles()[k] for k in ("question", "question_bold", "answer"))
    for p in pillar.principles:
        score = f"{fmt_score(p.score)} / 100"
        if p.blocked:
            score = f"BLOCKED (counts as 0.0; {fmt_score(p.raw_score)} from the answers)"
        story += [
            CondPageBreak(40 * mm),
            _heading(p.title, "h2", 1),
            _p(f"Score {score} · weight {p.weight:g} · {p.progress}", "meta"),
            _p(p.summary, "body"),
        ]
        if p.blocked:
            story.append(_p(f"Blocked by: {'; '.join(p.blocked_by)}.", "callout"))
        for q in p.questions:
            block = TextBlock([(q.text, question_bold), (q.answer_line, answer_style)], question)
            story.append(block)
            if q.evidence.strip():
                block.keepWithNext = True  # the evidence starts on the question's page
                story.append(Paragraph(f"<b>{EVIDENCE_LABEL}:</b><br/>{markup(q.evidence)}", _styles()["evidence"]))
    return story


def _story_methodology(r: Report) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(90 * mm), _heading("Methodology", "h1", 0)]
    story += [_p(line, "body") for line in methodology_lines(r)]
    widths = [FRAME_W * 0.17, FRAME_W * 0.13, FRAME_W * 0.7]
    levels: list[list[Any]] = [["Level", "From score", "What it means"]]
    levels += [_row([lv.label, f"{lv.min_score:g}", lv.description], widths) for lv in r.levels]
    story += [_p("Levels", "h3"), _table(levels, widths)]
    widths = [FRAME_W * 0.6, FRAME_W * 0.25, FRAME_W * 0.15]
    weights: list[list[Any]] = [["Principle", "Pillar", "Weight"]]
    weights += [_row([p.title, pillar.title, f"{p.weight:g}"], widths) for pillar in r.pillars
                for p in pillar.principles]
    story += [_p("Weights", "h3"), _table(weights, widths)]
    story += [_p(f"Pillar weights: {', '.join(f'{p.title} {p.weight:g}' for p in r.pillars)}.", "meta")]
    return story


def _story_section(section: Section) -> list[Flowable]:
    """An optional section (reports.sections): user text through `_u`, the report's own through `_p`."""
    story: list[Flowable] = [CondPageBreak(90 * mm), _heading(section.title, "h1", 0)]
    for block in section.blocks:
        if isinstance(block, Subheading):
            story += [CondPageBreak(40 * mm), _heading(block.text, "h2", 1)]
        elif isinstance(block, Text):
            story.append((_u if block.user else _p)(block.text, block.style))
        elif isinstance(block, Bullets):
            story += ([Paragraph(markup(x), _styles()["bullet"], bulletText="•") for x in block.items]
                      if block.user else _bullets(block.items))
        elif isinstance(block, TableBlock):
            widths = [FRAME_W * w for w in block.widths]
            rows: list[list[Any]] = [_row(block.header, widths, bold=True)]
            rows += [[_u(c, "cell") if i in block.user_columns else _cell(c, widths[i]) for i, c in enumerate(row)]
                     for row in block.rows]
            story += [_table(rows, widths), Spacer(1, 2 * mm)]
        elif isinstance(block, Chart):
            story += [block.draw(FRAME_W), Spacer(1, 2 * mm)]
    return story


# ---------------------------------------------------------------- page furniture and document


class _Canvas(Canvas):
    """Writes the total page count once it is known, into a form every footer refers to."""

    def save(self) -> None:
        self.beginForm(TOTAL_PAGES_FORM)
        self.setFont(SANS, 7.5)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


def _furniture(report: Report) -> Any:
    right = f"{report.title} · {report.date.isoformat()}"
    left = fit(report.company_display, SANS_BOLD, 7.5, FRAME_W - stringWidth(right, SANS, 7.5) - 12)
    footer = f"{report.rubric_title} rubric {report.rubric_version} · level {report.level_text}" \
             f" · score {fmt_score(report.overall)}"

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        y_head = PAGE_H - MARGIN_TOP + 8 * mm
        draw_string(canvas, MARGIN_X, y_head, left, SANS_BOLD, 7.5)
        canvas.setFont(SANS, 7.5)
        canvas.drawRightString(PAGE_W - MARGIN_X, y_head, right)
        canvas.line(MARGIN_X, y_head - 3, PAGE_W - MARGIN_X, y_head - 3)
        y_foot = MARGIN_BOTTOM - 9 * mm
        canvas.line(MARGIN_X, y_foot + 9, PAGE_W - MARGIN_X, y_foot + 9)
        canvas.drawString(MARGIN_X, y_foot, footer)
        label = f"Page {doc.page} of "
        x = PAGE_W - MARGIN_X - 14
        canvas.drawRightString(x, y_foot, label)
        canvas.translate(x, y_foot)
        canvas.doForm(TOTAL_PAGES_FORM)
        canvas.restoreState()

    return draw


class _ReportDoc(BaseDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:
        """Bookmark every heading and add it to the PDF outline."""
        mark = getattr(flowable, "_bookmark", None)
        if mark is None:
            return
        title, level = mark
        key = f"h{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)


def _meta(text: str) -> str:
    """Document-info text: one line, no control characters, no unpaired surrogates."""
    text = " ".join(text.split())
    return "".join(
        "\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text if unicodedata.category(c) not in ("Cc",)
    )


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes: cover, summary, charts, gaps, plan, one section per pillar, methodology."""
    _styles()
    buf = io.BytesIO()
    doc = _ReportDoc(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=_meta(f"{report.title}: {report.company_display}"),
        author=_meta(report.assessor or report.rubric_title),
        subject=_meta(f"Readiness level {report.level_text}, score {fmt_score(report.overall)} / 100"
                      f" ({report.rubric_id} {report.rubric_version})"),
        keywords=["open LLM", "readiness", report.rubric_id],
        creator=report.rubric_title,
        lang="en",
        initialFontName=SANS,  # else every page refers to a non-embedded Helvetica
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate("cover", frames=[frame]),
        PageTemplate("body", frames=[frame], onPage=_furniture(report)),
    ])
    story = [
        *_story_cover(report),
        *_story_summary(report),
        *_story_charts(report),
        *_story_gaps(report),
        *_story_plan(report),
        *[f for pillar in report.pillars for f in _story_pillar(report, pillar)],
        *[f for section in report.sections for f in _story_section(section)],
        *_story_methodology(report),
    ]
    doc.build(story, canvasmaker=_Canvas)
    return buf.getvalue()


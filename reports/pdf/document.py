"""The PDF readiness report: lays out a `Report` with reportlab's platypus.

Styles are built in one place (`_styles`); the document is assembled from small `_story_*` steps.
Every piece of user text goes through `reports.pdf.text.markup` (escaped, font fallback) on its way
into a paragraph, and through `reports.pdf.text.draw_string` on its way onto the page furniture.
"""

from __future__ import annotations

import io
import unicodedata
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
)

from assessment.names import strip_bidi
from reports.model import (
    Report,
    fmt_score,
)
from reports.pdf.palette import GRID, MUTED
from reports.pdf.stories import (
    _story_charts,
    _story_cover,
    _story_gaps,
    _story_methodology,
    _story_pillar,
    _story_plan,
    _story_section,
    _story_summary,
)
from reports.pdf.styles import (
    FRAME_W,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    TOTAL_PAGES_FORM,
    _styles,
)
from reports.pdf.text import SANS, SANS_BOLD, draw_string, fit


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
    footer = f"{report.rubric_title} rubric {report.rubric_version} · " + (
        f"level {report.level_text} · score {fmt_score(report.overall)}" if report.score_shown else report.level_text)

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
    """Document-info text: one line, no control or bidi characters, no unpaired surrogates."""
    text = " ".join(strip_bidi(text).split())
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
        subject=_meta((f"Readiness level {report.level_text}, score {fmt_score(report.overall)} / 100"
                       if report.score_shown else report.level_text)
                      + f" ({report.rubric_id} {report.rubric_version})"),
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
        *[f for section in report.front_sections for f in _story_section(section)],
        *_story_charts(report),
        *_story_gaps(report),
        *_story_plan(report),
        *[f for pillar in report.pillars for f in _story_pillar(report, pillar)],
        *[f for section in report.sections for f in _story_section(section)],
        *_story_methodology(report),
    ]
    doc.build(story, canvasmaker=_Canvas)
    return buf.getvalue()

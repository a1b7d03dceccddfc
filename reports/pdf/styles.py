"""The PDF's page geometry and paragraph styles (built in one place, `_styles`), and the small
builders of paragraphs, headings, bullets and tables every story uses."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Table,
    TableStyle,
)

from reports.pdf.flowables import TextBlock
from reports.pdf.palette import ACCENT, GRID, INK, MUTED, TRACK
from reports.pdf.text import SANS, SANS_BOLD, markup, register_fonts

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
        # a piece of a long note that more pieces follow, flush with them (see stories._evidence)
        "evidence_cont": style("EvidenceCont", fontSize=8.5, leading=11.5, leftIndent=10, textColor=MUTED,
                               spaceBefore=0, spaceAfter=0),
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

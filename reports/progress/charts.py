"""The progress section's chart for the PDF: one bar per principle, left of the axis for a loss,
right for a gain, with the signed change printed beside every bar (never colour alone).

The label column is as wide as the longest principle title needs (up to 45% of the width); a title
longer still wraps onto a second line of its own, taller row, so no name is cut short."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from assessment.progress.compare import Delta
from reports.pdf.palette import ACCENT, GRID, INK, MUTED
from reports.pdf.text import SANS, SANS_BOLD
from reports.progress.wording import signed

ROW = 15.0
LABEL_W = 170.0  # the narrowest label column
LABEL_SIZE = 7.5
LABEL_SHARE = 0.45  # the widest label column, as a share of the chart's width
MAX_LABEL_LINES = 2


def _label_lines(deltas: tuple[Delta, ...], width: float) -> tuple[float, list[list[str]]]:
    """The label column's width and each title's lines (two at most; an ellipsis only past that)."""
    need = max([0.0, *(stringWidth(x.title, SANS, LABEL_SIZE) for x in deltas)]) + 8
    left = min(max(LABEL_W, need), width * LABEL_SHARE)
    lines = []
    for x in deltas:
        split = simpleSplit(x.title, SANS, LABEL_SIZE, left - 8) or [""]
        if len(split) > MAX_LABEL_LINES:  # only a title longer than two lines is cut, and says so
            rest = " ".join(split[MAX_LABEL_LINES - 1:])
            room = left - 8 - stringWidth("…", SANS, LABEL_SIZE)
            split = [*split[:MAX_LABEL_LINES - 1], simpleSplit(rest, SANS, LABEL_SIZE, room)[0] + "…"]
        lines.append(split)
    return left, lines


def delta_bars(deltas: tuple[Delta, ...], width: float, row: float = ROW) -> Drawing:
    """Horizontal bars of each delta on a symmetric axis (at least +-10 points)."""
    left, labels = _label_lines(deltas, width)
    line_gap = LABEL_SIZE + 1
    heights = [row + line_gap * (len(lines) - 1) for lines in labels]
    height = sum(heights) + 16
    d = Drawing(width, height)
    d.initialFontName = SANS
    span = max([10.0, *(abs(x.delta) for x in deltas if x.delta is not None)])
    half = (width - left - 40) / 2
    axis = left + half
    top = height - 4
    for tick in (-span, 0.0, span):
        x = axis + half * tick / span
        d.add(Line(x, 12, x, top, strokeColor=GRID if tick else MUTED, strokeWidth=0.5 if tick else 0.8,
                   strokeDashArray=[2, 2] if tick else None))
        d.add(String(x, 2, signed(tick) if tick else "0", fontName=SANS, fontSize=6, fillColor=MUTED,
                     textAnchor="middle"))
    bottom = top
    for item, lines, h in zip(deltas, labels, heights, strict=True):
        bottom -= h
        y = bottom + (h - row) / 2 + 3  # the bar sits in the middle of its (perhaps taller) row
        first = y + 2 + line_gap * (len(lines) - 1) / 2
        for n, text in enumerate(lines):
            d.add(String(left - 6, first - n * line_gap, text, fontName=SANS, fontSize=LABEL_SIZE, fillColor=INK,
                         textAnchor="end"))
        value = item.delta
        if value:
            w = half * value / span
            d.add(Rect(min(axis, axis + w), y, abs(w), row - 6, fillColor=ACCENT if value > 0 else MUTED,
                       strokeColor=None))
        # A gain is labelled at the end of its bar; a loss just right of the axis, clear of the labels.
        x_text = axis + (half * value / span if value and value > 0 else 0) + 4
        d.add(String(x_text, y + 2, signed(value), fontName=SANS_BOLD, fontSize=7, fillColor=INK))
    return d

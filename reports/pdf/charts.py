"""Vector charts for the PDF, drawn with reportlab's own graphics (no browser, no images).

One hue (Okabe-Ito blue) on greys: it reads the same to every kind of colour vision and keeps
its contrast when printed in black and white. Values are always printed as numbers too, so no
chart relies on colour alone; blocked and unanswered principles get hollow markers and a word.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.model import PrincipleView, Report, fmt_score
from reports.pdf.palette import ACCENT, ACCENT_LIGHT, GRID, INK, MUTED, PAPER, TRACK
from reports.pdf.text import SANS, SANS_BOLD, register_fonts


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = SANS  # else the renderer starts each chart in a non-embedded Helvetica
    return d


def _principle_value(p: PrincipleView) -> tuple[float, str]:
    """Where a principle sits on a chart (0-100) and the word printed next to it."""
    if p.blocked:
        return 0.0, "blocked"
    if p.score is None:
        return 0.0, "n/a"
    return p.score, fmt_score(p.score)


def level_scale(report: Report, width: float) -> Drawing:
    """The readiness level as a mark: a 0-100 track split into the levels, the reached one filled.

    A triangle marks the overall score; when a critical gap capped the level, the triangle sits
    in a higher band than the filled one, which shows the cap at a glance.
    """
    register_fonts()  # the labels are measured to fit their bands
    height = 62
    d = _drawing(width, height)
    top, bar_h = 38, 16
    bounds = [lv.min_score for lv in report.levels] + [100.0]
    for i, lv in enumerate(report.levels):
        x0 = width * bounds[i] / 100
        x1 = width * bounds[i + 1] / 100
        reached = i == report.level_index
        d.add(Rect(x0, top - bar_h, x1 - x0, bar_h, fillColor=ACCENT if reached else TRACK,
                   strokeColor=PAPER, strokeWidth=1.5))
        font = SANS_BOLD if reached else SANS
        # As large as fits the level's own band (a narrow band on a narrow page would overlap its
        # neighbours at 8 pt); where even 6 pt does not fit, every other label drops a row.
        size = max(6.0, min(8.0, 8.0 * (x1 - x0 - 3) / max(stringWidth(lv.label, font, 8.0), 1.0)))
        low = stringWidth(lv.label, font, size) > x1 - x0 - 1 and i % 2 == 1
        d.add(String((x0 + x1) / 2, top - bar_h - 12 - (8 if low else 0), lv.label, fontName=font,
                     fontSize=size, fillColor=INK if reached else MUTED, textAnchor="middle"))
        if i:
            d.add(String(x0 + 2, top - bar_h + 4, f"{lv.min_score:g}", fontName=SANS, fontSize=6,
                         fillColor=PAPER if reached else MUTED))
    x = width * min(max(report.overall, 0.0), 100.0) / 100
    d.add(Polygon([x - 6, top + 11, x + 6, top + 11, x, top + 1], fillColor=INK, strokeColor=None))
    anchor = "start" if x < 40 else "end" if x > width - 40 else "middle"
    d.add(String(x, top + 14, f"score {fmt_score(report.overall)}", fontName=SANS_BOLD, fontSize=8,
                 fillColor=INK, textAnchor=anchor))
    return d


def _label(d: Drawing, x: float, y: float, lines: list[str], score: str, anchor: str, below: bool,
           size: float = 7.0) -> None:
    lead = size + 1.5
    rows = [*lines, score]
    y0 = y - 3 if not below else y - lead
    if not below:
        y0 += lead * (len(rows) - 1)
    for i, row in enumerate(rows):
        last = i == len(rows) - 1
        d.add(String(x, y0 - i * lead, row, fontName=SANS_BOLD if last else SANS, fontSize=size,
                     fillColor=INK if last else MUTED, textAnchor=anchor))


def radar(report: Report, width: float, height: float = 250, label_width: float = 100,
          label_size: float = 7.0) -> Drawing:
    """A radar of the nine principles: rings at 25/50/75/100, the score polygon, labelled spokes.

    Labels wrap at `label_width` points (the one-page brief draws a smaller radar with narrower labels).
    """
    d = _drawing(width, height)
    principles = report.principles
    n = len(principles)
    cx, cy = width / 2, height / 2 - 4
    radius = min(height / 2 - 38, width / 2 - label_width - 20)
    angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]
    values = [_principle_value(p) for p in principles]

    def point(angle: float, value: float) -> tuple[float, float]:
        r = radius * value / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    poly = [c for a, (v, _) in zip(angles, values, strict=True) for c in point(a, v)]
    if n >= 3:
        d.add(Polygon(poly, fillColor=ACCENT_LIGHT, strokeColor=None))
    for ring in (25, 50, 75, 100):
        ring_pts = [c for a in angles for c in point(a, ring)]
        d.add(Polygon(ring_pts, fillColor=None, strokeColor=GRID, strokeWidth=0.5,
                      strokeDashArray=None if ring == 100 else [2, 2]))
        # ring values sit between the first two spokes, clear of the top label
        rx, ry = point(math.pi / 2 - math.pi / n, ring)
        d.add(String(rx + 1.5, ry + 1, str(ring), fontName=SANS, fontSize=5.5, fillColor=MUTED))
    for a in angles:
        x, y = point(a, 100)
        d.add(Line(cx, cy, x, y, strokeColor=GRID, strokeWidth=0.5))
    if n >= 3:
        d.add(Polygon(poly, fillColor=None, strokeColor=ACCENT, strokeWidth=1.6))
    for a, p, (v, word) in zip(angles, principles, values, strict=True):
        x, y = point(a, v)
        hollow = p.blocked or p.score is None
        d.add(Circle(x, y, 2.6, fillColor=PAPER if hollow else ACCENT, strokeColor=ACCENT, strokeWidth=1))
        lx, ly = point(a, 112)
        cos = math.cos(a)
        anchor = "start" if cos > 0.25 else "end" if cos < -0.25 else "middle"
        lines = simpleSplit(p.title, SANS, label_size, label_width)[:3]
        _label(d, lx, ly, lines, word, anchor, below=math.sin(a) < -0.25, size=label_size)
    return d


def pillar_bars(report: Report, width: float) -> Drawing:
    """Horizontal bars for the pillars on a 0-100 axis, with the level thresholds as dashed lines."""
    label_w, value_w, bar_h, gap = 110, 34, 16, 10
    rows = len(report.pillars)
    height = 22 + rows * (bar_h + gap)
    d = _drawing(width, height)
    x0 = label_w
    span = width - label_w - value_w
    base = 14
    top = height - 4
    for lv in report.levels[1:]:
        x = x0 + span * lv.min_score / 100
        d.add(Line(x, base, x, top, strokeColor=GRID, strokeWidth=0.6, strokeDashArray=[2, 2]))
        d.add(String(x, 3, f"{lv.label} {lv.min_score:g}", fontName=SANS, fontSize=5.5, fillColor=MUTED,
                     textAnchor="middle"))
    for i, pillar in enumerate(report.pillars):
        y = top - (i + 1) * (bar_h + gap) + gap / 2
        d.add(Rect(x0, y, span, bar_h, fillColor=TRACK, strokeColor=None))
        value = pillar.score or 0.0
        if value > 0:
            d.add(Rect(x0, y, span * value / 100, bar_h, fillColor=ACCENT, strokeColor=None))
        d.add(String(x0 - 6, y + 4.5, pillar.title, fontName=SANS, fontSize=8.5, fillColor=INK, textAnchor="end"))
        d.add(String(x0 + span + 4, y + 4.5, fmt_score(pillar.score), fontName=SANS_BOLD, fontSize=8.5,
                     fillColor=INK))
    d.add(Line(x0, base, x0, top, strokeColor=MUTED, strokeWidth=0.6))
    return d

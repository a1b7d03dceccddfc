"""Vector charts of the price/performance workbench for the PDF (reportlab graphics).

Same visual language as `reports.pdf.charts`: one hue on greys, shapes and numbers instead of colour
alone. Options are labelled by their number in the comparison table, never by name, so a long
or non-Latin name cannot overflow a chart.
"""

from __future__ import annotations

import itertools
import math

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from assessment.workbench import WorkbenchResult, money
from reports.pdf.palette import ACCENT, GRID, INK, MUTED, PAPER
from reports.pdf.text import SANS, SANS_BOLD

MARKER = 3.4
LEFT, RIGHT, BOTTOM, TOP = 46.0, 26.0, 30.0, 22.0


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def _axis_money(value: float) -> str:
    if value >= 1_000_000:
        return f"${value / 1_000_000:g}M"
    if value >= 10_000:
        return f"${value / 1_000:g}k"
    return money(value)


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = SANS  # as in reports.pdf.charts: no non-embedded Helvetica
    return d


class _Plot:
    """Maps data to the plot area of a drawing; x linear or log."""

    def __init__(
        self, width: float, height: float, x: tuple[float, float], y: tuple[float, float], log_x: bool
    ) -> None:
        self.x0, self.x1 = LEFT, width - RIGHT
        self.y0, self.y1 = BOTTOM, height - TOP
        self.log_x = log_x
        self.xs = (math.log10(x[0]), math.log10(x[1])) if log_x else x
        self.ys = y

    def px(self, value: float) -> float:
        v = math.log10(value) if self.log_x else value
        return self.x0 + (self.x1 - self.x0) * (v - self.xs[0]) / (self.xs[1] - self.xs[0])

    def py(self, value: float) -> float:
        return self.y0 + (self.y1 - self.y0) * (value - self.ys[0]) / (self.ys[1] - self.ys[0])


def _axes(d: Drawing, plot: _Plot, x_ticks: list[float], y_ticks: list[float], x_fmt, y_fmt, titles) -> None:  # noqa: ANN001
    for t in y_ticks:
        y = plot.py(t)
        d.add(Line(plot.x0, y, plot.x1, y, strokeColor=GRID, strokeWidth=0.4, strokeDashArray=[2, 2]))
        d.add(String(plot.x0 - 4, y - 2.5, y_fmt(t), fontName=SANS, fontSize=6.5, fillColor=MUTED, textAnchor="end"))
    for t in x_ticks:
        x = plot.px(t)
        d.add(Line(x, plot.y0, x, plot.y0 - 3, strokeColor=MUTED, strokeWidth=0.5))
        d.add(String(x, plot.y0 - 11, x_fmt(t), fontName=SANS, fontSize=6.5, fillColor=MUTED, textAnchor="middle"))
    d.add(Line(plot.x0, plot.y0, plot.x1, plot.y0, strokeColor=MUTED, strokeWidth=0.6))
    d.add(Line(plot.x0, plot.y0, plot.x0, plot.y1, strokeColor=MUTED, strokeWidth=0.6))
    x_title, y_title = titles
    d.add(String((plot.x0 + plot.x1) / 2, 4, x_title, fontName=SANS, fontSize=7, fillColor=INK, textAnchor="middle"))
    d.add(String(4, plot.y1 + 9, y_title, fontName=SANS, fontSize=7, fillColor=INK))


def _marker(d: Drawing, x: float, y: float, kind: str, filled: bool) -> None:
    fill = ACCENT if filled else PAPER
    if kind == "api":
        d.add(Circle(x, y, MARKER, fillColor=fill, strokeColor=ACCENT, strokeWidth=1.1))
    else:
        d.add(Rect(x - MARKER, y - MARKER, 2 * MARKER, 2 * MARKER, fillColor=fill, strokeColor=ACCENT, strokeWidth=1.1))


def _legend(d: Drawing, x: float, y: float) -> None:
    items = (("api", True, "hosted API"), ("self_hosted", True, "self-hosted"), ("api", False, "hollow: dominated"))
    for kind, filled, label in items:
        _marker(d, x, y + 2.5, kind, filled)
        d.add(String(x + 7, y, label, fontName=SANS, fontSize=6.5, fillColor=MUTED))
        x += 18 + stringWidth(label, SANS, 6.5)


def cost_quality(result: WorkbenchResult, width: float, height: float = 230) -> Drawing:
    """Monthly cost (x) against quality (y); the Pareto frontier as a step line through its options."""
    d = _drawing(width, height)
    costs = [o.monthly_cost for o in result.options]
    qualities = [o.quality for o in result.options]
    log_x = min(costs) > 0 and max(costs) / min(costs) > 20
    if log_x:
        lo, hi = 10 ** math.floor(math.log10(min(costs))), 10 ** math.ceil(math.log10(max(costs)))
        x_ticks = [10.0**k for k in range(round(math.log10(lo)), round(math.log10(hi)) + 1)]
    else:
        x_ticks = nice_ticks(0, max(costs) * 1.05)
        lo, hi = x_ticks[0], x_ticks[-1]
    y_ticks = nice_ticks(max(0.0, min(qualities) - 5), min(100.0, max(qualities) + 5), 4)
    plot = _Plot(width, height, (lo, hi), (y_ticks[0], y_ticks[-1]), log_x)
    _axes(
        d,
        plot,
        x_ticks,
        y_ticks,
        _axis_money,
        lambda v: f"{v:g}",
        ("Monthly cost (log scale)" if log_x else "Monthly cost", "Quality (0-100)"),
    )
    frontier = result.frontier
    if len(frontier) > 1:
        points: list[float] = []
        for a, b in itertools.pairwise(frontier):
            points += [plot.px(a.monthly_cost), plot.py(a.quality), plot.px(b.monthly_cost), plot.py(a.quality)]
        points += [plot.px(frontier[-1].monthly_cost), plot.py(frontier[-1].quality)]
        d.add(PolyLine(points, strokeColor=ACCENT, strokeWidth=1.2, strokeDashArray=[4, 2]))
    for i, o in enumerate(result.options, start=1):
        x, y = plot.px(o.monthly_cost), plot.py(o.quality)
        _marker(d, x, y, o.kind, o.on_frontier)
        right = x < plot.x1 - 14
        d.add(
            String(
                x + (6 if right else -6),
                y + 4,
                str(i),
                fontName=SANS_BOLD,
                fontSize=7.5,
                fillColor=INK,
                textAnchor="start" if right else "end",
            )
        )
    _legend(d, plot.x0 + 90, height - 10)
    return d


def _spread(positions: list[tuple[float, str]], gap: float, low: float) -> list[tuple[float, str]]:
    """Label positions (y, text) moved apart so none overlap, keeping their order."""
    out: list[tuple[float, str]] = []
    for y, text in sorted(positions):
        if out and y < out[-1][0] + gap:
            y = out[-1][0] + gap
        out.append((max(y, low), text))
    return out


def projection(result: WorkbenchResult, width: float, height: float = 200) -> Drawing:
    """Monthly cost over the projection months: hosted APIs fall, self-hosting stays flat (dashed);
    dotted verticals where a self-hosted option's price advantage disappears."""
    d = _drawing(width, height)
    months = result.workbench.projection.months
    top = max(p.monthly_cost for p in result.projection)
    y_ticks = nice_ticks(0, top * 1.05, 4)
    plot = _Plot(width, height, (0, months), (0, y_ticks[-1]), log_x=False)
    step = max(1, round(months / 9))
    x_ticks = [float(m) for m in range(0, months + 1, step)]
    _axes(d, plot, x_ticks, y_ticks, lambda v: f"{v:g}", _axis_money, ("Months from now", "Monthly cost"))
    for loss in result.advantage_losses:
        if loss.month is None:
            continue
        x = plot.px(loss.month)
        d.add(Line(x, plot.y0, x, plot.y1, strokeColor=INK, strokeWidth=0.6, strokeDashArray=[1, 2]))
        d.add(String(x, plot.y1 + 2, f"m{loss.month}", fontName=SANS, fontSize=6.5, fillColor=INK, textAnchor="middle"))
    labels = []
    for i, o in enumerate(result.options, start=1):
        series = [p for p in result.projection if p.option == o.name]
        points = [c for p in series for c in (plot.px(p.month), plot.py(p.monthly_cost))]
        api = o.kind == "api"
        d.add(
            PolyLine(
                points,
                strokeColor=ACCENT if api else INK,
                strokeWidth=1.3 if api else 1.0,
                strokeDashArray=None if api else [4, 2],
            )
        )
        labels.append((points[-1], str(i)))
    for y, text in _spread(labels, 8, plot.y0):
        d.add(String(plot.x1 + 4, y - 2.5, text, fontName=SANS_BOLD, fontSize=7.5, fillColor=INK))
    d.add(
        String(
            plot.x0 + 90,
            height - 10,
            "solid: hosted API (falling)   dashed: self-hosted (flat)   numbers as in the table",
            fontName=SANS,
            fontSize=6.5,
            fillColor=MUTED,
        )
    )
    return d

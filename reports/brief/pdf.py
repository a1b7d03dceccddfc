"""The brief's A4 page, drawn on one canvas in fixed regions: it is one page whatever the text.

Every piece of text has a region and a maximum number of lines; longer text wraps within it and the
last line ends in an ellipsis. User text (company, stage, niche, owners) gets the report's font
fallback and replacement marks (`reports.pdf.text`), so any script the full report prints prints here.
"""

from __future__ import annotations

import io

from reportlab.graphics import renderPDF
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from reports.brief.model import Brief
from reports.pdf import charts
from reports.pdf.palette import ACCENT, GRID, INK, MUTED, TRACK
from reports.pdf.text import SANS, SANS_BOLD, draw_string, fit, one_line, plain, register_fonts, string_width
from reports.progress.wording import level_change_line, summary_line

PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
WIDTH = PAGE_W - 2 * MARGIN
MAX_CHARS = 1200  # more than any region holds; longer text is cut before it is measured
TITLE = "Readiness brief"
FOOTER_TOP = MARGIN + 10  # nothing of the body may come below this


def wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Text broken into at most `max_lines` lines of `width` points; the last ends in "…" if cut.

    Words longer than a line (a URL, text in a script without spaces) are broken between characters.
    """
    text = one_line(plain(text))
    cut = len(text) > MAX_CHARS
    text = text[:MAX_CHARS]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if string_width(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while string_width(current, font, size) > width and len(lines) <= max_lines:
            low, high = 1, len(current)
            while low < high:  # the longest prefix that fits (at least one character)
                mid = (low + high + 1) // 2
                if string_width(current[:mid], font, size) <= width:
                    low = mid
                else:
                    high = mid - 1
            lines.append(current[:low])
            current = current[low:]
        if len(lines) > max_lines:
            break
    if current:
        lines.append(current)
    if len(lines) > max_lines or cut:
        last = fit(" ".join(lines[max_lines - 1:]), font, size, width)  # ends in "…" when it does not fit
        if not last.endswith("…"):  # the text was cut before measuring: say so all the same
            last = fit(f"{last} …", font, size, width)
        lines = [*lines[: max_lines - 1], last]
    return lines


class _Page:
    """A cursor down the page: each call draws a region and moves below it."""

    def __init__(self, canvas: Canvas) -> None:
        self.c = canvas
        self.y = PAGE_H - MARGIN
        self.lowest = self.y

    @property
    def y(self) -> float:
        return self._y

    @y.setter
    def y(self, value: float) -> None:
        self._y = value
        self.lowest = min(getattr(self, "lowest", value), value)

    def text(self, text: str, font: str = SANS, size: float = 8.5, *, lines: int = 1, x: float = MARGIN,
             width: float = WIDTH, colour: object = INK, leading: float | None = None) -> None:
        leading = leading or size * 1.25
        self.c.setFillColor(colour)
        for line in wrap(text, font, size, width, lines):
            self.y -= leading
            draw_string(self.c, x, self.y + (leading - size) * 0.6, line, font, size)

    def heading(self, text: str) -> None:
        self.y -= 6
        self.text(text, SANS_BOLD, 10.5, colour=ACCENT)
        self.c.setStrokeColor(GRID)
        self.c.setLineWidth(0.5)
        self.c.line(MARGIN, self.y - 2, MARGIN + WIDTH, self.y - 2)
        self.y -= 5

    def gap(self, points: float) -> None:
        self.y -= points


def _header(page: _Page, brief: Brief) -> None:
    r = brief.report
    page.text(f"{TITLE.upper()} · {r.rubric_title}", SANS_BOLD, 8, colour=ACCENT)
    page.gap(2)
    page.text(r.company_display, SANS_BOLD, 18, lines=2, leading=21)
    details = " · ".join(v for v in (r.date.isoformat(), r.stage, r.assessor and f"Assessor: {r.assessor}") if v)
    page.text(details, size=8.5, colour=MUTED)
    if r.niche.strip():
        page.text(f"Niche: {r.niche}", size=8.5, colour=MUTED, lines=2)


def _verdict(page: _Page, brief: Brief) -> None:
    page.gap(8)
    top = page.y
    left_w = WIDTH * 0.5
    page.text(brief.verdict, SANS_BOLD, 14, lines=2, width=left_w - 8, leading=17)
    shown = brief.report.score_shown  # from a handful of answers: no score, no place on the scale
    if shown:
        page.text(f"Overall score {brief.score}", size=10.5, width=left_w - 8, colour=MUTED)
    page.text(brief.verdict_note, size=8, lines=4, width=left_w - 8, leading=10)
    bottom = page.y
    if not shown:
        return
    scale = charts.level_scale(brief.report, WIDTH - left_w)
    renderPDF.draw(scale, page.c, MARGIN + left_w, top - scale.height - 4)
    page.y = min(bottom, top - scale.height - 6)


def _radar_and_focus(page: _Page, brief: Brief) -> None:
    page.gap(6)
    top = page.y
    radar_w, radar_h = WIDTH * 0.58, 225
    if brief.report.score_shown:  # no radar of scores the brief withholds
        drawing = charts.radar(brief.report, radar_w, radar_h, label_width=62, label_size=6.2)
        renderPDF.draw(drawing, page.c, MARGIN, top - radar_h)
        x = MARGIN + radar_w + 6
        width = WIDTH - radar_w - 6
    else:
        radar_h = 60  # the focus alone, over the page's width
        x, width = MARGIN, WIDTH
    page.y = top
    heading = "Find out first" if brief.unconfirmed else "Focus: the gaps to close first"
    page.text(heading, SANS_BOLD, 10.5, x=x, width=width, colour=ACCENT)
    page.gap(3)
    if not brief.focus:
        page.text("No gaps were found in the answers given.", size=8.5, lines=2, x=x, width=width)
    for i, gap in enumerate(brief.focus, 1):
        page.text(f"{i}. {gap.title} ({gap.severity_label})", SANS_BOLD, 9, lines=2, x=x, width=width)
        page.text(gap.reasoning, size=8, lines=3, x=x + 10, width=width - 10, colour=MUTED, leading=10)
        page.gap(4)
    page.y = min(page.y, top - radar_h)


def _actions(page: _Page, brief: Brief) -> None:
    page.heading("Next three actions")
    if not brief.actions:
        page.text("No actions yet: first find out the answers above; the actions follow from the gaps they confirm."
                  if brief.unconfirmed else
                  "No open actions: every recommended action is done, or no gap was found.", size=8.5)
        return
    cols = (0.0, 0.55, 0.77, 0.91)
    labels = ("Action", "Owner", "Due", "Status")
    page.gap(2)
    page.c.setFillColor(MUTED)
    row_top = page.y
    for left, label in zip(cols, labels, strict=True):
        draw_string(page.c, MARGIN + WIDTH * left, row_top - 9, label, SANS_BOLD, 7.5)
    page.y = row_top - 12
    for a in brief.actions:
        top = page.y
        page.c.setFillColor(TRACK)
        page.text(f"{a.text} ({a.gap})", size=8, lines=2, width=WIDTH * 0.53, leading=10)
        bottom = page.y
        for left, right, value, font in ((cols[1], cols[2], a.owner or "-", SANS),
                                         (cols[2], cols[3], a.due, SANS),
                                         (cols[3], 1.0, a.status, SANS_BOLD if a.status == "Overdue" else SANS)):
            page.y = top
            page.text(value, font, 8, x=MARGIN + WIDTH * left, width=WIDTH * (right - left) - 6, leading=10)
        page.y = min(bottom, top - 10) - 4


def _progress(page: _Page, brief: Brief) -> None:
    c = brief.progress
    if c is None:
        page.heading("Progress")
        page.text("No earlier snapshot yet: the next brief will show the progress since this one.", size=8.5,
                  colour=MUTED)
        return
    page.heading(f"Progress since {c.since.isoformat()}" if c.since else "Progress since the last snapshot")
    page.text(level_change_line(c), SANS_BOLD, 9, lines=2)
    page.text(summary_line(c), size=8.5, colour=MUTED)
    closed = ", ".join(g.title for g in c.gaps_closed) or "none"
    opened = ", ".join(g.title for g in c.gaps_opened) or "none"
    page.text(f"Gaps closed: {closed}", size=8.5, lines=2)
    page.text(f"Gaps opened: {opened}", size=8.5, lines=2)
    from reports.progress.charts import delta_bars

    room = page.y - FOOTER_TOP - 4  # what is left above the footer
    row = max(6.0, min(10.0, (room - 16) / max(len(c.principles), 1)))
    drawing = delta_bars(c.principles, WIDTH, row=row)
    if drawing.height <= room:
        renderPDF.draw(drawing, page.c, MARGIN, page.y - drawing.height - 2)
        page.y -= drawing.height + 2


def _footer(canvas: Canvas, brief: Brief) -> None:
    r = brief.report
    canvas.setStrokeColor(GRID)
    canvas.line(MARGIN, MARGIN + 8, MARGIN + WIDTH, MARGIN + 8)
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 7)
    canvas.drawString(MARGIN, MARGIN, f"{r.rubric_title} rubric {r.rubric_version} · {r.date.isoformat()}"
                                      " · the full readiness report has the reasoning, every answer and the plan")
    canvas.drawRightString(MARGIN + WIDTH, MARGIN, "Page 1 of 1")


def draw_page(canvas: Canvas, brief: Brief) -> float:
    """Draw the whole brief on the canvas's current page; returns the lowest point the body reached."""
    page = _Page(canvas)
    _header(page, brief)
    _verdict(page, brief)
    _radar_and_focus(page, brief)
    _actions(page, brief)
    _progress(page, brief)
    _footer(canvas, brief)
    return page.lowest


def render_brief(brief: Brief) -> bytes:
    """The brief as a one-page A4 PDF."""
    register_fonts()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, initialFontName=SANS, initialFontSize=9, lang="en")
    r = brief.report
    canvas.setTitle(fit(f"{TITLE}: {r.company_display}", SANS, 10, 10_000))
    canvas.setAuthor(fit(r.assessor or r.rubric_title, SANS, 10, 10_000))
    canvas.setSubject(f"Readiness level {r.level_text}, score {brief.score}" if r.score_shown else r.level_text)
    canvas.setCreator(r.rubric_title)
    draw_page(canvas, brief)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()

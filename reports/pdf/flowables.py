"""A light flowable for the report's own text: cheaper than `Paragraph` where no markup is needed."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable

Run = tuple[str, ParagraphStyle]
MIN_LINES = 2  # lines a split leaves on each side


class TextBlock(Flowable):
    """Trusted report text (rubric wording, figures) in one or more runs, each in its own style.

    Laid out with `simpleSplit` and drawn with plain `drawString`: a third of the cost of a
    `Paragraph`, which parses markup and measures fragments. User text never comes here; it needs
    `Paragraph` for escaping and the per-character font fallback (see `reports.pdf._u`).
    """

    def __init__(self, runs: list[Run], style: ParagraphStyle, bullet: str = "",
                 lines: list[Run] | None = None) -> None:
        super().__init__()
        self.runs = runs
        self.style = style
        self.bullet = bullet
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self._lines = lines
        self._width = -1.0

    def _layout(self, avail_width: float) -> list[Run]:
        if self._lines is None or avail_width != self._width:
            width = avail_width - self.style.leftIndent - self.style.rightIndent
            self._lines = [
                (line, st) for text, st in self.runs for line in simpleSplit(text, st.fontName, st.fontSize, width)
            ]
            self._width = avail_width
        return self._lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        lines = self._layout(avail_width)
        self.width = avail_width
        self.height = sum(st.leading for _, st in lines)
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self._layout(avail_width)
        used, n = 0.0, 0
        while n < len(lines) and used + lines[n][1].leading <= avail_height:
            used += lines[n][1].leading
            n += 1
        # Widows and orphans: never leave a single line alone at the foot or head of a page
        # (a question without its answer, the last line of an action); move it whole instead.
        n = min(n, len(lines) - MIN_LINES)
        if n < MIN_LINES:
            return []
        head = TextBlock(self.runs, self.style, self.bullet, lines[:n])
        tail = TextBlock(self.runs, self.style, "", lines[n:])
        head._width = tail._width = avail_width
        head.spaceAfter = 0
        tail.spaceBefore = 0
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        indent = self.style.leftIndent
        for i, (line, st) in enumerate(self._lines or ()):
            baseline = y - st.fontSize
            canvas.setFont(st.fontName, st.fontSize)
            canvas.setFillColor(st.textColor)
            if i == 0 and self.bullet:
                canvas.drawString(self.style.bulletIndent, baseline, self.bullet)
            canvas.drawString(indent, baseline, line)
            y -= st.leading

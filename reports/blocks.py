"""Optional report sections, as renderer-neutral blocks.

A feature that has something to add to the readiness report (the price/performance workbench,
for one) builds a `Section` of these blocks from the assessment; `reports.model.extras` lists the
builders, and each renderer lays the blocks out in its own format. This module imports nothing
from the reports, so every section and renderer may import it.

Text marked `user=True` (or in `user_columns`) may hold anything a person typed: renderers escape
it (and the PDF gives it the font fallback); the rest is the report's own wording and figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # reportlab is only needed when a PDF is drawn
    from reportlab.graphics.shapes import Drawing


@dataclass(frozen=True)
class Text:
    """A paragraph: body text, a muted note, or a boxed call-out."""

    text: str
    style: Literal["body", "meta", "callout"] = "body"
    user: bool = False


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    user: bool = False


@dataclass(frozen=True)
class TableBlock:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # fractions of the text width, one per column
    user_columns: tuple[int, ...] = ()  # columns that hold user text


@dataclass(frozen=True)
class Chart:
    """A vector chart: `draw(width)` makes a reportlab Drawing that wide (points). Markdown has no
    vector drawing, so it prints `alt`, which states what the chart shows."""

    draw: Callable[[float], Drawing]
    alt: str


Block = Text | Subheading | Bullets | TableBlock | Chart


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]

"""TextBlock: the report's own text laid out without Paragraph, split across pages without loss."""

from __future__ import annotations

import io

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from reports.pdf.flowables import TextBlock
from reports.pdf.text import SANS, SANS_BOLD, register_fonts
from tests.reports.report_helpers import pdf_text, squash


def _styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    register_fonts()
    return (ParagraphStyle("b", fontName=SANS, fontSize=10, leading=14),
            ParagraphStyle("h", fontName=SANS_BOLD, fontSize=10, leading=14))


def test_wraps_to_the_width_and_counts_lines():
    body, bold = _styles()
    block = TextBlock([("Title of the thing", bold), ("word " * 60, body)], body)
    width, height = block.wrap(200, 1000)
    assert width == 200
    lines = block._lines
    assert lines[0] == ("Title of the thing", bold)
    assert len(lines) > 5 and height == 14 * len(lines)
    assert all(len(text) < 60 for text, _ in lines)


def test_split_keeps_every_line_in_order():
    body, _ = _styles()
    block = TextBlock([(" ".join(f"w{i}" for i in range(400)), body)], body, bullet="•")
    block.wrap(300, 10_000)
    total = len(block._lines)
    head, tail = block.split(300, 14 * 5 + 3)
    head.wrap(300, 1000)
    tail.wrap(300, 1000)
    assert len(head._lines) == 5 and len(head._lines) + len(tail._lines) == total
    assert head.bullet == "•" and tail.bullet == ""
    assert block.split(300, 10) == []  # not even one line fits: move it to the next frame whole


def test_long_block_flows_over_pages():
    body, _ = _styles()
    words = " ".join(f"w{i:04d}" for i in range(3000))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, initialFontName=SANS)
    doc.build([TextBlock([(words, body)], body)])
    text = squash(pdf_text(buf.getvalue()))
    assert text.startswith("w0000 w0001") and text.endswith("w2998 w2999")


def test_split_never_leaves_one_line_alone():
    body, bold = _styles()
    block = TextBlock([(" ".join(f"w{i}" for i in range(60)), body)], body)
    block.wrap(300, 10_000)
    total = len(block._lines)
    assert total >= 5
    assert block.split(300, 14 * 1 + 3) == []  # one line would be an orphan: move the block whole
    head, tail = block.split(300, 14 * (total - 1) + 3)  # room for all but the last line
    head.wrap(300, 1000)
    tail.wrap(300, 1000)
    assert len(tail._lines) == 2 and len(head._lines) == total - 2  # the last line does not go alone
    question = TextBlock([("A question?", bold), ("Answer: yes", body)], body)
    question.wrap(300, 1000)
    assert question.split(300, 14 + 3) == []  # the answer never goes to the next page without its question

"""Fonts for the PDF and safe text: user text in, markup that cannot break the layout out.

The fonts ship in `reports/pdf/fonts/` (licences beside them) and are embedded, subset, in every PDF:
DejaVu Sans covers Latin (with accents), Greek and Cyrillic; WenQuanYi Micro Hei covers Chinese,
Japanese kana and Korean Hangul. Each character of user text goes to the first font that has it;
a character no font has (an emoji, say) becomes a visible U+FFFD replacement mark, because a
missing glyph would otherwise print as a blank and extract as garbage from the text layer.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from assessment.names import BIDI_CONTROLS

FONT_DIR = Path(__file__).resolve().parent / "fonts"

SANS = "ReportSans"
SANS_BOLD = "ReportSans-Bold"
SANS_ITALIC = "ReportSans-Oblique"
CJK = "ReportCJK"

REPLACEMENT = "\ufffd"

# (registered name, file, sub-font index of a TrueType collection)
_FONT_FILES = (
    (SANS, "DejaVuSans.ttf", 0),
    (SANS_BOLD, "DejaVuSans-Bold.ttf", 0),
    (SANS_ITALIC, "DejaVuSans-Oblique.ttf", 0),
    (CJK, "wqy-microhei.ttc", 0),
)

# What a character becomes when it is not drawn as itself.
_KEEP, _FALLBACK, _DROP, _REPLACE, _SPACE, _NEWLINE = range(6)


@dataclass(frozen=True)
class Coverage:
    """Code points each font can draw. `sans` holds only those all three DejaVu styles have."""

    sans: frozenset[int]
    cjk: frozenset[int]


@functools.cache
def register_fonts() -> Coverage:
    """Register the bundled fonts with reportlab (once per process) and return their coverage."""
    fonts = {}
    for name, filename, index in _FONT_FILES:
        font = TTFont(name, str(FONT_DIR / filename), subfontIndex=index)
        pdfmetrics.registerFont(font)
        fonts[name] = font
    # <b> and <i> inside a paragraph switch between the DejaVu styles.
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD)
    addMapping(CJK, 1, 0, CJK)
    addMapping(CJK, 0, 1, CJK)
    addMapping(CJK, 1, 1, CJK)
    sans = set(fonts[SANS].face.charToGlyph)
    sans &= set(fonts[SANS_BOLD].face.charToGlyph)
    sans &= set(fonts[SANS_ITALIC].face.charToGlyph)
    return Coverage(sans=frozenset(sans), cjk=frozenset(fonts[CJK].face.charToGlyph))


def _is_variation_selector(cp: int) -> bool:
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


@functools.lru_cache(maxsize=8192)
def _kind(ch: str) -> int:
    cp = ord(ch)
    if ch in "\n\u2028\u2029\r":
        return _NEWLINE
    if ch == "\t":
        return _SPACE
    category = unicodedata.category(ch)
    if category == "Cc" or BIDI_CONTROLS.match(ch):
        return _DROP  # other control characters have no visible form; bidi controls reorder text
    cover = register_fonts()
    if cp in cover.sans and category != "Cs":
        return _KEEP
    if cp in cover.cjk:
        return _FALLBACK
    if category == "Cf" or _is_variation_selector(cp):
        return _DROP  # invisible formatting (joiners, direction marks, emoji selectors)
    if category == "Zs":
        return _SPACE
    return _REPLACE


def _joins_emoji(ch: str) -> bool:
    """Zero-width joiners, skin-tone modifiers and variation selectors: parts of one emoji."""
    cp = ord(ch)
    return cp == 0x200D or 0x1F3FB <= cp <= 0x1F3FF or _is_variation_selector(cp)


def _is_regional_indicator(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def runs(text: str) -> Iterator[tuple[bool, str]]:
    """Split text into (is_cjk, chunk) runs, with unprintable characters already replaced.

    Newlines stay as "\\n"; carriage returns are folded into them. An emoji sequence (joined
    with ZWJ, with a skin tone) becomes one replacement mark, not one per code point.
    """
    text = text.replace("\r\n", "\n")
    current: list[str] = []
    current_cjk = False
    in_emoji = False  # the last mark emitted replaced an emoji that may continue
    joined = False  # ... and a joiner followed it, so the next symbol belongs to it too
    lone_flag_half = False  # the last mark replaced the first regional indicator of a flag
    for ch in text:
        if in_emoji and _joins_emoji(ch):
            joined = joined or ord(ch) == 0x200D
            continue
        if lone_flag_half and _is_regional_indicator(ch):
            lone_flag_half = False
            continue
        lone_flag_half = _is_regional_indicator(ch) and _kind(ch) == _REPLACE
        kind = _kind(ch)
        if in_emoji and joined and kind == _REPLACE:
            joined = False
            continue
        in_emoji = kind == _REPLACE
        joined = False
        if kind == _DROP:
            continue
        cjk = kind == _FALLBACK
        out = {_REPLACE: REPLACEMENT, _SPACE: " ", _NEWLINE: "\n"}.get(kind, ch)
        if cjk != current_cjk and current:
            yield current_cjk, "".join(current)
            current = []
        current_cjk = cjk
        current.append(out)
    if current:
        yield current_cjk, "".join(current)


def plain(text: str) -> str:
    """The text exactly as the PDF will show it (replacements applied), without markup."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(chunk for _, chunk in runs(text))


NOTE_CHUNK = 2_000  # characters per paragraph of a long note (see `reports.pdf.stories._evidence`)


def note_chunks(text: str, size: int = NOTE_CHUNK) -> list[str]:
    """`text` cut into pieces of at most `size` characters: after a line break where there is one
    in the second half of a piece, else after the last space, else (one endless word) anywhere."""
    pieces: list[str] = []
    start, n = 0, len(text)
    while n - start > size:
        end = start + size
        cut = text.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, end)
        cut = end if cut < 0 else cut + 1
        pieces.append(text[start:cut].rstrip("\n"))
        start = cut
    pieces.append(text[start:])
    return pieces


def one_line(text: str) -> str:
    """Collapse line breaks and runs of spaces, for titles, headers and table cells."""
    return " ".join(text.split())


def markup(text: str) -> str:
    """Paragraph markup for user text: escaped, with CJK runs set in the fallback font.

    `<b>`, `&`, `</para>` and stray `<` in the input come out as literal text.
    """
    if text.isascii() and text.isprintable():  # the common case, kept fast
        return escape(text)
    parts = []
    for cjk, chunk in runs(text):
        chunk = escape(chunk).replace("\n", "<br/>")
        parts.append(f'<font name="{CJK}">{chunk}</font>' if cjk else chunk)
    return "".join(parts)


def string_width(text: str, font: str, size: float) -> float:
    """Width of user text as `draw_string` lays it out."""
    return sum(pdfmetrics.stringWidth(chunk, CJK if cjk else font, size) for cjk, chunk in runs(one_line(text)))


def fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten text with an ellipsis so it fits in `width` points (for running headers)."""
    text = one_line(plain(text))
    if string_width(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if string_width(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


def draw_string(canvas: Canvas, x: float, y: float, text: str, font: str, size: float, anchor: str = "start") -> None:
    """Draw one line of user text on a canvas with the same font fallback as paragraphs."""
    pieces = list(runs(one_line(text)))
    if anchor != "start":
        width = sum(pdfmetrics.stringWidth(c, CJK if cjk else font, size) for cjk, c in pieces)
        x -= width if anchor == "end" else width / 2
    # One text object, so the line extracts as one line whatever fonts it switches between.
    text = canvas.beginText(x, y)
    for cjk, chunk in pieces:
        text.setFont(CJK if cjk else font, size)
        text.textOut(chunk)
    canvas.drawText(text)

"""The badge as SVG, built with ElementTree (which escapes every text and attribute it writes).

Shields style: a grey label on the left, the level and score on the right in the level's colour,
20 px high, text widths measured with the bundled DejaVu Sans (close to Verdana, which shields
measures with) and pinned with `textLength`, so the badge looks the same whatever font the viewer has.
"""

from __future__ import annotations

import hashlib
import math
import re
import xml.etree.ElementTree as ET

from assessment.rubric import Rubric
from assessment.scoring import Result
from reports.markdown import md_inline
from reports.model.views import fmt_score
from reports.pdf.text import SANS, register_fonts, string_width

BADGE_LABEL = "open-LLM readiness"
SVG_NS = "http://www.w3.org/2000/svg"
FONT_SIZE = 11
HEIGHT = 20
PAD = 6  # horizontal padding on each side of a text
LABEL_COLOUR = "#555555"
# Okabe-Ito colours (distinguishable with every common colour-vision deficiency), lowest level
# first: vermillion, orange, yellow, sky blue, blue. They run warm to cool and dark-light-dark, so
# no two neighbouring levels differ by red against green alone; the text names the level anyway.
LEVEL_COLOURS = ("#D55E00", "#E69F00", "#F0E442", "#56B4E9", "#0072B2")
PROVISIONAL_COLOUR = "#666666"  # a provisional level is not shown in a level's colour

ET.register_namespace("", SVG_NS)
# Characters XML 1.0 cannot hold at all (ElementTree escapes markup, but would write these as they are).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str, limit: int = 200) -> str:
    """Text safe for an XML document: no characters XML forbids, one line, at most `limit` characters."""
    text = " ".join(_NOT_XML.sub("", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on the background."""
    return "#FFFFFF" if contrast(background, "#FFFFFF") >= contrast(background, "#000000") else "#000000"


def level_colour(rank: int, levels: int) -> str:
    """The colour of the level at `rank` (0 = lowest) of `levels`, spread over the palette."""
    if levels <= 1:
        return LEVEL_COLOURS[-1]
    return LEVEL_COLOURS[round(rank * (len(LEVEL_COLOURS) - 1) / (levels - 1))]


def badge_message(result: Result) -> str:
    """"Leading 95.5": the score as Results and the report print it (one decimal), so the badge is never a
    different figure from theirs."""
    score = fmt_score(result.overall)
    if not result.enough_known:  # mostly "don't know": no level, as everywhere else
        return result.not_enough_known.lower()
    if not result.score_shown:  # too few real answers for a score or level to mean anything
        return "no score yet"
    text = f"{result.level.label} {score}"
    return f"provisional: {text}" if result.provisional else text


def badge_colours(result: Result, level_rank: int, levels: int) -> tuple[str, str]:
    """(background, text) colour of the message half."""
    background = PROVISIONAL_COLOUR if result.provisional else level_colour(level_rank, levels)
    return background, text_colour(background)


def _width(text: str) -> int:
    register_fonts()
    return math.ceil(string_width(text, SANS, FONT_SIZE))


def _text(parent: ET.Element, value: str, centre: float, width: int, colour: str) -> None:
    # Drawn at 10x and scaled down, as shields does, for crisp sub-pixel placement.
    attrs = {"x": f"{centre * 10:.0f}", "transform": "scale(.1)", "textLength": str(width * 10)}
    if colour == "#FFFFFF":  # the shields drop shadow, only under light text
        shadow = ET.SubElement(parent, "text", {**attrs, "y": "150", "fill": "#010101", "fill-opacity": ".3",
                                                "aria-hidden": "true"})
        shadow.text = value
    front = ET.SubElement(parent, "text", {**attrs, "y": "140", "fill": colour})
    front.text = value


def badge_svg(rubric: Rubric, result: Result, company: str = "") -> str:
    """The badge as an SVG document. `company` goes into the title (escaped); the level's rank picks its colour."""
    ids = [lv.id for lv in rubric.levels]
    rank = ids.index(result.level.id) if result.level.id in ids else 0
    count = len(ids)
    message = xml_text(badge_message(result), 60)
    label_w, message_w = _width(BADGE_LABEL), _width(message)
    left, right = label_w + 2 * PAD, message_w + 2 * PAD
    total = left + right
    background, colour = badge_colours(result, rank, count)
    name = xml_text(company)
    spoken = f"{BADGE_LABEL}: {message}"
    title = f"{spoken} ({name})" if name else spoken
    # ids unique to this badge, so several badges inline on one page do not clip each other
    tag = hashlib.sha256(f"{title}|{background}".encode("utf-8", "replace")).hexdigest()[:8]
    gradient_id, clip_id = f"s{tag}", f"r{tag}"

    svg = ET.Element(f"{{{SVG_NS}}}svg", {"width": str(total), "height": str(HEIGHT), "role": "img",
                                           "aria-label": title, "viewBox": f"0 0 {total} {HEIGHT}"})
    ET.SubElement(svg, "title").text = title
    gradient = ET.SubElement(svg, "linearGradient", {"id": gradient_id, "x2": "0", "y2": "100%"})
    ET.SubElement(gradient, "stop", {"offset": "0", "stop-color": "#bbb", "stop-opacity": ".1"})
    ET.SubElement(gradient, "stop", {"offset": "1", "stop-opacity": ".1"})
    clip = ET.SubElement(svg, "clipPath", {"id": clip_id})
    ET.SubElement(clip, "rect", {"width": str(total), "height": str(HEIGHT), "rx": "3", "fill": "#fff"})
    shapes = ET.SubElement(svg, "g", {"clip-path": f"url(#{clip_id})"})
    ET.SubElement(shapes, "rect", {"width": str(left), "height": str(HEIGHT), "fill": LABEL_COLOUR})
    ET.SubElement(shapes, "rect", {"x": str(left), "width": str(right), "height": str(HEIGHT), "fill": background})
    ET.SubElement(shapes, "rect", {"width": str(total), "height": str(HEIGHT), "fill": f"url(#{gradient_id})"})
    texts = ET.SubElement(svg, "g", {"fill": "#fff", "text-anchor": "middle", "font-size": "110",
                                     "font-family": "Verdana,Geneva,DejaVu Sans,sans-serif",
                                     "text-rendering": "geometricPrecision"})
    _text(texts, BADGE_LABEL, left / 2, label_w, "#FFFFFF")
    _text(texts, message, left + right / 2, message_w, colour)
    return ET.tostring(svg, encoding="unicode", xml_declaration=False) + "\n"


def badge_markdown(result: Result, file_name: str = "readiness-badge.svg") -> str:
    """The Markdown that shows the badge in a README (alt text and file name escaped)."""
    alt = md_inline(f"{BADGE_LABEL}: {badge_message(result)}")
    target = file_name.replace("\\", "/").replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"![{alt}]({target})"

"""The badge rendered in Chromium: as an image (how GitHub shows it) and inline, text inside its halves."""

from __future__ import annotations

import base64
import io

import pytest

from assessment.scoring import score_assessment
from reports.badge import badge_svg
from reports.badge.svg import LEVEL_COLOURS, PROVISIONAL_COLOUR

pytestmark = pytest.mark.browser


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


@pytest.mark.parametrize(("example", "colour"), [
    ("harbor-legal-ai", LEVEL_COLOURS[-1]), ("early-draft-partial", PROVISIONAL_COLOUR),
])
def test_the_badge_renders_as_an_image_in_its_colours(page, rubric, examples, example, colour):
    from PIL import Image

    assessment = examples[example]
    svg = badge_svg(rubric, score_assessment(rubric, assessment), assessment.company.name)
    data = base64.b64encode(svg.encode()).decode()
    page.set_content(f'<body style="margin:0;background:#fff"><img id="b" src="data:image/svg+xml;base64,{data}">')
    page.wait_for_function("document.getElementById('b').complete && document.getElementById('b').naturalWidth > 0")
    size = page.evaluate("[document.getElementById('b').naturalWidth, document.getElementById('b').naturalHeight]")
    width = int(svg.split('width="', 1)[1].split('"', 1)[0])
    assert size == [width, 20]
    shot = Image.open(io.BytesIO(page.locator("#b").screenshot())).convert("RGB")
    label_px, message_px = shot.getpixel((3, 3)), shot.getpixel((width - 3, 3))
    # The gradient overlay shifts the colour a little; the hue stays.
    assert all(abs(a - b) <= 24 for a, b in zip(message_px, _rgb(colour), strict=True)), message_px
    assert all(abs(a - b) <= 24 for a, b in zip(label_px, _rgb("#555555"), strict=True)), label_px


def test_inline_the_texts_sit_inside_their_halves(page, rubric, examples):
    assessment = examples["harbor-legal-ai"]
    svg = badge_svg(rubric, score_assessment(rubric, assessment), "<b>Harbor</b> & Co")
    page.set_content(f"<body style='margin:0'>{svg}</body>")
    boxes = page.evaluate("""() => {
        const rects = [...document.querySelectorAll('svg g[clip-path] rect')].slice(0, 2);
        const texts = [...document.querySelectorAll('svg text:not([aria-hidden])')];
        return {rects: rects.map(r => [r.x.baseVal.value, r.width.baseVal.value]),
                texts: texts.map(t => { const b = t.getBBox(); return [b.x / 10, b.width / 10, t.textContent]; }),
                title: document.querySelector('svg title').textContent};
    }""")
    assert [t[2] for t in boxes["texts"]] == ["open-LLM readiness", "Leading 95.5"]
    for (x, w), (tx, tw, _) in zip(boxes["rects"], boxes["texts"], strict=True):
        assert x <= tx and tx + tw <= x + w, (x, w, tx, tw)
    assert boxes["title"] == "open-LLM readiness: Leading 95.5 (<b>Harbor</b> & Co)"
    assert page.locator("b").count() == 0  # the company's markup stayed text

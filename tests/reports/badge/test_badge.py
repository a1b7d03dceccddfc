"""The readiness badge: valid SVG, the level and score, a colour per level, escaped text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from assessment.answers import Answer
from assessment.scoring import score_assessment
from reports.badge import badge_markdown, badge_message, badge_svg
from reports.badge.svg import LEVEL_COLOURS, PROVISIONAL_COLOUR, contrast, level_colour, text_colour
from reports.model.views import fmt_score

NS = {"s": "http://www.w3.org/2000/svg"}


def _svg(rubric, assessment, company=None):
    result = score_assessment(rubric, assessment)
    text = badge_svg(rubric, result, assessment.company.name if company is None else company)
    return result, text, ET.fromstring(text)


def _message_rect(root):
    return root.findall("s:g/s:rect", NS)[1]


def test_a_leading_assessment_reads_leading_95(rubric, examples):
    result, _, root = _svg(rubric, examples["harbor-legal-ai"])
    assert result.overall == pytest.approx(95.5, abs=0.05)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("aria-hidden") is None]
    assert texts == ["open-LLM readiness", "Leading 95.5"]
    assert root.find("s:title", NS).text == "open-LLM readiness: Leading 95.5 (Harbor Legal AI (fictional))"
    assert root.get("role") == "img" and root.get("height") == "20"
    assert _message_rect(root).get("fill") == LEVEL_COLOURS[-1]


def test_the_halves_add_up_and_each_text_fits_its_half(rubric, examples):
    _, _, root = _svg(rubric, examples["harbor-legal-ai"])
    label, message = root.findall("s:g/s:rect", NS)[:2]
    width = int(root.get("width"))
    assert int(label.get("width")) + int(message.get("width")) == width
    assert root.get("viewBox") == f"0 0 {width} 20"
    texts = [t for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("aria-hidden") is None]
    for text, rect in zip(texts, (label, message), strict=True):
        assert 0 < int(text.get("textLength")) / 10 < int(rect.get("width"))


def test_a_provisional_result_says_so_in_grey(rubric, examples):
    result, _, root = _svg(rubric, examples["early-draft-partial"])
    assert result.provisional
    assert badge_message(result) == f"provisional: {result.level.label} {result.overall:.1f}"
    assert _message_rect(root).get("fill") == PROVISIONAL_COLOUR
    assert "provisional: Ready" in "".join(root.itertext())


def test_the_score_is_the_figure_results_and_the_report_show(rubric, examples):
    result = score_assessment(rubric, examples["harbor-legal-ai"])  # 95.47
    assert badge_message(result) == "Leading 95.5"  # the whole number it once showed (95) was another figure
    assert fmt_score(result.overall) == "95.5"


def test_each_level_has_its_own_colour_with_readable_text(rubric):
    colours = [level_colour(i, len(rubric.levels)) for i in range(len(rubric.levels))]
    assert len(set(colours)) == len(rubric.levels)
    for colour in [*colours, PROVISIONAL_COLOUR]:
        assert contrast(colour, text_colour(colour)) >= 4.5, colour


def test_the_palette_is_the_colour_blind_safe_okabe_ito_set():
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
    assert set(LEVEL_COLOURS) <= okabe_ito
    assert "#009E73" not in LEVEL_COLOURS  # no green beside the vermillion: red against green is the common confusion


@pytest.mark.parametrize("company", [
    "<script>alert(1)</script>", "A & B \"Labs\" <svg onload=x>", "]]><x/>", "Ctrl\x01\x08chars\ufffe", "株式会社 Łódź",
])
def test_a_company_name_with_markup_stays_text(rubric, examples, company):
    assessment = examples["harbor-legal-ai"]
    _, text, root = _svg(rubric, assessment, company)
    assert "<script" not in text and "<svg onload" not in text
    title = root.find("s:title", NS).text
    clean = " ".join("".join(ch for ch in company if ch not in "\x01\x08\ufffe").split())
    assert title == f"open-LLM readiness: Leading 95.5 ({clean})"
    assert [e.tag.split("}")[1] for e in root] == ["title", "linearGradient", "clipPath", "g", "g"]


def test_the_markdown_snippet_escapes_its_text(rubric, examples):
    result = score_assessment(rubric, examples["harbor-legal-ai"])
    assert badge_markdown(result, "readiness badge (v2).svg") == (
        "![open-LLM readiness: Leading 95.5](readiness%20badge%20%28v2%29.svg)")


def test_a_level_label_from_the_rubric_is_escaped(rubric, examples):
    renamed = rubric.model_copy(update={"levels": tuple(
        lv.model_copy(update={"label": "<b>Top</b> & [x]"}) if lv.id == "leading" else lv for lv in rubric.levels)})
    result = score_assessment(renamed, examples["harbor-legal-ai"].model_copy(update={"answers": {
        **examples["harbor-legal-ai"].answers, "niche-objective": Answer(choice="written")}}))
    root = ET.fromstring(badge_svg(renamed, result))
    figure = fmt_score(result.overall)
    assert f"<b>Top</b> & [x] {figure}" in "".join(root.itertext())
    assert badge_markdown(result).startswith(rf"![open-LLM readiness: <b>Top</b> & [x] {figure}]".replace("<", "\\<")
                                             .replace(">", "\\>").replace("&", "\\&").replace("[x]", "\\[x\\]"))


def test_two_badges_on_one_page_have_their_own_ids(rubric, examples):
    """Inline, a shared clip-path id let the first badge clip every later one to its width."""
    ids = []
    for name in ("harbor-legal-ai", "early-draft-partial"):
        _, _, root = _svg(rubric, examples[name])
        own = {root.find("s:clipPath", NS).get("id"), root.find("s:linearGradient", NS).get("id")}
        assert root.find("s:g", NS).get("clip-path") == f"url(#{root.find('s:clipPath', NS).get('id')})"
        ids.append(own)
    assert not ids[0] & ids[1]


def test_a_run_of_dont_knows_claims_no_level(rubric, examples):
    """The app says "Not enough known to judge"; the badge a README shows must not say more."""
    result, text, root = _svg(rubric, examples["all-dont-know"])
    assert badge_message(result) == "not enough known to judge"
    assert not any(level.label in text for level in rubric.levels)
    assert _message_rect(root).get("fill") == PROVISIONAL_COLOUR


def test_a_handful_of_answers_shows_no_score(rubric, examples):
    base = examples["all-dont-know"]
    answers = {"niche-objective": Answer(choice="written")}
    result = score_assessment(rubric, base.model_copy(update={"answers": answers}))
    assert not result.score_shown and result.enough_known
    assert badge_message(result) == "no score yet"

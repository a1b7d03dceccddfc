"""Safe text for the PDF: escaping, font fallback, visible replacements."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from reports.pdf.text import CJK, FONT_DIR, REPLACEMENT, SANS, fit, markup, plain, register_fonts, string_width


@pytest.mark.parametrize("text", ["é ü ñ ç Ø Å ß Ł ő", "Ωμέγα αβγ", "Жук Ёлка Щука", "Ελληνικά"])
def test_latin_greek_cyrillic_are_in_the_main_font(text):
    cover = register_fonts()
    assert all(ord(c) in cover.sans for c in text if not c.isspace())
    assert markup(text) == text  # no font switch, nothing replaced


@pytest.mark.parametrize("text", ["中文字符", "日本語ひらがなカタカナ", "한국어 한글"])
def test_cjk_goes_to_the_fallback_font(text):
    out = markup(text)
    assert f'<font name="{CJK}">' in out
    assert plain(text) == text


@pytest.mark.parametrize(("text", "shown"), [
    ("go 🚀 now", f"go {REPLACEMENT} now"),
    ("👩‍🚀", REPLACEMENT),  # a ZWJ sequence is one mark
    ("👍🏽", REPLACEMENT),  # so is a skin-tone sequence
    ("🇫🇷🇩🇪", REPLACEMENT * 2),  # one per flag
    ("\ue000 private use", f"{REPLACEMENT} private use"),
    ("a\x00b\x07c", "abc"),  # control characters have no visible form
    ("tab\there", "tab here"),
    ("a\r\nb\rc", "a\nb\nc"),
])
def test_unprintable_characters(text, shown):
    assert plain(text) == shown


@pytest.mark.parametrize("text", ["<b>bold</b>", "a & b", "</para>", "x < y > z", "<font name='Nope'>",
                                  "&amp; &lt;", "<br/>", "<img src='x'/>", "<unknown>", "]]>"])
def test_markup_is_escaped_and_parses_to_the_same_text(text):
    para = Paragraph(markup(text), ParagraphStyle("t", fontName=SANS))
    assert "".join(frag.text for frag in para.frags) == text
    assert {frag.fontName for frag in para.frags} == {SANS}


def test_fit_shortens_with_an_ellipsis():
    register_fonts()
    long = "Very Long Company Name " * 20
    short = fit(long, SANS, 8, 200)
    assert short.endswith("…") and long.startswith(short[:-1])
    assert string_width(short, SANS, 8) <= 200
    assert fit("Acme", SANS, 8, 200) == "Acme"


def test_fonts_ship_with_their_licences():
    files = {p.name for p in FONT_DIR.iterdir()}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "wqy-microhei.ttc"} <= files
    assert {"LICENSE-DejaVu.txt", "LICENSE-WenQuanYi-MicroHei.txt"} <= files
    assert "Apache License" in (FONT_DIR / "LICENSE-WenQuanYi-MicroHei.txt").read_text()
    assert "Bitstream" in (FONT_DIR / "LICENSE-DejaVu.txt").read_text()


README_SAMPLES = {  # what the README's "Fonts and scripts" promises, by script name as it is written there
    "Latin with accents": "Société Ærø Łódź", "Vietnamese": "Tiếng Việt", "Greek": "Ελληνικά",
    "Cyrillic": "Кириллица", "Armenian": "Հայերեն", "Georgian": "ქართული", "Hebrew": "עברית",
    "Chinese": "中文简体繁體", "Japanese": "ひらがなカタカナ漢字", "Korean Hangul": "한국어",
}
README_NOT_COVERED = {"Arabic": "العربية", "Thai": "ภาษาไทย", "Indic scripts": "हिन्दी"}


def test_readme_states_the_script_coverage_truthfully():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("**Fonts and scripts.**"):]
    section = " ".join(section[:section.index("\n\n")].split())
    covered, not_covered = section.split("Not covered")
    for script, sample in README_SAMPLES.items():
        assert script in covered, script
        assert plain(sample) == sample, script
    for script, sample in README_NOT_COVERED.items():
        assert script in not_covered, script
        assert REPLACEMENT in plain(sample), script

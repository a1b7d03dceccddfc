"""Download file names from company names in any script."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.exports.filenames import MAX_SLUG_BYTES, report_stem, slug


@pytest.mark.parametrize(("text", "expected"), [
    ("Harbor Legal AI (fictional)", "harbor-legal-ai-fictional"),
    ("<b>Ünïcødé 株式会社 🚀</b>", "ünïcødé-株式会社"),
    ("../../etc/passwd <script>alert(1)</script>", "etc-passwd-alert-1"),
    ("Ａｃｍｅ　Ｍｏｄｅｌｓ", "acme-models"),  # full-width letters and space (NFKC)
    ("Müller & Söhne GmbH", "müller-söhne-gmbh"),
    ("Café", "café"),  # decomposed é (e + combining accent) composed by NFKC
    ("हिन्दी मॉडल", "हिन्दी-मॉडल"),  # vowel signs and virama are marks: kept with their letter
    ("Ελληνικά Μοντέλα", "ελληνικά-μοντέλα"),
    ("مدل فارسی", "مدل-فارسی"),
    ("a\u202eevil\u202c.exe", "a-evil-exe"),  # bidi controls are not kept
    ("CON", "con"),
    ("  --__..  ", ""),
    ("🚀🚀 <i></i>", ""),
    ("x²", "x2"),
])
def test_slug_keeps_letters_and_digits_of_any_script(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_slug_has_no_path_or_markup_characters() -> None:
    value = slug("a/b\\c:d*e?f\"g>h<i|j\x00k\nl")
    assert value == "a-b-c-d-e-f-g-h-i-j-k-l"


@pytest.mark.parametrize("text", ["株式会社" * 40, "word " * 40, "é" * 100, "हि" * 60])
def test_slug_is_cut_to_a_byte_limit_on_a_character_boundary(text: str) -> None:
    value = slug(text)
    assert 0 < len(value.encode("utf-8")) <= MAX_SLUG_BYTES
    assert not value.endswith("-")
    assert value in "-".join(text.split()).lower()


def test_report_stem_falls_back_to_the_date() -> None:
    day = dt.date(2026, 11, 26)
    assert report_stem("Harbor Legal AI", day) == "harbor-legal-ai-readiness"
    assert report_stem("<b>🚀</b>", day) == "assessment-2026-11-26"
    assert report_stem("", day) == "assessment-2026-11-26"

"""Hostile text in the report: bidi controls that disguise names, and notes long enough to stall layout."""

from __future__ import annotations

import pytest

from assessment.answers import Company
from assessment.names import strip_bidi
from reports import report_pdf
from reports.model import build_report
from reports.pdf import render_pdf
from reports.pdf.text import NOTE_CHUNK, markup, note_chunks, plain
from tests.conftest import worst_choices
from tests.reports.report_helpers import assessment_with, pdf_reader, pdf_text, squash

SPOOF = "safe\u202eexe.fdp"  # displays as "safepdf.exe"
BIDI = "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def test_bidi_controls_are_removed_from_names_as_they_enter() -> None:
    company = Company(name=SPOOF, assessor=f"A{BIDI}B", stage=f"Seed{BIDI}", niche=f"x{BIDI}y")
    assert (company.name, company.assessor, company.stage, company.niche) == ("safeexe.fdp", "AB", "Seed", "xy")
    assert strip_bidi(f"a{BIDI}b\u200fc") == "ab\u200fc"  # direction marks (no reordering) are kept


def test_bidi_controls_never_reach_the_pdf_text_or_its_metadata(rubric) -> None:
    doc = assessment_with(rubric, worst_choices(rubric), evidence={rubric.questions[0].id: f"note {SPOOF}"},
                          assessor=SPOOF)
    # the model strips names; a report built from any other source still must not show them
    object.__setattr__(doc.company, "name", SPOOF)
    data = render_pdf(build_report(rubric, doc))
    reader = pdf_reader(data)
    text = pdf_text(data)
    for ch in BIDI:
        assert ch not in text
        for value in (reader.metadata.title, reader.metadata.author, reader.metadata.subject):
            assert ch not in value
    assert "safeexe.fdp" in text and reader.metadata.title.endswith("safeexe.fdp")
    assert plain(SPOOF) == "safeexe.fdp" and "\u202e" not in markup(SPOOF)


def test_hebrew_prints_in_the_order_typed_as_the_readme_says(rubric) -> None:
    """README: Hebrew is drawn left to right in the order typed (no right-to-left layout), so text
    extraction, which expects right-to-left text in visual order, gives the letters reversed."""
    name = "שלום עולם"
    data = report_pdf(rubric, assessment_with(rubric, worst_choices(rubric), name=name))
    text = pdf_text(data)
    assert "\ufffd" not in text
    assert "םלוע םולש" in text  # what pypdf extracts from letters drawn in typed order


@pytest.mark.parametrize("note", [
    "word " * 30_000,
    "x" * 25_000,
    "line one\nline two\n" * 3_000,
    "mixed 中文 text " * 5_000,
])
def test_a_long_note_is_cut_into_bounded_pieces_that_keep_every_word(note: str) -> None:
    pieces = note_chunks(note)
    assert all(len(p) <= NOTE_CHUNK for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(note.split())  # every character but line breaks
    if " " in note:
        assert all(p.endswith((" ", "\n")) or p is pieces[-1] or "\n" in note for p in pieces)


def test_a_100000_character_note_is_printed_whole(rubric) -> None:
    words = [f"w{i}" for i in range(20_000)]
    note = " ".join(words)[:100_000]
    qid = rubric.questions[0].id
    data = report_pdf(rubric, assessment_with(rubric, worst_choices(rubric), evidence={qid: note}))
    text = squash(pdf_text(data))
    assert "w0 w1 w2" in text and note.split()[-2] in text
    assert len(pdf_reader(data).pages) > 10

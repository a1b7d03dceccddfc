"""Names as people typed them, minus the invisible controls that reorder how text is shown, and the
control characters that would drive a terminal (ESC sequences clear a screen or forge a line) or break a
one-line name over several lines in the PDF.

U+202A-U+202E (embeddings and overrides) and U+2066-U+2069 (isolates) make "safe\u202eexe.fdp"
display as "safepdf.exe". No name, owner or note needs them, so they are removed where text
enters (the models) and again where text is shown (the app, the PDF text and its metadata).
"""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi(text: str) -> str:
    """`text` without bidirectional embedding, override and isolate controls."""
    return BIDI_CONTROLS.sub("", text)


# C0 and C1 controls except NUL (refused with its own message where text is stored) and DEL.
_LINE_BREAKS = re.compile("[\t\n\r\v\f\x85\u2028\u2029]+")
_CONTROLS = re.compile("[\x01-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")


def clean_name(text: str) -> str:
    """A one-line name: bidi controls and control characters removed, line breaks and tabs as one space."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub(" ", strip_bidi(text)))

"""File names for downloads, from text a person typed (a company name in any script).

`<b>Ünïcødé 株式会社 🚀</b>` -> `ünïcødé-株式会社`: letters and digits of every script are kept,
markup, punctuation, symbols, emoji and control characters are not. Browsers accept UTF-8 file
names, so nothing is transliterated to ASCII. Pure Python.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

MAX_SLUG_BYTES = 80  # UTF-8 bytes; with a suffix, far below the 255-byte limit of common file systems

# An HTML/XML-like tag: `<b>`, `</b>`, `<script src=x>`. Its name is markup, not part of the name.
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _kept(char: str, previous_kept: bool) -> bool:
    """Letters and digits of any script; a combining mark only right after one (Devanagari vowel signs)."""
    if char.isalnum():
        return True
    return previous_kept and unicodedata.category(char).startswith("M")


def slug(text: str, max_bytes: int = MAX_SLUG_BYTES) -> str:
    """Lower-case words of `text` joined by "-", at most `max_bytes` UTF-8 bytes ("" when none are left)."""
    text = unicodedata.normalize("NFKC", _TAG.sub(" ", text)).lower()
    words: list[str] = []
    word: list[str] = []
    for char in text:
        if _kept(char, bool(word)):
            word.append(char)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    out = ""
    for w in words:
        candidate = f"{out}-{w}" if out else w
        if len(candidate.encode("utf-8")) <= max_bytes:
            out = candidate
            continue
        if not out:  # one very long word: cut it on a character boundary, never inside a mark's letter
            cut = candidate.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")
            while cut and unicodedata.category(cut[-1]).startswith("M"):
                cut = cut[:-1]
            out = cut
        break
    return out


def report_stem(company: str, date: dt.date) -> str:
    """The stem of a report's file names: `<company>-readiness`, else `assessment-<date>`."""
    name = slug(company)
    return f"{name}-readiness" if name else f"assessment-{date.isoformat()}"

"""Text cells that a spreadsheet shows as text: the one CSV / Excel formula-injection guard.

A company or option name typed as `=HYPERLINK("http://...")` must not run as a formula when an
export is opened in Excel, LibreOffice or Google Sheets. Following OWASP's CSV-injection advice, a
text cell that starts with a formula character gets a leading apostrophe, which spreadsheets treat
as "this is text". Numbers and other values pass through unchanged.

CSV files are written with CRLF line ends (RFC 4180), so a cell holding a carriage return is
quoted: otherwise a spreadsheet would start a new row at the CR and `x\r=HYPERLINK(...)` would put
a live formula at the start of that row.

Pure Python: frames are only used through their own methods (no pandas import here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import pandas as pd

# "=", "+", "-", "@" start a formula; a leading tab or carriage return can hide one of them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_LINE_END = "\r\n"

T = TypeVar("T")


def defuse(value: T) -> T | str:
    """`value` made inert for a spreadsheet: text starting with a formula character gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _is_text(values: object) -> bool:
    """Object or string columns (the ones that can hold text); numbers, dates and bools cannot."""
    return getattr(getattr(values, "dtype", None), "kind", "") in ("O", "U", "T")


def defuse_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell (and a text index) passed through `defuse`."""
    out = frame.copy()
    for column in out.columns:
        if _is_text(out[column]):
            out[column] = out[column].map(defuse)
    if _is_text(out.index):
        out.index = out.index.map(defuse)
    return out


def csv_bytes(frame: pd.DataFrame, *, index: bool = False) -> bytes:
    """UTF-8 CSV of `frame` with text cells defused and cells holding line breaks quoted."""
    return defuse_frame(frame).to_csv(index=index, lineterminator=CSV_LINE_END).encode("utf-8")

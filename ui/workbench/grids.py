"""The options, edited in a few narrow grids instead of one wide one, so every heading fits.

The first grid says what each option is (name, kind, quality, example) and is where rows are added
and deleted; the others hold one kind's figures, one row per option of that kind, its name shown
read-only. All of them edit one list of rows (`{key}-grid-base`, keyed by the engine's column
headings), so what is saved is the same flat table as before. When a change alters which rows
another grid shows (a row gains a kind, is renamed or deleted), the edits are folded into a new
base and the page reruns, so the row appears in (or leaves) the other grids at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from assessment.workbench import COLUMNS, Workbench, rows_from_options
from assessment.workbench.table import COLUMN_BY_FIELD, KIND_BY_LABEL

NO_EDITS: dict[str, Any] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


@dataclass(frozen=True)
class GridColumn:
    """One column of one grid: the option field, its heading on screen and its width in pixels."""

    field: str
    label: str
    width: int


@dataclass(frozen=True)
class GridPart:
    """One grid: its title, its columns, and which kinds of option it lists (None: every row,
    and rows are added and deleted here)."""

    name: str
    title: str
    columns: tuple[GridColumn, ...]
    kinds: tuple[str, ...] | None = None


# Widths are chosen so that each grid, row markers included, fits a 540 px wide page (a 1000 px
# window with the sidebar open) with every heading whole: a heading takes its text plus about 40 px
# (padding and the edit icon). The full meaning of each column is in its help.
PARTS: tuple[GridPart, ...] = (
    GridPart("what", "What each option is", (
        GridColumn("name", "Option", 170), GridColumn("kind", "Kind", 92),
        GridColumn("quality", "Quality (0-100)", 132), GridColumn("example", "Example", 96),
    )),
    GridPart("api", "Hosted API prices", (
        GridColumn("name", "Option", 220), GridColumn("price_per_m_input", "$ / 1M input", 120),
        GridColumn("price_per_m_output", "$ / 1M output", 126),
    ), kinds=("api",)),
    GridPart("gpus", "Self-hosted: GPUs", (
        GridColumn("name", "Option", 166), GridColumn("gpu_label", "GPU type", 104),
        GridColumn("gpus_per_replica", "GPUs / replica", 130), GridColumn("gpu_hour_price", "$ / GPU-hour", 124),
    ), kinds=("self_hosted",)),
    GridPart("load", "Self-hosted: load and running cost", (
        GridColumn("name", "Option", 166), GridColumn("tokens_per_second", "Tokens/s", 104),
        GridColumn("target_utilisation_pct", "Utilisation %", 124), GridColumn("ops_monthly", "Ops $ / month", 130),
    ), kinds=("self_hosted",)),
)
_SHARED = {"Option", "Kind"}  # shown in more than one grid, edited only in the first


def set_base(key: str, workbench: Workbench) -> None:
    """Start the grids from `workbench`'s options (a new base also gets new widget keys: a grid's
    base data must not change between reruns, its edits are kept relative to it)."""
    _set_rows(key, rows_from_options(workbench.options))


def _set_rows(key: str, rows: list[dict[str, Any]]) -> None:
    st.session_state[f"{key}-grid-base"] = pd.DataFrame(rows, columns=[c.heading for c in COLUMNS])
    st.session_state[f"{key}-grid-version"] = st.session_state.get(f"{key}-grid-version", 0) + 1


def base(key: str) -> pd.DataFrame:
    return st.session_state[f"{key}-grid-base"]


def editor_key(key: str, part: GridPart) -> str:
    return f"{key}-grid-{part.name}-{st.session_state[f'{key}-grid-version']}"


def _column_config(part: GridPart) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for column in part.columns:
        engine = COLUMN_BY_FIELD[column.field]
        common: dict[str, Any] = {"label": column.label, "help": f"{engine.heading}. {engine.help}",
                                  "width": column.width}
        read_only = part.kinds is not None and engine.heading in _SHARED
        if column.field == "kind":
            config[engine.heading] = st.column_config.SelectboxColumn(options=list(KIND_BY_LABEL), **common)
        elif column.field == "example":
            config[engine.heading] = st.column_config.CheckboxColumn(default=False, **common)
        elif column.field in ("name", "gpu_label"):
            config[engine.heading] = st.column_config.TextColumn(max_chars=80, disabled=read_only, **common)
        else:
            config[engine.heading] = st.column_config.NumberColumn(**common)
    return config


def listed(rows: pd.DataFrame, part: GridPart) -> list[int]:
    """The base rows `part` shows, in order."""
    if part.kinds is None:
        return list(range(len(rows)))
    return [i for i, kind in enumerate(rows["Kind"]) if isinstance(kind, str) and KIND_BY_LABEL.get(kind) in part.kinds]


Rows = list[dict[str, Any]]


def merge(rows: Rows, shown: dict[str, list[int]], edits: dict[str, dict[str, Any] | None]) -> Rows:
    """The base rows with every grid's edits applied: cell edits by the grid's row position,
    then the first grid's deleted and added rows. `shown` maps a grid to the base rows it lists."""
    merged = [dict(row) for row in rows]
    deleted: set[int] = set()
    added: list[dict[str, Any]] = []
    for part in PARTS:
        state = edits.get(part.name) or NO_EDITS
        for position, changes in state.get("edited_rows", {}).items():
            merged[shown[part.name][int(position)]].update(changes)
        if part.kinds is None:
            deleted = {int(p) for p in state.get("deleted_rows", [])}
            added = list(state.get("added_rows", []))
    headings = [c.heading for c in COLUMNS]
    kept = [row for i, row in enumerate(merged) if i not in deleted]
    return kept + [{h: row.get(h) for h in headings} for row in added]


def _name(value: Any) -> str | None:
    return value if isinstance(value, str) else None  # a blank cell (None or NaN) compares equal to another


def _layout(rows: pd.DataFrame) -> list[tuple[str, tuple[int, ...], tuple[str | None, ...]]]:
    """What decides the other grids' rows: for each, the base rows it lists and their names."""
    return [(part.name, tuple(listed(rows, part)), tuple(_name(v) for v in rows["Option"].iloc[listed(rows, part)]))
            for part in PARTS if part.kinds is not None]


def show(key: str) -> list[dict[str, Any]]:
    """Draw the grids; return the rows as edited (one dict per option, keyed by column heading)."""
    frame = base(key)
    shown = {part.name: listed(frame, part) for part in PARTS}
    for part in PARTS:
        headings = [COLUMN_BY_FIELD[c.field].heading for c in part.columns]
        st.markdown(f"**{part.title}**")
        if not shown[part.name]:
            st.caption("No option of this kind yet: choose it as an option's kind above.")
            continue
        st.data_editor(
            frame.iloc[shown[part.name]][headings].reset_index(drop=True),
            key=editor_key(key, part),
            num_rows="dynamic" if part.kinds is None else "fixed",
            hide_index=True,
            column_config=_column_config(part),
            width="content",
            placeholder="",  # an empty cell is left blank, not "None"
        )
    edits = {part.name: st.session_state.get(editor_key(key, part)) for part in PARTS}
    rows = merge(frame.to_dict("records"), shown, edits)
    after = pd.DataFrame(rows, columns=frame.columns)
    if _layout(after) != _layout(frame):
        _set_rows(key, rows)
        st.rerun()
    return rows

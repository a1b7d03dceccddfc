"""Workbench inputs: the workload, the options grid and the price-decline settings.

`show(start, key)` draws them (initialising its own session-state keys from `start` once) and
returns what is on screen, untouched; the engine (`build_workbench`) judges it. `show_problems`
then puts each message under the field it concerns, or under the grid for a cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from assessment.workbench import COLUMNS, Workbench, WorkbenchError, example_workbench, quantity, rows_from_options
from ui.components.text import md_escape

BASIS_LABELS = {"requests": "Requests x tokens per request", "tokens": "Monthly token totals"}

# (field, label, help) per workload basis; integers because tokens and requests are counted.
WORKLOAD_FIELDS = {
    "requests": (
        ("monthly_requests", "Requests per month", "How many requests your customers send in a month."),
        ("input_tokens_per_request", "Input tokens per request", "Prompt, context and documents, on average."),
        ("output_tokens_per_request", "Output tokens per request", "Generated tokens, on average."),
    ),
    "tokens": (
        ("monthly_input_tokens", "Input tokens per month", "All input tokens in a month."),
        ("monthly_output_tokens", "Output tokens per month", "All generated tokens in a month."),
    ),
}


@dataclass
class Inputs:
    """What the person entered, as the engine's builder takes it, and where messages go."""

    workload: dict[str, Any]
    rows: list[dict[str, Any]]
    projection: dict[str, Any]
    slots: dict[str, DeltaGenerator] = field(default_factory=dict)


def _plain(value: Any) -> Any:
    """numpy scalars from the grid as Python numbers."""
    return value.item() if hasattr(value, "item") else value


def _as_int(value: float | None) -> int | float | None:
    """Whole counts as int (the input then steps in whole numbers); a saved fraction stays as it is."""
    return round(value) if value is not None and float(value).is_integer() else value


def _initialise(start: Workbench, key: str) -> None:
    if st.session_state.get(f"{key}-ready"):
        return
    w = start.workload
    values = {
        "basis": w.basis,
        "monthly_requests": _as_int(w.monthly_requests),
        "input_tokens_per_request": _as_int(w.input_tokens_per_request),
        "output_tokens_per_request": _as_int(w.output_tokens_per_request),
        # switching to token totals starts from the same traffic
        "monthly_input_tokens": _as_int(w.input_tokens),
        "monthly_output_tokens": _as_int(w.output_tokens),
        "factor": float(start.projection.factor),
        "months": start.projection.months,
    }
    for name, value in values.items():
        st.session_state[f"{key}-{name}"] = value
    _set_grid(key, start)
    st.session_state[f"{key}-ready"] = True


def _set_grid(key: str, workbench: Workbench) -> None:
    # The grid's base data must not change between reruns (its edits are kept relative to it),
    # so a new base also gets a new widget key.
    st.session_state[f"{key}-grid-base"] = pd.DataFrame(
        rows_from_options(workbench.options), columns=[c.heading for c in COLUMNS]
    )
    st.session_state[f"{key}-grid-version"] = st.session_state.get(f"{key}-grid-version", 0) + 1


def _column_config() -> dict[str, Any]:
    config: dict[str, Any] = {}
    for column in COLUMNS:
        if column.field == "kind":
            config[column.heading] = st.column_config.SelectboxColumn(
                column.heading, options=["Hosted API", "Self-hosted"], help=column.help
            )
        elif column.field == "example":
            config[column.heading] = st.column_config.CheckboxColumn(column.heading, help=column.help, default=False)
        elif column.field in ("name", "gpu_label"):
            config[column.heading] = st.column_config.TextColumn(column.heading, help=column.help, max_chars=80)
        else:
            config[column.heading] = st.column_config.NumberColumn(column.heading, help=column.help)
    return config


def _workload(key: str, slots: dict[str, DeltaGenerator]) -> dict[str, Any]:
    basis = st.radio(
        "Workload given as",
        list(BASIS_LABELS),
        format_func=BASIS_LABELS.get,
        key=f"{key}-basis",
        horizontal=True,
    )
    data: dict[str, Any] = {"basis": basis}
    columns = st.columns(len(WORKLOAD_FIELDS[basis]))
    for col, (name, label, help_text) in zip(columns, WORKLOAD_FIELDS[basis], strict=True):
        with col:
            # the step's type must match the value's: a saved fractional average keeps its fraction
            step = 1_000.0 if isinstance(st.session_state.get(f"{key}-{name}"), float) else 1_000
            data[name] = st.number_input(label, key=f"{key}-{name}", step=step, help=help_text)
            slots[f"workload.{name}"] = st.empty()
    slots["workload"] = st.empty()
    return data


def _projection(key: str, slots: dict[str, DeltaGenerator]) -> dict[str, Any]:
    factor_col, months_col = st.columns(2)
    with factor_col:
        factor = st.number_input(
            "API prices fall by a factor of",
            key=f"{key}-factor",
            step=1.0,
            help="The playbook expects GPT-4-class prices to be about 10x cheaper in 18 months. 1 = no fall.",
        )
        slots["projection.factor"] = st.empty()
    with months_col:
        months = st.number_input("over this many months", key=f"{key}-months", step=1)
        slots["projection.months"] = st.empty()
    return {"factor": factor, "months": months}


def show(start: Workbench, key: str) -> Inputs:
    """Draw the inputs, first filled from `start`; return their current values."""
    _initialise(start, key)
    slots: dict[str, DeltaGenerator] = {}
    st.subheader("1. Your workload")
    workload = _workload(key, slots)
    w_in, w_out = workload.get("monthly_input_tokens"), workload.get("monthly_output_tokens")
    if workload["basis"] == "requests" and None not in workload.values():
        w_in = workload["monthly_requests"] * workload["input_tokens_per_request"]
        w_out = workload["monthly_requests"] * workload["output_tokens_per_request"]
    if w_in is not None and w_out is not None:
        st.caption(f"{quantity(w_in + w_out)} tokens a month ({quantity(w_in)} input, {quantity(w_out)} output).")

    st.subheader("2. Options to compare")
    st.markdown(
        "One row per option. **Hosted API** rows need the two token prices; **Self-hosted** rows need the"
        " GPU columns. Quality is *your* score on *your* niche test set (0-100). Add rows at the bottom,"
        " delete them with the row's checkbox."
    )
    base = st.session_state[f"{key}-grid-base"]
    if base["Example"].fillna(False).astype(bool).any():
        st.warning(
            "Rows ticked **Example** are placeholders of a plausible order of magnitude, **not market prices**."
            " Replace them with your own quotes, your load-test throughput and your eval scores.",
            icon=":material/edit_note:",
        )
    grid = st.data_editor(
        base,
        key=f"{key}-grid-{st.session_state[f'{key}-grid-version']}",
        num_rows="dynamic",
        hide_index=True,
        column_config=_column_config(),
        width="stretch",
    )
    slots["options"] = st.container()
    st.button(
        "Start over from the example rows",
        key=f"{key}-reset",
        on_click=_set_grid,
        args=(key, example_workbench()),
        icon=":material/restart_alt:",
    )

    st.subheader("3. Falling API prices")
    projection = _projection(key, slots)
    rows = [{k: _plain(v) for k, v in row.items()} for row in grid.to_dict("records")]
    return Inputs(workload=workload, rows=rows, projection=projection, slots=slots)


def show_problems(inputs: Inputs, error: WorkbenchError) -> None:
    """Each problem under its field; cell problems listed under the grid by row and column."""
    cell_lines = []
    by_slot: dict[str, list[str]] = {}
    for problem in error.problems:
        if problem.row is not None or problem.path == "options":
            name = None
            if problem.row is not None and problem.row < len(inputs.rows):
                name = inputs.rows[problem.row].get("Option") or None
            cell_lines.append(problem.describe(str(name) if name else None))
        else:
            slot = problem.path if problem.path in inputs.slots else "workload"
            by_slot.setdefault(slot, []).append(problem.message if slot == problem.path else problem.describe())
    for slot, messages in by_slot.items():
        inputs.slots[slot].error(md_escape("; ".join(messages)), icon=":material/error:")
    if cell_lines:
        with inputs.slots["options"]:
            st.error(
                "**Fix the options table:**\n" + "\n".join(f"- {md_escape(line)}" for line in cell_lines),
                icon=":material/error:",
            )

"""Workbench inputs: the workload, the options grids and the price-decline settings.

`show(start, key)` draws them (initialising its own session-state keys from `start` once) and
returns what is on screen, untouched; the engine (`build_workbench`) judges it. `show_problems`
then puts each message under the field it concerns, or under the grids for a cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from assessment.workbench import Workbench, WorkbenchError, example_workbench, quantity
from ui.frame.text import md_escape
from ui.workbench import grids

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


def _as_float(value: float | None) -> float | None:
    """Counts are entered as floats shown with "%.12g" (18, 2.5, 2400000000, 1e+308 as typed): Streamlit's
    whole-number input reads "1e308" as 1 and saves that without a word; a float input passes it on to be
    refused with a message."""
    return None if value is None else float(value)


def _initialise(start: Workbench, key: str) -> None:
    if st.session_state.get(f"{key}-ready"):
        return
    w = start.workload
    values = {
        "basis": w.basis,
        "monthly_requests": _as_float(w.monthly_requests),
        "input_tokens_per_request": _as_float(w.input_tokens_per_request),
        "output_tokens_per_request": _as_float(w.output_tokens_per_request),
        # switching to token totals starts from the same traffic
        "monthly_input_tokens": _as_float(w.input_tokens),
        "monthly_output_tokens": _as_float(w.output_tokens),
        "factor": float(start.projection.factor),
        "months": _as_float(start.projection.months),
    }
    for name, value in values.items():
        st.session_state[f"{key}-{name}"] = value
    grids.set_base(key, start)
    st.session_state[f"{key}-ready"] = True


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
            data[name] = st.number_input(label, key=f"{key}-{name}", step=1_000.0, format="%.12g", help=help_text)
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
        months = st.number_input("over this many months", key=f"{key}-months", step=1.0, format="%.12g")
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
        "One row per option in the first table: add rows at its bottom, delete them with the row's checkbox."
        " Quality is *your* score on *your* niche test set (0-100). Then give each **Hosted API** option its"
        " two token prices, and each **Self-hosted** one its GPU and load figures, in the tables below it."
    )
    if grids.base(key)["Example"].fillna(False).astype(bool).any():
        st.warning(
            "Rows ticked **Example** are placeholders of a plausible order of magnitude, **not market prices**."
            " Replace them with your own quotes, your load-test throughput and your eval scores.",
            icon=":material/edit_note:",
        )
    edited = grids.show(key)
    slots["options"] = st.container()
    st.button(
        "Start over from the example rows",
        key=f"{key}-reset",
        on_click=grids.set_base,
        args=(key, example_workbench()),
        icon=":material/restart_alt:",
    )

    st.subheader("3. Falling API prices")
    projection = _projection(key, slots)
    rows = [{k: _plain(v) for k, v in row.items()} for row in edited]
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

"""Workbench results: the comparison, the cost-vs-quality chart, break-even, projection, CSV."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.workbench import (
    Workbench,
    WorkbenchResult,
    advantage_sentence,
    break_even_frame,
    break_even_sentence,
    comparison_csv,
    money,
    to_csv,
    volume,
)
from ui.components import workbench_charts
from ui.components.text import md_escape


def remember(key: str, workbench: Workbench | None) -> Workbench | None:
    """The workbench to show: this one when valid, else the last valid one of this session."""
    if workbench is not None:
        st.session_state[f"{key}-last-valid"] = workbench
    return st.session_state.get(f"{key}-last-valid")


def _comparison(result: WorkbenchResult) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Option": o.name,
                "Kind": o.kind_label,
                "Quality": o.quality,
                "Monthly cost ($)": o.monthly_cost,
                "$ per 1M tokens": o.cost_per_million,
                "Quality per $": o.quality_per_dollar,
                "Replicas": o.replicas,
                "GPUs": o.gpus,
                "Load (%)": o.utilisation_pct,
                "Pareto frontier": o.on_frontier,
                "Example": o.example,
            }
            for o in result.options
        ]
    ).astype({"Replicas": "Int64", "GPUs": "Int64"})


def _break_even_table(result: WorkbenchResult) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Self-hosted": b.self_hosted,
                "vs API": b.api,
                "Today": b.outcome.label,
                "Saving now ($/month)": b.saving_now,
                "Self-hosted stays cheaper above": volume(b.stays_cheaper_tokens, b.stays_cheaper_requests),
            }
            for b in result.break_evens
        ]
    )


def show(result: WorkbenchResult, file_stem: str) -> None:
    """Draw every result of the worksheet and offer the CSV downloads."""
    st.subheader("Comparison")
    st.dataframe(
        _comparison(result),
        hide_index=True,
        width="stretch",
        column_config={
            "Monthly cost ($)": st.column_config.NumberColumn(format="dollar"),
            "$ per 1M tokens": st.column_config.NumberColumn(format="$%.3f"),
            "Quality per $": st.column_config.NumberColumn(
                format="%.1f", help="Quality points per $ of blended cost per 1M tokens: higher is better value."
            ),
            "Load (%)": st.column_config.NumberColumn(
                format="%.0f%%", help="How busy the replicas are at this volume."
            ),
        },
    )
    cheapest = min(result.options, key=lambda o: o.monthly_cost)
    best = max(result.options, key=lambda o: o.quality_per_dollar)
    st.markdown(
        md_escape(f"Cheapest: {cheapest.name} at {money(cheapest.monthly_cost)} a month.")
        + "  \n"
        + md_escape(f"Most quality per dollar: {best.name}.")
        + "  \n"
        + md_escape(f"Pareto frontier (cheapest first): {', '.join(o.name for o in result.frontier)}.")
    )
    st.altair_chart(workbench_charts.cost_quality(result), width="stretch")

    st.subheader("Break-even: when does self-hosting win?")
    if result.break_evens:
        st.dataframe(
            _break_even_table(result),
            hide_index=True,
            width="stretch",
            column_config={"Saving now ($/month)": st.column_config.NumberColumn(format="dollar")},
        )
        current = result.workbench.workload.total_tokens
        for b in result.break_evens:
            st.markdown(md_escape(f"{b.self_hosted} vs {b.api}: {break_even_sentence(b, current)}"))
        st.caption(
            "Volumes keep your input/output mix. Self-hosted replicas are whole: just after each new replica"
            " starts, the API can be cheaper again, so the table gives the volume above which self-hosting"
            " stays cheaper."
        )
    else:
        st.info("Add at least one hosted API row and one self-hosted row to see break-even volumes.")

    spec = result.workbench.projection
    st.subheader(f"If API prices fall {spec.factor:g}x over {spec.months} months")
    if result.advantage_losses:
        for loss in result.advantage_losses:
            st.markdown("- " + md_escape(advantage_sentence(loss, spec)))
    elif result.break_evens:
        st.markdown("No self-hosted option is cheaper than an API today, so there is no price advantage to lose.")
    st.altair_chart(workbench_charts.projection(result), width="stretch")

    left, right = st.columns(2)
    left.download_button(
        "Download the comparison (CSV)",
        data=comparison_csv(result),
        file_name=f"{file_stem}-price-performance.csv",
        mime="text/csv",
        icon=":material/download:",
        key="wb-download-comparison",
    )
    if result.break_evens:
        right.download_button(
            "Download break-even (CSV)",
            data=to_csv(break_even_frame(result)),
            file_name=f"{file_stem}-break-even.csv",
            mime="text/csv",
            icon=":material/download:",
            key="wb-download-break-even",
        )

"""Workbench results: the comparison, the cost-vs-quality chart, break-even, projection, CSV."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.workbench import (
    Workbench,
    WorkbenchResult,
    advantage_sentence,
    answer_lines,
    break_even_frame,
    break_even_sentence,
    comparison_csv,
    money,
    to_csv,
    volume,
)
from ui.frame.text import md_escape
from ui.workbench import charts as workbench_charts


def remember(key: str, workbench: Workbench | None) -> Workbench | None:
    """The workbench to show: this one when valid, else the last valid one of this session."""
    if workbench is not None:
        st.session_state[f"{key}-last-valid"] = workbench
    return st.session_state.get(f"{key}-last-valid")


# Result tables are st.table (HTML that wraps to the page) with text cells: every column stays in
# view at any width, and a cell that does not apply to a row's kind reads "n/a" rather than "None".
# st.table renders cells as Markdown, so names people typed are escaped.
NOT_APPLICABLE = "n/a"


def _comparison(result: WorkbenchResult) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Option": md_escape(o.name),
                "Kind": o.kind_label,
                "Quality": f"{o.quality:g}",
                "Monthly cost": money(o.monthly_cost),
                "$ per 1M tokens": f"${o.cost_per_million:,.3f}",
                "Quality per $": f"{o.quality_per_dollar:,.1f}",
                "Replicas x GPUs": NOT_APPLICABLE if o.replicas is None else f"{o.replicas} x {o.gpus // o.replicas}",
                "Load": NOT_APPLICABLE if o.utilisation_pct is None else f"{o.utilisation_pct:.0f}%",
                "Pareto frontier": "yes" if o.on_frontier else "no",
            }
            for o in result.options
        ]
    )


def _signed(value: float) -> str:
    # A true minus sign: a cell starting with "-" would render as a Markdown bullet.
    return money(value).replace("-", "\u2212", 1)


def _break_even_table(result: WorkbenchResult) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Self-hosted": md_escape(b.self_hosted),
                "vs API": md_escape(b.api),
                "Today": b.outcome.label,
                "Saving now a month": _signed(b.saving_now),
                "Self-hosted stays cheaper above": (NOT_APPLICABLE if b.stays_cheaper_tokens is None
                                                    else volume(b.stays_cheaper_tokens, b.stays_cheaper_requests)),
            }
            for b in result.break_evens
        ]
    )


def show_answer(result: WorkbenchResult, stale: bool) -> None:
    """The answer first (which option wins at this volume, and until when); the details follow below."""
    with st.container(border=True):
        st.markdown("**The answer**" + (" :gray[(from your last valid inputs)]" if stale else ""))
        st.markdown("  \n".join(md_escape(line) for line in answer_lines(result)))
        st.caption("How it is worked out: the comparison, the break-even volumes and the price projection"
                   " below the inputs.")


def show(result: WorkbenchResult, file_stem: str) -> None:
    """Draw every result of the worksheet and offer the CSV downloads."""
    st.subheader("Comparison")
    st.table(_comparison(result), hide_index=True, border="horizontal")
    st.markdown(md_escape(f"Pareto frontier (cheapest first): {', '.join(o.name for o in result.frontier)}."))
    st.altair_chart(workbench_charts.cost_quality(result), width="stretch")

    st.subheader("Break-even: when does self-hosting win?")
    if result.break_evens:
        st.table(_break_even_table(result), hide_index=True, border="horizontal")
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

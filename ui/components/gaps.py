"""Gaps (most serious first) with the playbook's reasoning and actions, and blocked benefits."""

from __future__ import annotations

import streamlit as st

from assessment.rubric import Rubric
from assessment.scoring import Gap, Result
from ui.components import action_plan

SEVERITY_COLOURS = {"critical": "red", "high": "orange", "medium": "blue", "low": "gray"}
# Gaps an in-app tool helps close: gap id -> (page, link label, icon).
_WORKBENCH = "ui/pages/workbench.py"
GAP_TOOLS = {
    "no-price-performance-benchmark": (_WORKBENCH, "Open the price/performance workbench", ":material/balance:"),
    "ignoring-api-price-decline": (_WORKBENCH, "Model falling API prices in the workbench", ":material/balance:"),
}


def _gap(rubric: Rubric, result: Result, gap: Gap) -> None:
    severity = rubric.severity_index[gap.severity]
    principle = rubric.principle_index[gap.principle]
    colour = SEVERITY_COLOURS.get(gap.severity, "gray")
    with st.container(border=True):
        st.markdown(f":{colour}-badge[{severity.label}] **{gap.title}** · {principle.title}")
        st.markdown(gap.rule.reasoning)
        notes = []
        if gap.id in result.capped_by:
            notes.append(f"This gap holds your level at **{result.level.label}**"
                         f" (on score alone it would be {result.uncapped_level.label}).")
        if gap.blocks:
            names = ", ".join(rubric.principle_index[b].title for b in gap.blocks)
            notes.append(f"It blocks: **{names}**. {gap.rule.unblock}")
        for note in notes:
            st.markdown(f":material/warning: {note}")
        action_plan.show(gap)
        if gap.id in GAP_TOOLS:
            page, label, icon = GAP_TOOLS[gap.id]
            st.page_link(page, label=label, icon=icon)


@st.fragment
def show_gaps(rubric: Rubric, result: Result) -> None:
    """Every gap the engine found, in its order (most serious first), with its actions to plan.

    A fragment: typing an owner or a date reruns only this part of the page.
    """
    if not result.gaps:
        st.success("No gaps found in the answers given.")
        return
    counts = {}
    for gap in result.gaps:
        counts[gap.severity] = counts.get(gap.severity, 0) + 1
    summary = ", ".join(f"{n} {rubric.severity_index[s].label.lower()}" for s, n in counts.items())
    noun = "gap" if len(result.gaps) == 1 else "gaps"
    st.caption(f"{len(result.gaps)} {noun}: {summary}. Most serious first. Give each action an owner and a target"
               " date: they are saved as you type and printed in the report.")
    for gap in result.gaps:
        _gap(rubric, result, gap)


def show_blocked(rubric: Rubric, result: Result) -> None:
    """Principles the engine counts as 0 because a gap blocks them, and what unblocks them."""
    if not result.blocked:
        return
    st.subheader("Blocked benefits")
    for pid, gap_ids in result.blocked.items():
        principle = rubric.principle_index[pid]
        gaps = [g for g in (result.gap(i) for i in gap_ids) if g is not None]
        because = "; ".join(g.title for g in gaps)
        unblock = " ".join(dict.fromkeys(g.rule.unblock for g in gaps if g.rule.unblock))
        st.markdown(
            f":material/lock: **{principle.title}** - blocked (counts as 0) because: {because}.  \n"
            f"What unblocks it: {unblock}"
        )

"""Gaps (most serious first) with the playbook's reasoning and actions, and blocked benefits."""

from __future__ import annotations

import streamlit as st

from assessment.focus import Focus
from assessment.rubric import Rubric
from assessment.scoring import Gap, Result
from ui.results import action_plan

SEVERITY_COLOURS = {"critical": "red", "high": "orange", "medium": "blue", "low": "gray"}
# Gaps an in-app tool helps close: gap id -> (page, link label, icon).
_WORKBENCH = "ui/pages/workbench.py"
GAP_TOOLS = {
    "no-price-performance-benchmark": (_WORKBENCH, "Open the price/performance workbench", ":material/balance:"),
    "ignoring-api-price-decline": (_WORKBENCH, "Model falling API prices in the workbench", ":material/balance:"),
}


def _gap(rubric: Rubric, result: Result, gap: Gap, focus: Focus) -> None:
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
        if gap.id in focus.waits_for:
            basic = " and ".join(f'"{g.title}"' for g in (result.gap(i) for i in focus.waits_for[gap.id]) if g)
            st.markdown(f":material/schedule: Later: it builds on {basic}. {focus.reason(rubric, gap)}")
        action_plan.show(gap)
        if gap.id in GAP_TOOLS:
            page, label, icon = GAP_TOOLS[gap.id]
            st.page_link(page, label=label, icon=icon)


@st.fragment
def show_gaps(rubric: Rubric, result: Result, focus: Focus) -> None:
    """Every gap the engine found with its actions to plan: the focus first, the rest grouped under the gap
    they follow from (collapsed), then the other open gaps.

    A fragment: typing an owner or a date reruns only this part of the page.
    """
    confirmed = result.confirmed_gaps
    if not confirmed:
        if result.to_confirm:
            st.info("No gap is confirmed by the answers given; the open questions are under *To confirm*.")
        else:
            st.success("No gaps found in the answers given.")
        return
    counts = {}
    for gap in confirmed:
        counts[gap.severity] = counts.get(gap.severity, 0) + 1
    summary = ", ".join(f"{n} {rubric.severity_index[s].label.lower()}" for s, n in counts.items())
    noun = "gap" if len(confirmed) == 1 else "gaps"
    st.caption(f"{len(confirmed)} {noun}: {summary}. The ones to start with first. Give each action an owner and"
               " a target date: they are saved as you type and printed in the report.")
    for gap_id in focus.now:
        _gap(rubric, result, result.gap(gap_id), focus)
    groups = [(f'Later, once "{result.gap(root).title}" is closed', members) for root, members in focus.after.items()]
    if focus.also:
        groups.append(("Also open, after the ones above", focus.also))
    for label, members in groups:
        with st.expander(f"{label}: {len(members)} gap{'s' if len(members) != 1 else ''}"):
            for gap_id in members:
                _gap(rubric, result, result.gap(gap_id), focus)


def show_to_confirm(rubric: Rubric, result: Result) -> None:
    """Gaps that hold only because of "don't know" answers: open questions, with what would settle each."""
    if not result.to_confirm:
        return
    st.subheader("To confirm")
    st.caption("These hold only because of \"don't know\" answers. They are open questions, not findings: they cap"
               " no level and block nothing until someone finds out.")
    for gap in result.to_confirm:
        severity = rubric.severity_index[gap.severity]
        asks = " ".join(rubric.question_index[q][1].text for q in gap.unknowns)  # each ends with "?"
        with st.container(border=True):
            st.markdown(f":material/help: **{gap.headline}.**  \n"
                        f":gray[If so: {gap.title} ({severity.label.lower()}). Find out: {asks}]")


def show_blocked(rubric: Rubric, result: Result) -> None:
    """Principles the engine counts as 0 because a gap blocks them, grouped by that gap.

    What unblocks them is said once, in the blocking gap's card below (also in "Gaps only").
    """
    if not result.blocked:
        return
    st.subheader("Blocked benefits")
    by_gaps: dict[tuple[str, ...], list[str]] = {}
    for pid, gap_ids in result.blocked.items():
        by_gaps.setdefault(gap_ids, []).append(rubric.principle_index[pid].title)
    for gap_ids, titles in by_gaps.items():
        because = "; ".join(g.title for g in (result.gap(i) for i in gap_ids) if g is not None)
        names = ", ".join(f"**{t}**" for t in titles)
        one = len(titles) == 1
        st.markdown(f":material/lock: {names} {'counts' if one else 'count'} as 0 while *{because}* holds."
                    f" What unblocks {'it' if one else 'them'} is under that gap below.")

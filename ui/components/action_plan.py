"""The action plan: an owner, a target date and a done mark for each recommended action of a gap.

Saved with the assessment in `Assessment.action_plan`, keyed `<gap id>:<action index>`, and
printed in the report. Entries of gaps that have since closed are kept.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from assessment.answers import ActionItem, action_key
from assessment.scoring import Gap
from ui import session


def _widget_key(part: str, gap_id: str, index: int) -> str:
    return f"plan-{part}-{session.generation()}-{gap_id}-{index}"


def _changed(gap_id: str, index: int) -> None:
    _, assessment = session.require()
    state = st.session_state
    due = state.get(_widget_key("due", gap_id, index))
    item = ActionItem(
        owner=(state.get(_widget_key("owner", gap_id, index)) or "").strip()[:200],
        due=due if isinstance(due, dt.date) else None,
        done=bool(state.get(_widget_key("done", gap_id, index))),
    )
    plan = dict(assessment.action_plan)
    if item == ActionItem():
        plan.pop(action_key(gap_id, index), None)
    else:
        plan[action_key(gap_id, index)] = item
    if plan != assessment.action_plan:
        session.save_assessment(assessment.model_copy(update={"action_plan": plan}))
        status = session.save_status()
        if status.pending or status.error:
            st.rerun()  # the whole page, so the warning about the unsaved change shows at once


def show(gap: Gap) -> None:
    """The gap's actions, numbered, each with an owner, a target date and a done mark."""
    _, assessment = session.require()
    widths = [6, 2, 2, 1]
    head = st.columns(widths, vertical_alignment="bottom")
    head[0].markdown("**What to do**")
    for column, title in zip(head[1:], ("Owner", "Target date", "Done"), strict=True):
        column.caption(title)
    for i, action in enumerate(gap.rule.actions):
        item = assessment.action_plan.get(action_key(gap.id, i)) or ActionItem()
        text, owner, due, done = st.columns(widths, vertical_alignment="center")
        text.markdown(f"{i + 1}. {action}")
        owner.text_input(f"Owner of: {action}", value=item.owner, max_chars=200, placeholder="Who",
                         key=_widget_key("owner", gap.id, i), on_change=_changed, args=(gap.id, i),
                         label_visibility="collapsed")
        due.date_input(f"Target date of: {action}", value=item.due, format="YYYY-MM-DD",
                       key=_widget_key("due", gap.id, i), on_change=_changed, args=(gap.id, i),
                       label_visibility="collapsed")
        done.checkbox(f"Done: {action}", value=item.done, key=_widget_key("done", gap.id, i),
                      on_change=_changed, args=(gap.id, i), label_visibility="collapsed")

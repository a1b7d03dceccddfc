"""The action plan: an owner, a target date and a done mark for each recommended action of a gap.

Saved with the assessment in `Assessment.action_plan`, keyed `<gap id>:<action index>`, and
printed in the report. Entries of gaps that have since closed are kept.
"""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from assessment.answers import ActionItem, action_key
from assessment.errors import InputError
from assessment.scoring import Gap
from ui import session
from ui.frame.text import md_escape

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _widget_key(part: str, gap_id: str, index: int) -> str:
    return f"plan-{part}-{session.generation()}-{gap_id}-{index}"


def _parse_due(text: str) -> dt.date | None:
    """A target date typed as YYYY-MM-DD; empty clears it; ValueError for anything else."""
    text = text.strip()
    if not text:
        return None
    if not _DATE.fullmatch(text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def due_problem(text: str) -> str:
    """Why a typed target date is not saved, in words: a day that does not exist is named as such."""
    if _DATE.fullmatch(text):
        return f"There is no {md_escape(text)} in the calendar: check the month and day (YYYY-MM-DD)."
    return f"Not a date: write it as YYYY-MM-DD, e.g. {dt.date.today().year + 1}-01-31; empty clears it."


def _changed(gap_id: str, index: int) -> None:
    """Save this one entry (its own change: entries saved from another tab stay)."""
    _, assessment = session.require()
    state = st.session_state
    key = action_key(gap_id, index)
    old = assessment.action_plan.get(key) or ActionItem()
    typed = (state.get(_widget_key("due", gap_id, index)) or "").strip()
    try:
        due = _parse_due(typed)
        state.pop(_widget_key("refused", gap_id, index), None)
    except ValueError:
        due = old.due  # the box says what is wrong; the saved date stays until a valid one is typed
        # Kept for this session apart from the box, whose state goes when the page changes: left at once
        # for another page, the box shows it again with its message on return, instead of the saved date.
        state[_widget_key("refused", gap_id, index)] = typed
    item = ActionItem(
        owner=(state.get(_widget_key("owner", gap_id, index)) or "").strip()[:200],
        due=due,
        done=bool(state.get(_widget_key("done", gap_id, index))),
    )
    if item == old:
        return
    plan = dict(assessment.action_plan)
    if item == ActionItem():
        plan.pop(key, None)
    else:
        plan[key] = item
    try:
        session.save_assessment(assessment.model_copy(update={"action_plan": plan}))
    except InputError as exc:  # the entry would take the assessment over what a file can hold
        st.toast(f"Not saved: {exc.message}", icon=":material/error:")
        return
    status = session.save_status()
    if status.pending or status.error:
        st.rerun()  # the whole page, so the warning about the unsaved change shows at once


def show(gap: Gap) -> None:
    """The gap's actions, numbered, each with an owner, a target date and a done mark."""
    _, assessment = session.require()
    widths = [5, 2, 2.4, 1]  # the date column fits "YYYY-MM-DD" at 1000 px
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
        due_key = _widget_key("due", gap.id, i)
        refused = st.session_state.get(_widget_key("refused", gap.id, i))  # a date typed and not saved
        shown = refused if refused is not None else item.due.isoformat() if item.due else ""
        due.text_input(f"Target date of: {action}", value=shown,
                       max_chars=10, placeholder="YYYY-MM-DD", key=due_key, on_change=_changed,
                       args=(gap.id, i), label_visibility="collapsed")
        typed = (st.session_state.get(due_key) or "").strip()
        try:
            _parse_due(typed)
        except ValueError:  # under the row, full width: in the date's narrow column it bent the row out of line
            st.markdown(f":red[:small[{due_problem(typed)}]]")
        done.checkbox(f"Done: {action}", value=item.done, key=_widget_key("done", gap.id, i),
                      on_change=_changed, args=(gap.id, i), label_visibility="collapsed")

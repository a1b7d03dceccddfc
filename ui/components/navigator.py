"""Where you are in the questionnaire: progress per pillar and principle, jumps, previous / next."""

from __future__ import annotations

import streamlit as st

from assessment.rubric import Principle, Rubric
from assessment.scoring import Result
from ui import session

_NAV_RESET = "nav-reset"
_MOVED = "nav-moved"  # counts moves; `scroll_to_top_after_move` scrolls once per move
_SCROLLED = "nav-scrolled"

# Streamlit keeps the scroll position across reruns; after "Next" at the bottom of a page the
# next principle would open scrolled to its end. Trusted constant script, no user text in it.
_SCROLL_TOP = """<script>
for (const sel of ['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]']) {{
  const el = window.parent.document.querySelector(sel) || document.querySelector(sel);
  if (el) el.scrollTo({{top: 0}});
}}
window.scrollTo({{top: 0}});
/* move {count} */
</script>"""


def _next_unanswered(rubric: Rubric, result: Result, current: Principle) -> str | None:
    """The next principle after the current one (wrapping round) with an unanswered question."""
    order = [p.id for p in rubric.principles]
    start = order.index(current.id) + 1
    for pid in order[start:] + order[:start]:
        score = result.principle(pid)
        if score.answered < score.total:
            return pid
    return None


def _nav_key(pillar_id: str, current: Principle) -> str:
    # Tied to the current principle, so the pills re-draw with the right selection after a move.
    return f"nav-{pillar_id}-{current.id}-{session.generation()}-{st.session_state.get(_NAV_RESET, 0)}"


def _jumped(pillar_id: str, current_id: str) -> None:
    target = st.session_state.get(_nav_key(pillar_id, session.rubric().principle_index[current_id]))
    if target is None:  # the current pill clicked again: stay, and draw it selected again
        st.session_state[_NAV_RESET] = st.session_state.get(_NAV_RESET, 0) + 1
    else:
        _move(target)
    st.rerun()  # a move re-draws the whole page (previous / next and the links change with it)


def _move(principle_id: str) -> None:
    session.set_position(principle_id)
    st.session_state[_MOVED] = st.session_state.get(_MOVED, 0) + 1
    st.rerun()


def scroll_to_top_after_move() -> None:
    """After a move to another principle, show the new one from its top."""
    moved = st.session_state.get(_MOVED, 0)
    if moved != st.session_state.get(_SCROLLED, 0):
        st.session_state[_SCROLLED] = moved
        st.html(_SCROLL_TOP.format(count=moved), unsafe_allow_javascript=True, width="content")


def show_progress(rubric: Rubric, result: Result, current: Principle) -> None:
    """Overall progress, then each pillar's principles as pills showing answered / total."""
    missing = result.total - result.answered
    st.progress(
        result.answered / result.total if result.total else 0.0,
        text=f"{result.answered} of {result.total} questions answered"
        + (f" - {missing} still open" if missing else " - all done"),
    )
    labels = {}
    for p in result.principles:
        # Counts first: a long title may be cut short in a narrow column, the count never is.
        title = rubric.principle_index[p.id].title
        if p.total == 0:  # every question skipped: nothing to answer here for now
            labels[p.id] = f"not asked · {title}"
        else:
            labels[p.id] = f"{'✓ ' if p.answered == p.total else ''}{p.answered}/{p.total} · {title}"
    columns = st.columns(len(rubric.pillars))
    for column, pillar in zip(columns, rubric.pillars, strict=True):
        pillar_score = result.pillar(pillar.id)
        members = [p.id for p in rubric.principles_of(pillar.id)]
        column.pills(
            f"{pillar.title} · {pillar_score.answered}/{pillar_score.total}",
            members,
            default=current.id if current.id in members else None,
            format_func=labels.__getitem__,
            key=_nav_key(pillar.id, current),
            on_change=_jumped,
            args=(pillar.id, current.id),
            wrap=True,
        )
    target = _next_unanswered(rubric, result, current)
    if target is not None and target != current.id:
        st.button(
            f"Next unanswered: {rubric.principle_index[target].title}",
            icon=":material/skip_next:",
            type="tertiary",
            on_click=_move,
            args=(target,),
        )


def show_prev_next(rubric: Rubric, current: Principle) -> None:
    """Previous / next principle; answers are already saved, so moving never discards anything."""
    order = list(rubric.principles)
    i = order.index(current)
    row = st.container(horizontal=True, horizontal_alignment="distribute")
    if i == 0:
        row.space()  # keeps "Next" on the right
    else:
        prev = order[i - 1]
        row.button(f"Previous: {prev.title}", icon=":material/arrow_back:", on_click=_move,
                   args=(prev.id,), key="prev")
    if i + 1 < len(order):
        nxt = order[i + 1]
        row.button(f"Next: {nxt.title}", icon=":material/arrow_forward:", icon_position="right", type="primary",
                   on_click=_move, args=(nxt.id,), key="next")
    else:
        row.page_link("ui/pages/results.py", label="See your results", icon=":material/insights:")

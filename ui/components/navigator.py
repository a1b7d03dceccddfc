"""Where you are in the questionnaire: progress per pillar and principle, jumps, previous / next."""

from __future__ import annotations

import streamlit as st

from assessment.rubric import Principle, Rubric
from assessment.scoring import Result
from ui import session


def _next_unanswered(rubric: Rubric, result: Result, current: Principle) -> str | None:
    """The next principle after the current one (wrapping round) with an unanswered question."""
    order = [p.id for p in rubric.principles]
    start = order.index(current.id) + 1
    for pid in order[start:] + order[:start]:
        score = result.principle(pid)
        if score.answered < score.total:
            return pid
    return None


def show_progress(rubric: Rubric, result: Result, current: Principle) -> None:
    """Overall progress, then each pillar's principles as buttons showing answered / total."""
    missing = result.total - result.answered
    st.progress(
        result.answered / result.total if result.total else 0.0,
        text=f"{result.answered} of {result.total} questions answered"
        + (f" - {missing} still open" if missing else " - all done"),
    )
    columns = st.columns(len(rubric.pillars))
    for column, pillar in zip(columns, rubric.pillars, strict=True):
        pillar_score = result.pillar(pillar.id)
        column.markdown(f"**{pillar.title}** · {pillar_score.answered}/{pillar_score.total}")
        for principle in rubric.principles_of(pillar.id):
            score = result.principle(principle.id)
            done = score.answered == score.total
            column.button(
                f"{'✓ ' if done else ''}{principle.title} · {score.answered}/{score.total}",
                key=f"goto-{principle.id}",
                type="primary" if principle.id == current.id else "secondary",
                on_click=session.set_position,
                args=(principle.id,),
                width="stretch",
                wrap=True,
            )
    target = _next_unanswered(rubric, result, current)
    if target is not None and target != current.id:
        st.button(
            f"Next unanswered: {rubric.principle_index[target].title}",
            icon=":material/skip_next:",
            type="tertiary",
            on_click=session.set_position,
            args=(target,),
        )


def show_prev_next(rubric: Rubric, current: Principle) -> None:
    """Previous / next principle; answers are already saved, so moving never discards anything."""
    order = list(rubric.principles)
    i = order.index(current)
    left, _, right = st.columns([2, 1, 2])
    if i > 0:
        prev = order[i - 1]
        left.button(f"Previous: {prev.title}", icon=":material/arrow_back:", on_click=session.set_position,
                    args=(prev.id,), key="prev")
    if i + 1 < len(order):
        nxt = order[i + 1]
        right.button(f"Next: {nxt.title}", icon=":material/arrow_forward:", icon_position="right", type="primary",
                     on_click=session.set_position, args=(nxt.id,), key="next")
    else:
        right.page_link("ui/pages/results.py", label="See your results", icon=":material/insights:")

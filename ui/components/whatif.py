"""What-if: pick gaps to fix and see the score and level that would result (saved answers untouched)."""

from __future__ import annotations

import streamlit as st

from assessment.answers import Assessment
from assessment.rubric import Rubric
from assessment.scoring import Result, choices_of, score
from assessment.verdict import level_label
from assessment.whatif import fix_gaps
from ui import session


def show(rubric: Rubric, assessment: Assessment, result: Result) -> None:
    st.subheader("What if you fixed some gaps?")
    if not result.gaps:
        st.caption("There are no gaps to fix.")
        return
    titles = {g.id: f"{g.title} ({rubric.severity_index[g.severity].label.lower()})" for g in result.gaps}
    picked = st.multiselect(
        "Gaps to fix",
        list(titles),
        format_func=titles.__getitem__,
        key=f"whatif-{session.generation()}",
        placeholder="Pick one or more gaps",
    )
    if not picked:
        st.caption("Pick gaps above to see the score and level you would reach. Your saved answers are not changed.")
        return
    current = choices_of(assessment)
    changed = fix_gaps(rubric, current, picked)
    outcome = score(rubric, changed)
    score_col, level_col, gaps_col = st.columns(3)
    score_col.metric("Score if fixed", f"{outcome.overall:.1f}", f"{outcome.overall - result.overall:+.1f}")
    level_col.metric("Level if fixed", level_label(outcome),
                     None if outcome.level.id == result.level.id else f"from {result.level.label}", delta_color="off")
    gaps_col.metric("Gaps left", len(outcome.gaps), f"{len(outcome.gaps) - len(result.gaps):+d}", delta_color="inverse")
    moves = [(qid, choice) for qid, choice in changed.items() if current.get(qid) != choice]
    with st.expander(f"The {len(moves)} answer{'s' if len(moves) != 1 else ''} this assumes"):
        for qid, choice in moves:
            _, question = rubric.question_index[qid]
            label = next(c.label for c in rubric.choices_for(question) if c.id == choice)
            st.markdown(f"- {question.text}  \n  -> *{label}*")
    st.caption("Your saved answers are not changed.")

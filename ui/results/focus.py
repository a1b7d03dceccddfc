"""Start here: the one to three gaps to tackle first (`assessment.focus`), at the top of Results."""

from __future__ import annotations

import streamlit as st

from assessment.focus import Focus
from assessment.rubric import Rubric
from assessment.scoring import Result


def follows_text(n: int) -> str:
    return f"{n} other gap{' follows' if n == 1 else 's follow'} from it"


def show(rubric: Rubric, result: Result, focus: Focus) -> None:
    """The focus, each gap with its severity and how many later gaps follow from it."""
    if not focus.now:
        return
    unconfirmed = not any(result.gap(g).confirmed for g in focus.now)  # type: ignore[union-attr]
    with st.container(border=True):
        if unconfirmed:  # nothing is a finding yet: what to find out first, as open questions
            st.markdown("**:material/help: Find out first**")
        else:
            st.markdown("**:material/flag: Start here**")
        lines = []
        for i, gap_id in enumerate(focus.now, 1):
            gap = result.gap(gap_id)
            assert gap is not None
            follows = len(focus.after.get(gap_id, ()))
            severity = rubric.severity_index[gap.severity].label.lower()
            if gap.confirmed:
                line = f"{i}. **{gap.title}** ({severity}) · {rubric.principle_index[gap.principle].title}"
            else:
                line = f"{i}. **{gap.headline}.** If so: {gap.title} ({severity})"
            lines.append(line + (f" - {follows_text(follows)}" if follows else ""))
        st.markdown("\n".join(lines))
        later = len(focus.later)
        if later and unconfirmed:
            st.caption(f"The other {later} open question{'s come' if later != 1 else ' comes'} later: they are"
                       " listed under *To confirm* below. None of them is a finding until someone finds out.")
        elif later:
            first, them = ("this one", "it") if len(focus.now) == 1 else ("these", "them")
            st.caption(f"The other {later} gap{' comes' if later == 1 else 's come'} later: the playbook's order puts"
                       f" {first} first, and what follows from {them} is grouped under {them} below.")

"""What-if: pick gaps to fix and see the score and level that would result (saved answers untouched).

Beside the result it shows what the result rests on: the answers it assumes, questions that would
then be asked but have no answer, earlier answers that would count again, and why a fix adds nothing.
"""

from __future__ import annotations

import streamlit as st

from assessment.answers import Assessment
from assessment.rubric import Rubric
from assessment.scoring import Result, choices_of
from assessment.verdict import level_label
from assessment.whatif import NO_CHANGE, WhatIf, gain, no_gain_reason, offered_gaps, what_if
from ui import session


def _key() -> str:
    return f"whatif-{session.generation()}"


def _choice_label(rubric: Rubric, question_id: str, choice: str | None) -> str:
    if choice is None:
        return "not answered"
    _, question = rubric.question_index[question_id]
    return next((c.label for c in rubric.choices_for(question) if c.id == choice), choice)


def _question(rubric: Rubric, question_id: str) -> str:
    return rubric.question_index[question_id][1].text


def show(rubric: Rubric, assessment: Assessment, result: Result) -> None:
    st.subheader("What if you fixed some gaps?")
    if not result.gaps:
        st.caption("There are no gaps to fix.")
        return
    choices = choices_of(assessment)
    key = _key()
    # Offer only gaps that still exist and that the picks do not already close; drop stale picks first.
    picked_before = list(st.session_state.get(key) or [])
    offered = offered_gaps(rubric, choices, picked_before)
    if any(g not in offered for g in picked_before):
        st.session_state[key] = [g for g in picked_before if g in offered]
    titles = {g.id: f"{g.title} ({rubric.severity_index[g.severity].label.lower()})" for g in result.gaps}
    picked = st.multiselect(
        "Gaps to fix",
        list(offered),
        format_func=titles.__getitem__,
        key=key,
        placeholder="Pick one or more gaps",
        help="A gap that the gaps you picked would close as well is no longer offered.",
    )
    if not picked:
        st.caption("Pick gaps above to see the score and level you would reach. Your saved answers are not changed.")
        return
    outcome = what_if(rubric, choices, picked)
    _figures(result, outcome)
    _per_fix(rubric, choices, outcome, titles)
    _assumptions(rubric, outcome)
    st.caption("Your saved answers are not changed.")


def _figures(result: Result, outcome: WhatIf) -> None:
    fixed = outcome.result
    score_col, level_col, gaps_col = st.columns(3)
    score_col.metric("Score if fixed", f"{fixed.overall:.1f}", f"{fixed.overall - result.overall:+.1f}")
    level_col.metric("Level if fixed", level_label(fixed),
                     None if fixed.level.id == result.level.id else f"from {result.level.label}", delta_color="off")
    gaps_col.metric("Gaps left", len(fixed.gaps), f"{len(fixed.gaps) - len(result.gaps):+d}", delta_color="inverse")


def _per_fix(rubric: Rubric, choices: dict[str, str], outcome: WhatIf, titles: dict[str, str]) -> None:
    """What each pick adds on top of the others, with the reason when that is nothing."""
    fixes = []
    for gap_id in outcome.picked:
        added = gain(rubric, choices, outcome.picked, gap_id)
        none = abs(added) < NO_CHANGE
        fixes.append((gap_id, "+0.0" if none else f"{added:+.1f}",
                      no_gain_reason(rubric, choices, outcome.picked, gap_id) if none else None))
    if len(fixes) > 1 or any(reason for _, _, reason in fixes):
        lines = [f"- {titles[g]}: **{shown}**" + (f" - {reason}." if reason else "") for g, shown, reason in fixes]
        st.markdown("**What each fix adds** (on top of the others)\n" + "\n".join(lines))
    also = [g for g in outcome.closed if g not in outcome.picked]
    if also:
        names = ", ".join(titles.get(g, g) for g in also)
        st.markdown(f":material/check_circle: These fixes also close: {names}.")
    if outcome.revealed:
        names = ", ".join(g.title for g in outcome.result.gaps if g.id in outcome.revealed)
        st.markdown(f":material/warning: New gaps this would bring up: {names}.")


def _assumptions(rubric: Rubric, outcome: WhatIf) -> None:
    """The answers the what-if assumes, and the questions it leaves unanswered or counts again."""
    lines = [f"- {_question(rubric, a.question)}  \n  :gray[{_choice_label(rubric, a.question, a.before)}] ->"
             f" *{_choice_label(rubric, a.question, a.choice)}*" for a in outcome.assumed]
    st.markdown(f"**This assumes {len(lines)} answer{'s' if len(lines) != 1 else ''}:**\n" + "\n".join(lines))
    if outcome.now_asked:
        n = len(outcome.now_asked)
        with st.expander(f"{n} more question{'s' if n != 1 else ''} would then be asked, not answered yet: the score"
                         " above leaves them out"):
            st.markdown("\n".join(f"- {_question(rubric, q)}" for q in outcome.now_asked))
    if outcome.counted_again:
        n = len(outcome.counted_again)
        with st.expander(f"{n} earlier answer{'s' if n != 1 else ''} would count again, as given - they may not fit"
                         " the assumed answers"):
            st.markdown("\n".join(f"- {_question(rubric, q)}  \n  *{_choice_label(rubric, q, outcome.choices[q])}*"
                                  for q in outcome.counted_again))

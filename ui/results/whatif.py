"""What-if: pick gaps to fix and see the score and level range that would result (saved answers untouched).

Questions a fix makes apply have no answer for it yet, so the score and level are a range (each such
question at its worst answer, then at its best), and the panel names them. Beside the result it shows
what it rests on: the answers it assumes, earlier answers that would count again, and why a fix adds
nothing. Every figure is rounded once (`assessment.whatif.shown`), so the figures shown add up.
"""

from __future__ import annotations

import streamlit as st

from assessment.answers import Assessment
from assessment.rubric import Rubric
from assessment.scoring import Result, choices_of
from assessment.verdict import level_label
from assessment.whatif import (
    WhatIf,
    gain,
    no_gain_reason,
    open_questions_text,
    shown,
    shown_change,
    what_if,
)
from ui import session


def _key() -> str:
    return f"whatif-{session.generation()}"


def _kept_key() -> str:
    return f"whatif-kept-{session.generation()}"


def _keep() -> None:
    """The picks, kept apart from the widget's own state (which goes when the pills are not drawn)."""
    st.session_state[_kept_key()] = list(st.session_state.get(_key()) or [])


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
    # Every gap the answers have, always in the same place: a pill that vanished when another pick closed
    # its gap moved the others under the pointer (a quick second click picked a neighbour) and took the
    # keyboard focus. A pick whose gap the other picks close adds only what its own questions go further.
    # The picks outlive the view switch ("Gaps only" takes the pills off the page, and with them their
    # state); picks of gaps the answers no longer have are dropped.
    picked_before = list(st.session_state[key] if key in st.session_state else st.session_state.get(_kept_key(), []))
    current = [g for g in picked_before if result.gap(g) is not None]
    if key not in st.session_state or current != picked_before:
        st.session_state[key] = current
        st.session_state[_kept_key()] = current  # a dropped pick stays dropped, even if its gap comes back
    # A gap resting only on "don't know" answers is said to be one to confirm, as under "To confirm" below.
    titles = {g.id: f"{g.title} ({rubric.severity_index[g.severity].label.lower()}"
                    f"{'' if g.confirmed else ', to confirm'})" for g in result.gaps}
    # Pills rather than a multiselect: every gap in view, one click each, and no list-box code for a
    # first visit to fetch (the view control above already brought the pills' code).
    picked = st.pills(
        "Gaps to fix",
        [g.id for g in result.gaps],
        selection_mode="multi",
        format_func=titles.__getitem__,
        key=key,
        on_change=_keep,
        help="Each pick assumes the best answers to its gap's questions; below, what each pick adds on top of"
             " the others (a gap the others close may still add, where its own questions go further).",
    )
    if not picked:
        st.caption("Pick gaps above to see the score and level you would reach. Your saved answers are not changed.")
        return
    outcome = what_if(rubric, choices, picked)
    _figures(rubric, result, outcome)
    _per_fix(rubric, choices, outcome, titles)
    _assumptions(rubric, outcome)
    st.caption("Your saved answers are not changed.")


def span(low: float | int | str, high: float | int | str) -> str:
    """One figure, or "low to high" when the two ends differ."""
    return str(low) if low == high else f"{low} to {high}"


def level_span(low: Result, high: Result) -> str:
    """The level range, marked provisional as `level_label` marks one level."""
    if low.level.id == high.level.id:
        return level_label(high)
    text = f"{low.level.label} to {high.level.label}"
    return f"Provisional: {text}" if high.provisional else text


def _arrow(low: float, high: float) -> str:
    """An arrow only where both ends of a range move the same way ("-1 to +4" has none)."""
    return "auto" if (low >= 0 and high >= 0) or (low <= 0 and high <= 0) else "off"


def _figures(rubric: Rubric, result: Result, outcome: WhatIf) -> None:
    low, high = outcome.low, outcome.high
    # Side by side where they fit, each as wide as its figure; on a narrow page they wrap to a new line
    # instead of being cut off ("36.5 to 7...", "Emergin...") as in three equal columns.
    row = st.container(horizontal=True, gap="large")
    down, up = shown_change(result.overall, low.overall), shown_change(result.overall, high.overall)
    one_way = _arrow(down, up) == "auto"  # a range both ways ("-4.7 to +9.5") is neither good nor bad: grey
    row.metric("Score if fixed", span(f"{shown(low.overall):.1f}", f"{shown(high.overall):.1f}"),
               span(f"{down:+.1f}", f"{up:+.1f}"), delta_color="normal" if one_way else "off",
               delta_arrow=_arrow(down, up), width="content")
    row.metric("Level if fixed", level_span(low, high),  # words, not a direction: no arrow
               None if low.level.id == high.level.id == result.level.id else f"from {result.level.label}",
               delta_color="off", delta_arrow="off", width="content")
    # Confirmed gaps, as the action plan counts them: one resting only on "don't know" is an open question.
    fewest, most, now = len(high.confirmed_gaps), len(low.confirmed_gaps), len(result.confirmed_gaps)
    same = fewest == most == now  # no change: no "+0" with an arrow
    row.metric("Gaps left", span(fewest, most), None if same else span(f"{fewest - now:+d}", f"{most - now:+d}"),
               delta_color="inverse" if _arrow(fewest - now, most - now) == "auto" else "off",
               delta_arrow=_arrow(fewest - now, most - now),  # a range both ways is neither good nor bad
               width="content")
    if outcome.new_questions:
        principles = ", ".join(dict.fromkeys(rubric.question_index[q][0].title for q in outcome.new_questions))
        st.markdown(f":material/help: **{open_questions_text(outcome)}** ({principles})."
                    " The range runs from all of them at their worst answer to all of them at their best.")


def _per_fix(rubric: Rubric, choices: dict[str, str], outcome: WhatIf, titles: dict[str, str]) -> None:
    """What each pick adds on top of the others, with the reason when that is nothing."""
    fixes = []
    for gap_id in [g for g in titles if g in outcome.picked]:  # in the pills' order, not the order clicked
        low, high = gain(rubric, choices, outcome.picked, gap_id)
        none = low == high == 0
        low, high = sorted((low, high))  # the gain at either end of the range, smaller first ("+2.8 to +2.9")
        fixes.append((gap_id, span(f"{low:+.1f}", f"{high:+.1f}"),
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
        # Named as the list it opens: the line above already says how many would be asked.
        with st.expander(f"Not answered yet: {n} question{'s' if n != 1 else ''} (the range covers every answer)"):
            st.markdown("\n".join(f"- {_question(rubric, q)}" for q in outcome.now_asked))
    if outcome.counted_again:
        n = len(outcome.counted_again)
        with st.expander(f"Answered earlier, asked again: {n} question{'s' if n != 1 else ''} (those answers may not"
                         " fit the assumed ones, so the range covers every answer)"):
            st.markdown("\n".join(f"- {_question(rubric, q)}  \n  earlier:"
                                  f" *{_choice_label(rubric, q, outcome.choices[q])}*" for q in outcome.counted_again))

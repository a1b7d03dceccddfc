"""Results: score, level and what it means, charts, gaps, blocked benefits, what-if and the action plan."""

import streamlit as st

from assessment.focus import focus
from assessment.verdict import answered_summary, level_label, provisional_detail, withheld_detail, withheld_headline
from ui import session
from ui.frame.text import figure, md_escape
from ui.progress import panel as progress_panel
from ui.results import charts, gaps, whatif
from ui.results import focus as start_here

rubric = session.rubric()
_, assessment = session.require()
result = session.result()
first = focus(rubric, result)

VIEW = "results-view"  # the view control's key
FULL = "Full results"  # its default view; the other, "Gaps only", hides the detail


def _verdict() -> str:
    """The notice, links, where to start, the view control, score and level and what they mean; the view."""
    if not result.score_shown and not result.enough_known:  # the headline is what is known, not a level
        st.warning(f"**{withheld_headline(result)}.** {withheld_detail(result)}"
                   f" {' '.join(rubric.not_enough_known.description.split())}", icon=":material/help:")
    elif not result.score_shown:
        st.info(f"**{withheld_headline(result)}.** {withheld_detail(result)}", icon=":material/hourglass_top:")
        st.page_link("ui/pages/questionnaire.py", icon=":material/checklist:", label="Answer the open questions")
    elif not result.enough_known:
        st.warning(f"**{level_label(result)}.** {answered_summary(result)}."
                   f" {' '.join(rubric.not_enough_known.description.split())}", icon=":material/help:")
    elif result.provisional:
        st.warning(
            f"**{level_label(result)}.** {provisional_detail(result)} The score averages only the questions answered"
            " so far (\"don't know\" counts as 0), so the level is not a verdict until more have a real answer.",
            icon=":material/hourglass_top:",
        )
    elif result.dont_know:
        st.info(f"{result.dont_know} answers are \"don't know\"; each counts as 0 until you find out.")
    links = st.container(horizontal=True)
    if result.answered < result.total and result.provisional and result.score_shown:  # else the notice has it
        links.page_link("ui/pages/questionnaire.py", icon=":material/checklist:", label="Answer the open questions")
    unknown = next((p.id for p in result.principles if p.dont_know), None)
    if unknown is not None and links.button("Revisit the \"don't know\" answers", icon=":material/help:",
                                            type="tertiary"):
        session.set_position(unknown)
        st.switch_page("ui/pages/questionnaire.py")

    start_here.show(rubric, result, first)

    view = st.segmented_control("View", [FULL, "Gaps only"], default=FULL, key=VIEW,
                                required=True, label_visibility="collapsed")

    if result.score_shown:  # in both views: "Gaps only" hides the detail, never the verdict
        score_col, level_col = st.columns([1, 2])
        score_col.markdown(figure("Overall score", f"{result.overall:.1f} :gray[/ 100]"), anchors=False)
        level_col.markdown(figure("Readiness level", level_label(result)), anchors=False)

    if view == FULL and result.score_shown:
        if not result.enough_known:
            st.caption("No level is stated while most answers are \"don't know\"; the score counts each as 0.")
        elif result.provisional:  # not established yet: what the level would mean, said as a condition
            st.caption(f"Not a verdict yet. If further answers confirm it, {result.level.label} would mean:"
                       f" {' '.join(result.level.description.split())}")
        else:
            st.markdown(result.level.description)
        if result.capped_by:
            titles = ", ".join(g.title for g in (result.gap(i) for i in result.capped_by) if g is not None)
            st.markdown(
                f":material/vertical_align_top: The level is capped at **{result.level.label}** by: {titles}."
                f" On score alone it would be **{result.uncapped_level.label}**."
            )
    return view


st.title(f"Results: {md_escape(assessment.company.name or 'Unnamed company')}")
# The charts are drawn first, into their place under the verdict: the browser starts loading its chart
# code while the rest of the page arrives, so a first visit draws them sooner (same page, same order).
top, chart_box = st.container(), st.container()
if (st.session_state.get(VIEW) or FULL) == FULL and result.score_shown:  # the view control's value, drawn below
    with chart_box:  # charts of scores from a handful of answers would state what the page does not
        charts.show(rubric, result)
with top:
    view = _verdict()

if view == FULL:
    gaps.show_blocked(rubric, result)
    if result.score_shown:  # a what-if score from a handful of answers would mean as little
        whatif.show(rubric, assessment, result)
    progress_panel.show(rubric, assessment, result)

st.subheader("Gaps and your action plan")
gaps.show_gaps(rubric, result, first)
gaps.show_to_confirm(rubric, result)

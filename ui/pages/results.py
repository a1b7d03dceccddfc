"""Results: score, level and what it means, charts, gaps, blocked benefits, what-if and the action plan."""

import streamlit as st

from assessment.verdict import level_label, provisional_detail
from ui import session
from ui.components import charts, gaps, whatif
from ui.components.text import md_escape

rubric = session.rubric()
_, assessment = session.require()
result = session.result()

st.title(f"Results: {md_escape(assessment.company.name or 'Unnamed company')}")

if result.provisional:
    st.warning(
        f"**{level_label(result)}.** {provisional_detail(result)} The score averages only the questions answered"
        " so far (\"don't know\" counts as 0), so the level is not a verdict until more have a real answer.",
        icon=":material/hourglass_top:",
    )
    st.page_link("ui/pages/questionnaire.py", icon=":material/checklist:",
                 label="Answer the open questions" if result.answered < result.total
                 else "Revisit the \"don't know\" answers")
elif result.dont_know:
    st.info(f"{result.dont_know} answers are \"don't know\"; each counts as 0 until you find out.")

view = st.segmented_control("View", ["Full results", "Gaps only"], default="Full results", key="results-view",
                            required=True, label_visibility="collapsed")

if view == "Full results":
    score_col, level_col = st.columns([1, 2])
    score_col.metric("Overall score", f"{result.overall:.1f} / 100")
    level_col.metric("Readiness level", level_label(result))
    if result.provisional:  # not established yet: what the level would mean, said as a condition
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
    polar_col, bars_col = st.columns([11, 9])
    with polar_col:
        st.markdown("**The nine principles**")
        st.altair_chart(charts.principle_polar(rubric, result), width="content")
    with bars_col:
        st.markdown("**Pillars**")
        st.altair_chart(charts.pillar_bars(rubric, result), width="stretch")
        with st.expander("Scores as a table"):
            st.dataframe(charts.principle_table(rubric, result), hide_index=True, width="stretch")
    gaps.show_blocked(rubric, result)
    whatif.show(rubric, assessment, result)

st.subheader("Gaps and your action plan")
gaps.show_gaps(rubric, result)

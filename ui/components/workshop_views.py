"""The facilitator dashboard's sections: progress, one company's consensus, the cohort, exports, links.

Each draws tables computed by `assessment.workshop` (and files made by `reports.workshop`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.verdict import level_label, provisional_detail
from assessment.workshop import Cohort, CompanyConsensus
from assessment.workshop_store import Facilitator, ParticipantProgress
from reports.workshop import cohort_csv, cohort_excel, consensus_pdf, consensus_reports_zip, report_file_name
from ui import workshop_session as ws
from ui.components import workshop_charts
from ui.components.text import md_escape

TOP_DISAGREEMENTS = 8


def progress(cohort: Cohort, people: list[ParticipantProgress]) -> None:
    joined = {p.company for p in people}
    cols = st.columns(3)
    cols[0].metric("Participants", len(people))
    cols[1].metric("Companies with participants", f"{len(joined)} of {len(cohort.companies)}")
    # Counted like each participant's own progress: only the questions that apply to their answers.
    answered, total = sum(p.answered for p in people), sum(p.total for p in people)
    cols[2].metric("Answers saved", f"{answered / total:.0%}" if total else "0%")
    if people:
        frame = pd.DataFrame(
            [{"Company": p.company, "Participant": p.name, "Answered": p.answered, "Questions": p.total,
              "Progress": p.share, "Last saved (UTC)": p.last_saved.strftime("%H:%M:%S")} for p in people]
        )
        st.dataframe(frame, hide_index=True, width="stretch", column_config={
            "Questions": st.column_config.NumberColumn(help="Questions that apply given this person's answers"),
            "Progress": st.column_config.ProgressColumn(format="percent", min_value=0, max_value=1),
        })
    waiting = [c.name for c in cohort.companies if c.name not in joined]
    if waiting:
        st.caption("Nobody has joined yet for: " + md_escape(", ".join(waiting)))


def _answers(q: object) -> str:
    return ", ".join(f"{label} ({n})" for _, label, n in q.counts)  # type: ignore[attr-defined]


def company(cohort: Cohort) -> None:
    names = [c.name for c in cohort.companies]
    index = st.selectbox("Company", range(len(names)), format_func=lambda i: names[i], key="ws-company")
    chosen: CompanyConsensus = cohort.companies[index or 0]
    if not chosen.has_answers:
        st.info(f"No answers from {md_escape(chosen.name)} yet ({chosen.participants} joined).")
        return
    r = chosen.result
    cols = st.columns(3)
    cols[0].metric("Consensus score", f"{r.overall:.1f} / 100")
    cols[1].metric("Readiness level", level_label(r))
    if r.provisional:
        st.caption(provisional_detail(r))
    cols[2].metric("Participants who answered", f"{chosen.active} of {chosen.participants}")
    titles = {p.id: p.title for p in cohort.rubric.principles}
    st.subheader("Where the team disagrees")
    if not chosen.disagreements:
        st.success("The team gave the same answers everywhere they answered.")
    for q in chosen.disagreements[:TOP_DISAGREEMENTS]:
        with st.container(border=True):
            st.markdown(f"**{md_escape(q.text)}**  \n:gray[{md_escape(titles[q.principle])}]")
            st.markdown(f":orange-badge[spread {q.spread:.0f} points] {md_escape(_answers(q))}  \n"
                        f"Consensus (median): **{md_escape(q.label or 'none')}**")
    if len(chosen.disagreements) > TOP_DISAGREEMENTS:
        st.caption(f"{len(chosen.disagreements) - TOP_DISAGREEMENTS} more in the table below and the Excel export.")
    with st.expander("Consensus answer to every question"):
        st.dataframe(pd.DataFrame([
            {"Principle": titles[q.principle], "Question": q.text, "Consensus": q.label or "not answered",
             "Answers": _answers(q), "Spread": q.spread} for q in chosen.questions
        ]), hide_index=True, width="stretch")


def cohort_view(cohort: Cohort) -> None:
    if not cohort.scored:
        st.info("No company has answers yet.")
        return
    st.subheader("Ranking by consensus score")
    st.altair_chart(workshop_charts.ranking(cohort.ranking), width="stretch")
    st.subheader("Principles by company")
    st.altair_chart(workshop_charts.heatmap(cohort.long_table, [p.title for p in cohort.rubric.principles]),
                    width="stretch")
    st.subheader("Pillars by company")
    st.dataframe(cohort.pillar_table.round(1), width="stretch")
    st.subheader("Most common gaps")
    if cohort.gap_table.empty:
        st.success("No gaps in any company's consensus answers.")
    else:
        st.dataframe(cohort.gap_table[["gap", "severity", "principle", "companies", "which"]], hide_index=True,
                     width="stretch", column_config={"companies": st.column_config.NumberColumn("Companies"),
                                                     "which": "Which companies"})


def exports(cohort: Cohort, fac: Facilitator) -> None:
    stem = f"workshop-{fac.workshop_id}"
    cols = st.columns(2)
    cols[0].download_button("Cohort table (CSV)", data=lambda: cohort_csv(cohort), file_name=f"{stem}-cohort.csv",
                            mime="text/csv", icon=":material/table:", on_click="ignore")
    cols[1].download_button(
        "Cohort workbook (Excel)", data=lambda: cohort_excel(cohort), file_name=f"{stem}-cohort.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/grid_on:",
        on_click="ignore")
    st.download_button(
        "All consensus reports (ZIP of PDFs)", data=lambda: consensus_reports_zip(cohort, workshop=fac.name),
        file_name=f"{stem}-reports.zip", mime="application/zip", icon=":material/folder_zip:", on_click="ignore",
        disabled=not cohort.scored)
    answered = [(i, c) for i, c in enumerate(cohort.companies, start=1) if c.has_answers]
    if answered:
        names = {i: c.name for i, c in answered}
        pick = st.selectbox("One company's report", list(names), format_func=names.__getitem__, key="ws-report")
        chosen = cohort.companies[pick - 1]
        st.download_button(
            f"Report for {chosen.name} (PDF)", data=lambda: consensus_pdf(cohort, chosen, workshop=fac.name),
            file_name=report_file_name(pick, chosen.name), mime="application/pdf", icon=":material/picture_as_pdf:",
            on_click="ignore")


def join_links(fac: Facilitator) -> None:
    st.caption("Join links are stored only as hashes, so they cannot be shown again. If a link is lost or shared "
               "too widely, make new ones: the old links stop working; people who joined keep their answers.")
    fresh = ws.new_links()
    if fresh:
        for link in fresh:
            st.markdown(f"**{md_escape(link.company)}**")
            st.code(ws.link_for(link.token), language=None, wrap_lines=True)
    if st.button("Make new join links", key="ws-reissue", icon=":material/autorenew:"):
        ws.reissue_links(fac)
        st.rerun()

"""The facilitator dashboard's sections: progress, one company's consensus, the cohort, exports, links.

Each draws tables computed by `assessment.workshop.cohort` (and files made by `reports.workshop.exports`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.scoring import Result
from assessment.verdict import level_label, provisional_detail, withheld_detail, withheld_headline
from assessment.workshop.cohort import Cohort, CompanyConsensus, QuestionConsensus
from assessment.workshop.store import Facilitator, ParticipantProgress
from reports.workshop.exports import cohort_csv, cohort_excel, consensus_pdf, consensus_reports_zip, report_file_name
from ui.frame.text import md_escape
from ui.workshop import charts as workshop_charts
from ui.workshop import session as ws

TOP_DISAGREEMENTS = 8
NO_SCORE = "-"  # a cell with no score yet (never "None" or "null")
_CONFIRM = "ws-confirm-reissue"


def _score(value: float) -> str:
    return NO_SCORE if pd.isna(value) else f"{value:.0f}"


def capped_detail(result: Result) -> str:
    """"Capped at Emerging by: No niche (on score alone: Developing)." or "" when no gap caps the level."""
    if not result.capped_by:
        return ""
    titles = {g.id: g.title for g in result.gaps}
    by = "; ".join(titles.get(g, g) for g in result.capped_by)
    return f"Capped at {result.level.label} by: {by} (on score alone: {result.uncapped_level.label})."


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
              "Progress": round(p.share * 100), "Last saved (UTC)": p.last_saved.strftime("%H:%M:%S")}
             for p in people]
        )
        st.dataframe(frame, hide_index=True, width="stretch", column_config={
            "Questions": st.column_config.NumberColumn(help="Questions that apply given this person's answers"),
            "Progress": st.column_config.ProgressColumn(format="%d%%", min_value=0, max_value=100),
        })
    waiting = [c.name for c in cohort.companies if c.name not in joined]
    if waiting:
        st.caption("Nobody has joined yet for: " + md_escape(", ".join(waiting)))


def _answers(q: QuestionConsensus) -> str:
    return ", ".join(f"{label} ({n})" for _, label, n in q.counts)


def _consensus_row(q: QuestionConsensus, principle: str) -> dict[str, str]:
    """One row of "Consensus answer to every question", worded like the company's report."""
    if not q.asked:
        return {"Principle": principle, "Question": q.text, "Consensus": "Not asked",
                "Answers": "Does not apply to the team's consensus answers", "Spread": ""}
    if q.choice is None:
        return {"Principle": principle, "Question": q.text, "Consensus": "Not answered", "Answers": "",
                "Spread": ""}
    return {"Principle": principle, "Question": q.text, "Consensus": q.label or "", "Answers": _answers(q),
            "Spread": f"{q.spread:.0f}"}


def company(cohort: Cohort) -> None:
    names = [c.name for c in cohort.companies]
    index = st.selectbox("Company", range(len(names)), format_func=lambda i: names[i], key="ws-company")
    chosen: CompanyConsensus = cohort.companies[index or 0]
    if not chosen.has_answers:
        st.info(f"No answers from {md_escape(chosen.name)} yet ({chosen.participants} joined).")
        return
    r = chosen.result
    cols = st.columns(3)
    if chosen.score_shown:
        cols[0].metric("Consensus score", f"{r.overall:.1f} / 100")
        cols[1].metric("Readiness level", level_label(r))
        notes = [text for text in (capped_detail(r), provisional_detail(r)) if text]
        if notes:
            cols[1].caption(md_escape(" ".join(notes)))
    else:  # a score and level from a handful of consensus answers would mean nothing
        cols[0].info(f"**{withheld_headline(r)}.** {withheld_detail(r)}", icon=":material/hourglass_top:")
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
        # A static table: every question and answer wraps and reads whole (a data grid cuts them mid-word).
        st.table(pd.DataFrame([_consensus_row(q, titles[q.principle]) for q in chosen.questions]), hide_index=True)


def cohort_view(cohort: Cohort) -> None:
    if not cohort.scored:
        st.info("No company has answers yet.")
        return
    st.subheader("Ranking by consensus score")
    if not cohort.ranking.empty:
        st.altair_chart(workshop_charts.ranking(cohort.ranking), width="stretch")
    if cohort.unranked:
        names = ", ".join(c.name for c in cohort.unranked)
        st.caption(md_escape(f"Not ranked yet, too few questions with a real answer for a score or level: {names}."))
    st.subheader("Principles by company")
    st.altair_chart(workshop_charts.heatmap(cohort.long_table, [p.title for p in cohort.rubric.principles]),
                    width="stretch")
    st.subheader("Pillars by company")
    pillars = cohort.pillar_table.loc[[c.name for c in cohort.companies if c.has_answers]]
    st.dataframe(pillars.map(_score).rename_axis("Company").reset_index(), hide_index=True, width="stretch")
    st.subheader("Most common gaps")
    if cohort.gap_table.empty:
        st.success("No gaps in any company's consensus answers.")
    else:
        st.table(common_gaps(cohort), hide_index=True)  # wraps: every gap and company name reads whole


def common_gaps(cohort: Cohort) -> pd.DataFrame:
    """The "Most common gaps" table as shown: gap, severity, principle, and how many companies (which)."""
    severities = {s.id: s.label for s in cohort.rubric.severities}
    gaps = cohort.gap_table
    return pd.DataFrame({
        "Gap": gaps["gap"], "Severity": gaps["severity"].map(severities), "Principle": gaps["principle"],
        "Companies": [f"{n}: {which}" for n, which in zip(gaps["companies"], gaps["which"], strict=True)],
    })


def exports(cohort: Cohort, fac: Facilitator, previous: Cohort | None = None) -> None:
    stem = f"workshop-{fac.workshop_id}"
    if previous is not None:
        st.caption("This workshop re-runs an earlier one: the cohort table and workbook compare each company's"
                   " consensus with that run (sheet \"Since last run\").")
    cols = st.columns(2)
    cols[0].download_button("Cohort table (CSV)", data=lambda: cohort_csv(cohort, previous),
                            file_name=f"{stem}-cohort.csv", mime="text/csv", icon=":material/table:",
                            on_click="ignore")
    cols[1].download_button(
        "Cohort workbook (Excel)", data=lambda: cohort_excel(cohort, previous), file_name=f"{stem}-cohort.xlsx",
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
        chosen = cohort.companies[(pick or answered[0][0]) - 1]
        st.download_button(
            f"Report for {chosen.name} (PDF)", data=lambda: consensus_pdf(cohort, chosen, workshop=fac.name),
            file_name=report_file_name(None, chosen.name), mime="application/pdf", icon=":material/picture_as_pdf:",
            on_click="ignore")


def join_links(fac: Facilitator) -> None:
    st.caption("Join links are stored only as hashes, so they cannot be shown again. If a link is lost or shared "
               "too widely, make new ones: the old links stop working; people who joined keep their answers.")
    fresh = ws.new_links()
    if fresh:
        for link in fresh:
            st.markdown(f"**{md_escape(link.company)}**")
            st.code(ws.link_for(link.token), language=None, wrap_lines=True)
    if not st.session_state.get(_CONFIRM):
        if st.button("Make new join links", key="ws-reissue", icon=":material/autorenew:"):
            st.session_state[_CONFIRM] = True
            st.rerun()
        return
    with st.container(border=True):
        st.warning("This replaces the join link of **every** company at once: the links you sent stop working, and "
                   "anyone who has not joined yet needs the new link. People who joined keep their answers.",
                   icon=":material/warning:")
        row = st.columns(2)
        if row[0].button("Yes, replace every company's link", key="ws-reissue-yes", type="primary"):
            st.session_state.pop(_CONFIRM, None)
            ws.reissue_links(fac)
            st.rerun()
        if row[1].button("Cancel", key="ws-reissue-no"):
            st.session_state.pop(_CONFIRM, None)
            st.rerun()


def rerun(fac: Facilitator) -> None:
    st.caption("For a follow-up session: a new workshop with the same companies and new join links, opened with"
               " the same facilitator key. Its exports compare each company's consensus with this run.")
    made = ws.rerun_made()
    if made is not None:
        st.success(f"Re-run created: workshop ID {made.id}. Sign in to it with your usual key.")  # type: ignore[attr-defined]
        for link in made.joins:  # type: ignore[attr-defined]
            st.markdown(f"**{md_escape(link.company)}**")
            st.code(ws.link_for(link.token), language=None, wrap_lines=True)
    if st.button("Re-run this workshop", key="ws-rerun", icon=":material/event_repeat:"):
        ws.rerun(fac)
        st.rerun()

"""Download: the PDF report, the Markdown report, the one-page brief, and the assessment as re-importable JSON.

Once a snapshot exists, the reports and the brief show the progress since it; downloading a report
takes a snapshot of the answers it was made of.
"""

import datetime as dt

import streamlit as st

from assessment.progress.trend import as_of, baseline
from assessment.verdict import answered_summary, level_label, provisional_detail, withheld_headline
from ui import session
from ui.files import badge, downloads

rubric = session.rubric()
_, assessment = session.require()
result = session.result()
stem = downloads.file_stem(assessment)
base = baseline(session.snapshots(), assessment, dt.datetime.now(dt.UTC).date())
since = as_of(base, assessment) if base is not None else None
snapshot = session.report_snapshotter()

st.title("Download")
if not result.score_shown or not result.enough_known:  # no level to speak of: say what is known
    st.warning(f"**{withheld_headline(result)}.** {answered_summary(result)}. The reports say so on their cover and"
               " give no score or level.", icon=":material/hourglass_top:")
elif result.provisional:
    st.warning(f"**{level_label(result)}.** {provisional_detail(result)} The report says so on its cover and does"
               " not describe the level as established.", icon=":material/hourglass_top:")
if base is not None:
    st.caption(f"The reports and the brief show the progress since your snapshot of"
               f" {base.taken_at.date().isoformat()}. Downloading a report keeps a snapshot of these answers.")
else:
    st.caption("Downloading a report keeps a snapshot of these answers: the next report shows the progress since.")

# Two by two: four cards side by side left ~120 px each at 1000 px, and the buttons broke mid-word.
pdf_col, md_col = st.columns(2)
brief_col, json_col = st.columns(2)
with pdf_col, st.container(border=True):
    st.markdown("**PDF report**  \nScores, charts, gaps with reasoning and actions, your action plan.")
    st.download_button("Download PDF", data=downloads.pdf(rubric, assessment, since, snapshot),
                       file_name=f"{stem}.pdf", mime="application/pdf", icon=":material/picture_as_pdf:",
                       type="primary", on_click="ignore")
with md_col, st.container(border=True):
    st.markdown("**Markdown report**  \nThe same report as text, for a wiki or an email.")
    st.download_button("Download Markdown", data=downloads.markdown(rubric, assessment, since, snapshot),
                       file_name=f"{stem}.md", mime="text/markdown", icon=":material/description:", on_click="ignore")
with brief_col, st.container(border=True):
    st.markdown("**One-page brief**  \nLevel, focus gaps, radar, next three actions: for a board or an investor.")
    st.download_button("Download brief (PDF)", data=downloads.brief(rubric, assessment, since),
                       file_name=f"{stem}-brief.pdf", mime="application/pdf", icon=":material/summarize:",
                       on_click="ignore")
with json_col, st.container(border=True):
    st.markdown("**Assessment file (JSON)**  \nEvery answer, note and snapshot; import it later on the Start page.")
    st.download_button("Download JSON", data=downloads.assessment_json(assessment, session.exporter()),
                       file_name=f"{stem}.json", mime="application/json", icon=":material/data_object:",
                       on_click="ignore")
with st.container(border=True):
    badge.show(rubric, assessment, result, stem)

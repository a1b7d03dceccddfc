"""Download: the PDF report, the Markdown report, and the assessment as re-importable JSON."""

import streamlit as st

from assessment.verdict import level_label, provisional_detail
from ui import downloads, session

rubric = session.rubric()
_, assessment = session.require()
result = session.result()
stem = downloads.file_stem(assessment)

st.title("Download")
if result.provisional:
    st.warning(f"**{level_label(result)}.** {provisional_detail(result)} The report says so on its cover and does"
               " not describe the level as established.", icon=":material/hourglass_top:")

pdf_col, md_col, json_col = st.columns(3)
with pdf_col, st.container(border=True):
    st.markdown("**PDF report**  \nScores, charts, gaps with reasoning and actions, your action plan.")
    st.download_button("Download PDF", data=downloads.pdf(rubric, assessment), file_name=f"{stem}.pdf",
                       mime="application/pdf", icon=":material/picture_as_pdf:", type="primary", on_click="ignore")
with md_col, st.container(border=True):
    st.markdown("**Markdown report**  \nThe same report as text, for a wiki or an email.")
    st.download_button("Download Markdown", data=downloads.markdown(rubric, assessment), file_name=f"{stem}.md",
                       mime="text/markdown", icon=":material/description:", on_click="ignore")
with json_col, st.container(border=True):
    st.markdown("**Assessment file (JSON)**  \nEvery answer and note; import it later on the Start page.")
    st.download_button("Download JSON", data=downloads.assessment_json(assessment), file_name=f"{stem}.json",
                       mime="application/json", icon=":material/data_object:", on_click="ignore")

"""Start: what this is, then a new assessment, a resume link, or an imported JSON file."""

import streamlit as st

from ui import session
from ui.components import importer, resume_link
from ui.components.text import md_escape

rubric = session.rubric()

st.title(rubric.title)
st.markdown(
    "An honest check of an open-LLM company against the nine principles of the *Open LLM company playbook*: "
    "three requirements, three actions, three benefits.  \n"
    "For founders and leads of companies that train and release open language models.  \n"
    "About fifteen minutes: answer what you can, see your score, your gaps and what to do next, "
    "and take a PDF report away."
)

current = session.current()
if current is not None:
    _, assessment = current
    result = session.result()
    with st.container(border=True):
        name = assessment.company.name or "Unnamed company"
        st.markdown(
            f"**You are working on: {md_escape(name)}** - {result.answered} of {result.total} questions answered."
        )
        cols = st.columns(2)
        cols[0].page_link("ui/pages/questionnaire.py", label="Continue the questionnaire",
                          icon=":material/arrow_forward:")
        cols[1].page_link("ui/pages/results.py", label="See the results", icon=":material/insights:")
        resume_link.show()

new_tab, resume_tab, import_tab = st.tabs(["New assessment", "Resume with your link", "Import a saved file"])

with new_tab, st.form("new-assessment"):
    company = st.text_input("Company name", max_chars=200, placeholder="e.g. Harbor Legal AI")
    stage = st.selectbox("Stage", session.STAGES, index=None, placeholder="Choose a stage")
    niche = st.text_input(
        "Your niche, in one line", max_chars=500, placeholder="e.g. Contract review models for mid-size law firms"
    )
    assessor = st.text_input("Assessor (optional)", max_chars=200, placeholder="e.g. Dana Lee, CTO",
                             help="Who answers the questions; printed on the report's cover.")
    st.caption("The report is dated the day you download it.")
    if st.form_submit_button("Start the assessment", type="primary"):
        session.start_new(company=company, stage=stage or "", niche=niche, assessor=assessor)
        st.switch_page("ui/pages/questionnaire.py")

with resume_tab, st.form("resume-assessment"):
    link = st.text_input(
        "Your private resume link (or just the code after a=)", placeholder="http://localhost:8501/?a=..."
    )
    if st.form_submit_button("Resume"):
        error = session.resume(link)
        if error:
            st.error(error)
        else:
            st.switch_page("ui/pages/questionnaire.py")

with import_tab:
    st.caption("A JSON file downloaded from this app (or written by the `assessment` command). Up to 1 MB.")
    importer.show()

"""Start: what this is, then a new assessment, a resume link, or an imported JSON file."""

import streamlit as st

from assessment.verdict import answered_summary
from ui import session
from ui.files import importer
from ui.frame import resume_link
from ui.frame.text import md_escape
from ui.modelcard import card_input, review
from ui.profile import editor

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
        st.markdown(
            f"**You are working on: {md_escape(assessment.company.name or 'Unnamed company')}**"
            f" - {answered_summary(result)}."
        )
        cols = st.columns(2)
        cols[0].page_link("ui/pages/questionnaire.py", label="Continue the questionnaire",
                          icon=":material/arrow_forward:")
        cols[1].page_link("ui/pages/results.py", label="See the results", icon=":material/insights:")
        with st.expander("Edit the company profile", icon=":material/edit:"):
            editor.show()
        resume_link.show()

new_tab, resume_tab, import_tab, card_tab = st.tabs(
    ["New assessment", "Resume with your link", "Import a saved file", "Prefill from a model card"]
)

_ASK = "start-new-confirm"  # the new company's details, waiting for "yes, start a new one"

with new_tab:
    with st.form("new-assessment"):
        company = st.text_input("Company name", max_chars=200, placeholder="e.g. Harbor Legal AI")
        stage = st.selectbox("Stage", session.STAGES, index=None, placeholder="Choose a stage")
        niche = st.text_input(
            "Your niche, in one line", max_chars=500, placeholder="e.g. Contract review models for mid-size law firms"
        )
        assessor = st.text_input("Assessor (optional)", max_chars=200, placeholder="e.g. Dana Lee, CTO",
                                 help="Who answers the questions; printed on the report's cover.")
        st.caption("The report is dated the day you download it, unless the assessment file carries its own date.")
        submitted = st.form_submit_button("Start the assessment", type="primary")
    details = {"company": company, "stage": stage or "", "niche": niche, "assessor": assessor}
    if submitted:
        st.session_state.pop(_ASK, None)
        if not company.strip():
            st.error("Give the company's name to start (the other fields can wait).")
        elif current is None:
            session.start_new(**details)
            st.switch_page("ui/pages/questionnaire.py")
        else:
            st.session_state[_ASK] = details
    asked = st.session_state.get(_ASK)
    if asked is not None and current is not None:
        open_name = md_escape(current[1].company.name or "Unnamed company")
        st.warning(f"**{open_name}** is open. Start a new assessment for **{md_escape(asked['company'].strip())}**"
                   f" instead? {open_name} stays saved: reopen it later with its resume link (keep it first).",
                   icon=":material/help:")
        yes, no = st.columns(2)
        if yes.button("Yes, start the new assessment", type="primary", key="start-new-yes"):
            st.session_state.pop(_ASK, None)
            session.start_new(**asked)
            st.switch_page("ui/pages/questionnaire.py")
        if no.button("No, keep working on the open one", key="start-new-no"):
            st.session_state.pop(_ASK, None)
            st.rerun()

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

with card_tab:
    card_input.show("start-card")
    if session.current() is None:
        st.caption("Start a new assessment or resume yours to accept suggestions; they wait for you on the"
                   " Questionnaire, each against its question.")
    review.show_list(rubric, "start-card")

"""Facilitator dashboard (key required): progress, each company's consensus and disagreements, the cohort."""

import streamlit as st

from ui import workshop_session as ws
from ui.components import workshop_gate, workshop_views
from ui.components.text import md_escape

st.title("Workshop dashboard")
fac = workshop_gate.show()

cohort, people = ws.dashboard_data(fac)

head = st.columns([4, 1, 1])
head[0].markdown(f"### {md_escape(fac.name)}")
head[0].caption(f"Workshop ID {fac.workshop_id}")
head[1].button("Refresh", icon=":material/refresh:", key="ws-refresh")
if head[2].button("Lock", icon=":material/lock:", key="ws-lock", help="Sign out of this dashboard"):
    ws.sign_out()
    st.rerun()

tabs = st.tabs(["Progress", "Companies", "Cohort", "Exports", "Join links"])
with tabs[0]:
    workshop_views.progress(cohort, people)
with tabs[1]:
    workshop_views.company(cohort)
with tabs[2]:
    workshop_views.cohort_view(cohort)
with tabs[3]:
    workshop_views.exports(cohort, fac)
with tabs[4]:
    workshop_views.join_links(fac)

"""Facilitator dashboard (key required): progress, each company's consensus and disagreements, the cohort.

It keeps itself up to date: a small fragment checks the workshop's fingerprint (one short query) on a
timer and redraws the page only when an answer or a participant has come in since.
"""

import datetime as dt

import streamlit as st

from assessment.storage.store import StoreError
from ui.frame.text import md_escape
from ui.workshop import gate as workshop_gate
from ui.workshop import session as ws
from ui.workshop import views as workshop_views

REFRESH_SECONDS = 10

st.title("Workshop dashboard")
fac = workshop_gate.show()

seen, cohort, people = ws.dashboard_data(fac)

head = st.container(horizontal=True, vertical_alignment="center")
with head.container(width="stretch"):
    st.markdown(f"### {md_escape(fac.name)}")
    st.caption(f"Workshop ID {fac.workshop_id}")
# A row of its own width that wraps under the name when the window is narrow: the labels never shrink to "Re...".
with head.container(horizontal=True, width="content", horizontal_alignment="right"):
    st.button("Refresh now", icon=":material/refresh:", key="ws-refresh", width="content")
    if st.button("Sign out", icon=":material/logout:", key="ws-sign-out", width="content",
                 help="End your sign-in in this browser; the dashboard then needs the facilitator key again"):
        workshop_gate.sign_out()


@st.fragment(run_every=REFRESH_SECONDS)
def live(shown: tuple) -> None:
    """Every few seconds: one short query; the whole page is redrawn only when something changed."""
    try:
        now = ws.changes(fac)
    except StoreError:
        st.caption(":orange[:material/cloud_off: Live updates paused: the database does not answer. "
                   "Nothing is lost; they resume by themselves.]")
        return
    if now != shown:
        st.rerun(scope="app")
    st.caption(f":material/sync: Updates by itself every {REFRESH_SECONDS} seconds. Last checked "
               f"{dt.datetime.now(dt.UTC):%H:%M:%S} UTC.")


live(seen)

# Tracked (key + on_change), so the open tab stays open when the page redraws itself.
tabs = st.tabs(["Progress", "Companies", "Cohort", "Exports", "Join links", "Re-run"], key="ws-tab",
               on_change="rerun")
with tabs[0]:
    workshop_views.progress(cohort, people)
with tabs[1]:
    workshop_views.company(cohort)
with tabs[2]:
    workshop_views.cohort_view(cohort)
with tabs[3]:
    workshop_views.exports(cohort, fac, ws.previous_cohort(fac))
with tabs[4]:
    workshop_views.join_links(fac)
with tabs[5]:
    workshop_views.rerun(fac)

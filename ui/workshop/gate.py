"""The facilitator sign-in: workshop ID and key in, the signed-in `Facilitator` out (or the page stops).

The key is typed into a password field and checked once; the URL may carry the workshop ID
(`?workshop=`), never the key. A reload finds the browser's sign-in session instead (see
`ui.workshop.session`), so the key is not typed again until the facilitator signs out.
"""

from __future__ import annotations

import streamlit as st

from assessment.workshop.store import Facilitator
from ui.frame.text import md_escape
from ui.workshop import session as ws

WORKSHOP_PARAM = "workshop"
_NOTICE = "ws-gate-notice"


def show() -> Facilitator:
    ws.apply_cookie()
    fac = ws.facilitator()
    if fac is not None:
        if st.query_params.get(WORKSHOP_PARAM) != fac.workshop_id:
            st.query_params[WORKSHOP_PARAM] = fac.workshop_id  # a bookmark finds the workshop again
        return fac
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.info(md_escape(notice), icon=":material/lock:")
    st.markdown("Enter the workshop ID and the facilitator key you were given when the workshop was created.")
    with st.form("ws-sign-in"):
        workshop_id = st.text_input("Workshop ID", value=st.query_params.get(WORKSHOP_PARAM, ""), max_chars=32)
        key = st.text_input("Facilitator key", type="password", max_chars=200)
        if st.form_submit_button("Open the dashboard", type="primary"):
            error = ws.sign_in(workshop_id, key)
            if error:
                st.error(md_escape(error))
            else:
                st.query_params[WORKSHOP_PARAM] = workshop_id.strip()
                st.rerun()
    st.page_link("ui/pages/workshop/create.py", label="Create a new workshop", icon=":material/add:")
    st.stop()
    raise AssertionError("unreachable")  # st.stop() ends the run


def sign_out() -> None:
    """End the sign-in (this browser and the database) and show the sign-in form."""
    problem = ws.sign_out()
    st.session_state[_NOTICE] = problem or "You are signed out. The dashboard needs the facilitator key again."
    st.rerun()

"""The facilitator sign-in: workshop ID and key in, the signed-in `Facilitator` out (or the page stops).

The key is typed into a password field and checked once; the URL may carry the workshop ID
(`?workshop=`), never the key.
"""

from __future__ import annotations

import streamlit as st

from assessment.workshop_store import Facilitator
from ui import workshop_session as ws
from ui.components.text import md_escape

WORKSHOP_PARAM = "workshop"


def show() -> Facilitator:
    fac = ws.facilitator()
    if fac is not None:
        return fac
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
    st.page_link("ui/pages/workshop_create.py", label="Create a new workshop", icon=":material/add:")
    st.stop()
    raise AssertionError("unreachable")  # st.stop() ends the run

"""Join a workshop with a company's link: choose a display name, then answer the questionnaire alone."""

from urllib.parse import parse_qs, urlsplit

import streamlit as st

from assessment.workshop.store import JOIN_PARAM
from ui.frame.text import md_escape
from ui.workshop import session as ws

st.title("Join a workshop")

done = ws.joined()
if done is not None:
    st.success(
        f"You joined **{md_escape(done.workshop)}** for **{md_escape(done.company)}** as "
        f"**{md_escape(done.display_name)}**. Your answers save as you go."
    )
    st.page_link("ui/pages/questionnaire.py", label="Continue the questionnaire", icon=":material/arrow_forward:")
    st.stop()


def _token(text: str) -> str:
    """The token in a pasted join link (or the bare token)."""
    text = text.strip()
    values = parse_qs(urlsplit(text).query).get(JOIN_PARAM) if f"{JOIN_PARAM}=" in text else None
    return values[-1] if values else text


token = st.query_params.get(JOIN_PARAM, "")
if not token:
    with st.form("ws-paste-link"):
        pasted = st.text_input("Your company's join link", placeholder="https://.../workshop_join?join=...")
        if st.form_submit_button("Continue") and pasted.strip():
            st.query_params[JOIN_PARAM] = _token(pasted)
            st.rerun()
    st.stop()

target = ws.join_target(token)
if isinstance(target, str):
    st.error(md_escape(target))
    st.stop()

st.markdown(f"You are joining **{md_escape(target.workshop)}** as part of **{md_escape(target.company)}**.")
st.caption(
    "Answer on your own: nobody else in the workshop sees your answers. The facilitator sees how far you are and "
    "your team's combined answers (the median per question), not who answered what."
)
with st.form("ws-join"):
    name = st.text_input("Your display name", max_chars=60, placeholder="e.g. Ada (CTO)")
    if st.form_submit_button("Join and start", type="primary"):
        error = ws.join(token, name)
        if error:
            st.error(md_escape(error))
        else:
            del st.query_params[JOIN_PARAM]
            st.switch_page("ui/pages/questionnaire.py")

"""The private resume link of the open assessment, with a copy button."""

from __future__ import annotations

import streamlit as st

from ui import session


def show() -> None:
    st.caption(
        "Your private resume link: open it to come back to every answer, on any device."
        " Keep it safe; anyone with the link can see and change this assessment."
    )
    st.code(session.resume_link(), language=None, wrap_lines=True)

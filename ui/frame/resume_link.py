"""The private resume link of the open assessment, with a copy button."""

from __future__ import annotations

import streamlit as st

from ui import session


def show() -> None:
    # Markdown, not st.code: the code block's syntax highlighter costs a page load about 0.3 s.
    link = session.resume_link()
    st.markdown(
        f"[{link}]({link})  \n:small[Open it to come back to every answer, on any device. It is also in your"
        " browser's address bar. Keep it safe: anyone with the link can see and change this assessment.]"
    )

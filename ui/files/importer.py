"""Import a saved assessment file: a clear message for a bad file, and nothing changes."""

from __future__ import annotations

import streamlit as st

from ui import session
from ui.frame.text import md_escape

_KEY = "import-file"
_ERROR = "import-error"


def _imported() -> None:
    upload = st.session_state.get(_KEY)
    if upload is None:
        st.session_state.pop(_ERROR, None)
        return
    st.session_state[_ERROR] = session.import_file(upload.getvalue(), upload.name)


def show() -> None:
    """The uploader, and the message about a file that could not be imported."""
    st.file_uploader(
        "Assessment file (.json)",
        key=_KEY,
        on_change=_imported,
        max_upload_size=1,
        help="The file the Download page gives you. Importing opens it as a new assessment with its own"
        " resume link; the assessment you had open stays saved under its own link.",
    )
    st.caption("At most 1 MB (every file the Download page gives is smaller). A larger file is refused as it is"
               " dropped: its name then shows in red.")
    error = st.session_state.get(_ERROR)
    if error:
        headline, detail = error
        kept = "  \nThe assessment you had open is unchanged." if session.current() is not None else ""
        st.error(f"**{md_escape(headline)}**  \nDetails: {md_escape(detail)}{kept}", icon=":material/error:")

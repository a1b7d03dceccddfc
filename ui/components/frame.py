"""What every page shows around its own content: notices, save warnings, the live indicator."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from assessment.verdict import level_label, provisional_detail
from ui import session
from ui.components import resume_link
from ui.components.text import md_escape

RETRY_EVERY = timedelta(seconds=5)


@st.fragment(key=session.LIVE_FRAGMENT)
def _live_indicator() -> None:
    """Score, level and completeness; re-drawn on its own after each answer (see `session.redraw`)."""
    _, assessment = session.require()
    result = session.result()
    # Markdown rather than st.metric: the same figures, without the metric's number-formatting
    # code that every page load would otherwise fetch and run.
    st.markdown(
        f"**{md_escape(assessment.company.name or 'Unnamed company')}**\n\n"
        f":gray[Score]\n## {result.overall:.1f} :gray[/ 100]\n"
        f":gray[Readiness level]\n## {level_label(result)}"
    )
    st.progress(result.completeness, text=f"{result.answered} of {result.total} questions answered")
    if result.provisional:
        st.caption(f":orange[**Provisional**: {provisional_detail(result)}]")


@st.fragment(run_every=RETRY_EVERY)
def _retrying_warning() -> None:
    """Shown while changes wait for the database; retries on its own and clears once they are saved."""
    status = session.retry_saves()
    if status.pending == 0:
        st.rerun(scope="app")
    st.warning(
        f"**Not saved yet - the database cannot be reached.** {md_escape(status.error or '')}  \n"
        f"Your {status.pending} latest change{'s are' if status.pending != 1 else ' is'} kept in this browser tab "
        "and saved automatically when the database is back. Keep this tab open.",
        icon=":material/cloud_off:",
    )
    st.button("Try saving now", key="retry-saves", icon=":material/sync:")


def show() -> None:
    """Draw the notices at the top of the page and the live indicator in the sidebar."""
    notice = session.take_notice()
    if notice is not None:
        kind, message = notice
        {"error": st.error, "warning": st.warning}.get(kind, st.success)(md_escape(message))
    status = session.save_status()
    if status.pending:
        _retrying_warning()
    elif status.error:
        st.error(md_escape(f"A change could not be saved: {status.error}"))
    if session.current() is not None:
        with st.sidebar:
            _live_indicator()
            with st.expander("Your resume link", icon=":material/link:"):
                resume_link.show()

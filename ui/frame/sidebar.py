"""What every page shows around its own content: notices, save warnings, the live indicator."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from assessment.verdict import answered_summary, level_label, provisional_detail
from ui import session
from ui.frame import resume_link
from ui.frame.text import figure, md_escape

RETRY_EVERY = timedelta(seconds=5)


@st.fragment(key=session.LIVE_FRAGMENT)
def _live_indicator() -> None:
    """Score, level and completeness; re-drawn on its own after each answer (see `session.redraw`)."""
    _, assessment = session.require()
    result = session.result()
    # Markdown rather than st.metric: the same figures, without the metric's number-formatting
    # code that every page load would otherwise fetch and run.
    company = f"**{md_escape(assessment.company.name or 'Unnamed company')}**"
    if not result.score_shown:  # a handful of answers would give a score and level that mean nothing
        n = result.answers_to_score
        st.markdown(f"{company}\n\n:gray[Score and readiness level]\n\n"
                    f"Shown once {n} more question{'s have' if n != 1 else ' has'} a real answer.")
        st.progress(result.real_answers / result.total if result.total else 0.0, text=answered_summary(result))
        return
    score = figure("Score", f"{result.overall:.1f} :gray[/ 100]")
    st.markdown(f"{company}\n\n{score}\n{figure('Readiness level', level_label(result))}", anchors=False)
    # Real answers only: a page of "don't know" is not 100% answered.
    st.progress(result.real_answers / result.total if result.total else 0.0, text=answered_summary(result))
    if pending := len(session.still_to_confirm(result.skipped)):  # a new round: carried over, not yet confirmed
        st.caption(f":orange[{pending} of these carried over from the last round, to confirm.]")
    if not result.enough_known:
        st.caption(f":orange[{answered_summary(result)}: too little is known for a level.]")
    elif result.provisional:
        st.caption(f":orange[**Provisional**: {provisional_detail(result)}]")


@st.fragment(run_every=RETRY_EVERY)
def _retrying_warning() -> None:
    """Shown while changes wait for the database; retries on its own and clears once they are saved."""
    status = session.retry_saves()
    if status.pending == 0:
        st.rerun(scope="app")
    st.warning(
        f"**Not saved yet.** {md_escape(status.error or 'The database cannot be reached right now.')}  \n"
        f"Your {status.pending} latest change{'s are' if status.pending != 1 else ' is'} kept in this browser tab "
        "and saved automatically when the database is back. Keep this tab open.",
        icon=":material/cloud_off:",
    )
    st.button("Try saving now", key="retry-saves", icon=":material/sync:")


def show() -> None:
    """Draw the notices at the top of the page and the live indicator in the sidebar."""
    session.guard_leaving()
    notice = session.take_notice()
    if notice is not None:
        kind, message = notice
        # One paragraph per line (e.g. each answer a rubric upgrade could not carry over), each escaped.
        text = "  \n".join(md_escape(line) for line in message.split("\n") if line.strip())
        {"error": st.error, "warning": st.warning}.get(kind, st.success)(text)
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

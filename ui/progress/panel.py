"""Results: progress over time. The trend of the score over the snapshots, the "Since <date>" panel
(score and principle deltas, gaps closed and opened, answers changed, actions done), saving a snapshot
and re-assessing. Every figure comes from `assessment.progress`; this only draws it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from assessment.answers import Assessment, Snapshot
from assessment.errors import InputError
from assessment.progress.compare import Comparison, compare
from assessment.progress.trend import as_of, baseline, comparable, snapshot_name, snapshot_title, trend
from assessment.rubric import Rubric
from assessment.scoring import Result
from assessment.storage.store import StoreError
from reports.progress.wording import closed_action_text, closed_heading, score_text, signed
from ui import session
from ui.frame.text import md_escape
from ui.progress.charts import trend_chart

_NOTICE = "progress-notice"
_LABEL = "progress-snapshot-label"


def _key(name: str) -> str:
    return f"progress-{name}-{session.generation()}"


def _save_snapshot() -> None:
    label = st.session_state.get(_LABEL, "")
    try:
        snap = session.save_snapshot(label)
    except InputError as error:
        st.session_state[_NOTICE] = ("error", f"The snapshot was not saved: the label {error.message}.")
        return
    except StoreError:
        st.session_state[_NOTICE] = ("warning", "The database cannot be reached right now: the snapshot was not"
                                                " saved. Your answers are safe; try again in a moment.")
        return
    st.session_state[_LABEL] = ""
    st.session_state[_NOTICE] = ("success", f"Snapshot saved: {snapshot_title(snap)}." if snap else "Saved.")


def _ask_key() -> str:  # "Re-assess" was clicked: the next round waits for a second click
    return _key("reassess-ask")


def _ask_reassess(asking: bool) -> None:
    st.session_state[_ask_key()] = asking


def _reassess() -> None:
    st.session_state.pop(_ask_key(), None)
    try:
        snap = session.reassess()
    except StoreError:
        st.session_state[_NOTICE] = ("warning", "The database cannot be reached right now: nothing changed."
                                                " Try again in a moment.")
        return
    st.session_state[_NOTICE] = (
        "success",
        f"Next round started on {snap.taken_at.date().isoformat()}; the snapshot \"{snapshot_name(snap)}\" keeps"
        " where you stood. Every answer is carried over and marked To confirm in the questionnaire until you"
        " confirm or change it.",
    )


def _since(rubric: Rubric, assessment: Assessment, result: Result, snaps: tuple[Snapshot, ...]) -> None:
    today = dt.datetime.now(dt.UTC).date()
    default = baseline(snaps, assessment, today) or snaps[-1]
    options = list(range(len(snaps)))[::-1]
    picked = st.selectbox("Compare with", options, index=options.index(snaps.index(default)),
                          format_func=lambda i: snapshot_title(snaps[i]), key=_key("since"))
    snap = snaps[picked]
    c = compare(rubric, as_of(snap, assessment), assessment, new_result=result)
    with st.container(border=True):
        st.markdown(f"**Since {snap.taken_at.date().isoformat()}**")
        _figures(c)
        _details(c)


def _figures(c: Comparison) -> None:
    score, level, closed, changed = st.columns(4)
    score.metric("Score", f"{c.overall.new:.1f}", delta=signed(c.overall.delta))
    moved = c.old_level.id != c.new_level.id
    level.metric("Level", c.new_level.label, delta=f"was {c.old_level.label}" if moved else "unchanged",
                 delta_color="off", delta_arrow="off")  # words, not a direction
    closed.metric("Gaps closed / opened", f"{len(c.gaps_closed)} / {len(c.gaps_opened)}")
    plan = f"{len(c.actions_done)} action-plan item{'' if len(c.actions_done) == 1 else 's'} done since then"
    if c.actions_closed:
        plan += f"; {closed_heading(len(c.actions_closed))}"
    changed.metric("Answers changed", len(c.answers_changed), help=plan)


def _details(c: Comparison) -> None:
    # "n/a" where a principle had no score (nothing answered then), as the PDF says; never a bare None.
    rows = [{"Principle": d.title, "Then": score_text(d.old), "Now": score_text(d.new), "Change": signed(d.delta)}
            for d in c.principles]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    closed = ", ".join(g.title for g in c.gaps_closed) or "none"
    opened = ", ".join(g.title for g in c.gaps_opened) or "none"
    st.markdown(f"**Gaps closed:** {md_escape(closed)}  \n**Gaps opened:** {md_escape(opened)}")
    if c.answers_changed:
        with st.expander(f"Answers changed ({len(c.answers_changed)})"):
            st.dataframe(pd.DataFrame([{"Question": a.text, "Then": a.old_label, "Now": a.new_label}
                                       for a in c.answers_changed]), hide_index=True, width="stretch")
    if c.actions_done:
        st.markdown("**Action-plan items done:**\n" + "\n".join(f"- {md_escape(a.text or a.key)}"
                                                              for a in c.actions_done))
    if c.actions_closed:
        st.markdown(f"**{closed_heading(len(c.actions_closed))}:**\n"
                    + "\n".join(f"- {md_escape(closed_action_text(a))}" for a in c.actions_closed))


def _controls() -> None:
    snap_col, again_col = st.columns(2)
    with snap_col, st.container(border=True):
        st.text_input("Label for a snapshot (optional)", key=_LABEL, max_chars=100,
                      placeholder="e.g. Before the board meeting")
        st.button("Save a snapshot", icon=":material/photo_camera:", on_click=_save_snapshot, key=_key("save"))
        st.caption("A snapshot is a read-only copy of your answers and plan. One is also taken by itself when you"
                   " download a report, and once a day while your answers change.")
    with again_col, st.container(border=True):
        st.markdown("**Re-assess: start the next round**")
        st.caption("For the next quarter: your answers are kept as a snapshot and carried over, each marked"
                   " To confirm until you confirm or change it, so a stale answer is never silently reused.")
        if not st.session_state.get(_ask_key()):
            st.button("Re-assess", icon=":material/restart_alt:", on_click=_ask_reassess, args=(True,),
                      key=_key("reassess"))
            return
        st.warning("Start the next round? Every answer is kept and marked To confirm.", icon=":material/help:")
        row = st.container(horizontal=True)
        row.button("Start next round", type="primary", on_click=_reassess, key=_key("reassess-start"))
        row.button("Cancel", on_click=_ask_reassess, args=(False,), key=_key("reassess-cancel"))


def show(rubric: Rubric, assessment: Assessment, result: Result) -> None:
    """The progress part of the Results page."""
    st.subheader("Progress over time")
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        getattr(st, notice[0])(notice[1])
    snaps = comparable(session.snapshots(), assessment)
    if snaps:
        points = trend(rubric, snaps, assessment)
        st.altair_chart(trend_chart(rubric, points, dt.datetime.now(dt.UTC)), width="stretch")
        _since(rubric, assessment, result, snaps)
    else:
        st.caption("No snapshot yet. Save one now, and the next time you look you will see what changed since.")
    _controls()

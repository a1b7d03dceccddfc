"""The open assessment's history: its snapshots, the answers a re-assessment left to confirm, and the
automatic snapshots (one a day while answers change, one when a report is downloaded).

Everything is in the store (`assessment.progress.store.ProgressStore`); the session keeps only the set
of answers still to confirm, so the questionnaire does not ask the database on every click. A database
outage never blocks an answer: an automatic snapshot that cannot be taken is simply not taken.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from assessment.answers import Assessment, Snapshot
from assessment.errors import InputError
from ui.session.resources import storage, store
from ui.session.state import generation, require

if TYPE_CHECKING:
    from assessment.progress.store import ProgressStore

log = logging.getLogger(__name__)

_CONFIRM = "olr-to-confirm"  # (generation, set of question ids still to confirm)
_DAILY = "olr-daily-snapshot"  # (token, UTC date) of the last daily snapshot this session tried


def progress_store() -> ProgressStore:
    """The snapshot store on the app's database (imported on first use, like the store)."""
    module = importlib.import_module("assessment.progress.store")
    return module.ProgressStore(store())


def to_confirm() -> frozenset[str]:
    """Question ids a re-assessment carried over that nobody has confirmed or changed yet."""
    cached = st.session_state.get(_CONFIRM)
    if cached is not None and cached[0] == generation():
        return frozenset(cached[1])
    token, _ = require()
    try:
        found = set(progress_store().to_confirm(token))
    except storage().StoreError:
        found = set()
    st.session_state[_CONFIRM] = (generation(), found)
    return frozenset(found)


def still_to_confirm(skipped: frozenset[str]) -> frozenset[str]:
    """The carried-over answers still to confirm that count: answered, to questions that apply (`skipped`:
    the result's questions that do not). What the progress, the pills and the notices all count."""
    _, doc = require()
    return frozenset(q for q in to_confirm() if q in doc.answers and q not in skipped)


def answered(token: str, question_id: str) -> None:
    """An answer is about to be saved: it is confirmed; the first change of a day snapshots the day before."""
    cached = st.session_state.get(_CONFIRM)
    if cached is not None:
        cached[1].discard(question_id)
    today = dt.datetime.now(dt.UTC).date()
    if st.session_state.get(_DAILY) == (token, today):
        return
    st.session_state[_DAILY] = (token, today)
    try:
        progress_store().snapshot(token, "daily")
    except (storage().StoreError, storage().NotFound) as error:
        log.info("no daily snapshot: %s", error)


def snapshots() -> tuple[Snapshot, ...]:
    """The open assessment's snapshots, oldest first (none while the database is unreachable)."""
    token, _ = require()
    try:
        return progress_store().history(token)
    except storage().StoreError:
        return ()


def save_snapshot(label: str = "", reason: str = "manual") -> Snapshot | None:
    """Keep a read-only copy of the answers as they are now (InputError for a bad label, StoreError)."""
    token, _ = require()
    return progress_store().snapshot(token, reason, label)  # type: ignore[arg-type]


def reassess() -> Snapshot:
    """Start the next round: a snapshot of where things stand, every answer marked to confirm."""
    token, _ = require()
    snap = progress_store().reassess(token)
    st.session_state.pop(_CONFIRM, None)
    return snap


def report_snapshotter() -> Callable[[], None]:
    """For a download's data callable (run on another thread): snapshot the answers the report shows."""
    token, _ = require()
    progress = progress_store()

    def take() -> None:
        try:
            progress.snapshot(token, "report")
        except (storage().StoreError, InputError) as error:  # the download goes ahead all the same
            log.info("no report snapshot: %s", error)

    return take


def exporter() -> Callable[[Assessment], Assessment]:
    """For the JSON download's data callable: the assessment with its history and answers to confirm."""
    token, _ = require()
    progress = progress_store()

    def export(assessment: Assessment) -> Assessment:
        try:
            return progress.with_history(token, assessment)
        except storage().StoreError:
            return assessment

    return export

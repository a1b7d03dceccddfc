"""Opening an assessment: new, imported, resumed from its private link, or restored from the URL."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import streamlit as st

from assessment.answers import Assessment, new_assessment, parse_assessment
from assessment.errors import InputError
from assessment.file_problems import plain_problem
from assessment.upgrade import upgrade_message
from ui.session.history import progress_store
from ui.session.resources import rubric, settle_heap, storage, store
from ui.session.saving import _queue, _write, autosave, retry_saves, save_assessment
from ui.session.state import (
    _DOC,
    _FAILED_LINK,
    _GENERATION,
    _NOTICE,
    _PENDING,
    _POSITION,
    _RESULT,
    _TOKEN,
    generation,
    require,
)

STAGES = (
    "Idea or pre-seed",
    "Seed",
    "Series A",
    "Series B or later",
    "Profitable or bootstrapped",
    "Research lab or non-profit",
    "Unit of a larger company",
)


_HOST = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")
_PATH = re.compile(r"[A-Za-z0-9_\-/]+")


def resume_link() -> str:
    """The private link that reopens the open assessment (on the questionnaire page)."""
    token, _ = require()
    base = st.get_option("server.baseUrlPath").strip("/")
    # The host comes from the browser's request: keep it only if it looks like a host, since the
    # link is shown as markdown.
    try:
        parts = urlsplit(st.context.url or "")
    except ValueError:  # e.g. a malformed IPv6 literal
        parts = urlsplit("")
    host = parts.netloc if _HOST.fullmatch(parts.netloc) and parts.scheme in ("http", "https") else ""
    root = f"{parts.scheme}://{host}/" if host else "http://localhost:8501/"
    if base and _PATH.fullmatch(base):
        root += f"{base}/"
    return f"{root}questionnaire?a={token}"



def _open(token: str, doc: Assessment, position: str | None) -> None:
    st.session_state[_TOKEN] = token
    st.session_state[_DOC] = doc
    st.session_state[_POSITION] = position if position in rubric().principle_index else _first_open(doc)
    st.session_state[_GENERATION] = generation() + 1
    st.session_state.pop(_RESULT, None)
    st.query_params["a"] = token


def _upgrade_seen(doc: Assessment) -> tuple[Assessment, str]:
    """The note of a rubric upgrade the person has not seen yet ("" if none), and the doc with it marked seen."""
    pending = [u for u in doc.upgrades if not u.seen]
    if not pending:
        return doc, ""
    seen = [u.model_copy(update={"seen": True}) for u in doc.upgrades]
    return doc.model_copy(update={"upgrades": seen}), upgrade_message(pending[-1])


def _open_stored(token: str, doc: Assessment, position: str | None) -> None:
    """Open a stored assessment; a rubric upgrade's note is shown once, then marked seen in the store."""
    marked, note = _upgrade_seen(doc)
    _open(token, doc, position)
    if note:
        st.session_state[_NOTICE] = ("warning", note)
        save_assessment(marked)


def _first_open(doc: Assessment) -> str:
    """The first principle with an unanswered question (the first one when all are answered)."""
    r = rubric()
    for p in r.principles:
        if any(q.id not in doc.answers for q in p.questions):
            return p.id
    return r.principles[0].id


def _create(doc: Assessment) -> None:
    """Open `doc` as a new stored assessment; its token is made here so it can start offline."""
    token = storage().new_token()
    _open(token, doc, None)
    _write([autosave().CreateAssessment(token, doc)])


def start_new(company: str, stage: str, niche: str, assessor: str = "") -> None:
    """Open a new, empty assessment for a company (the report is dated the day it is made)."""
    _create(new_assessment(rubric(), name=company.strip()[:200], stage=stage, niche=niche.strip()[:500],
                           assessor=assessor.strip()[:200]))


def import_file(raw: bytes, file_name: str) -> tuple[str, str] | None:
    """Open an assessment from a JSON file's bytes; on a bad file (nothing changes), what is wrong:
    a plain headline for the kind of problem and the precise message."""
    try:
        doc = parse_assessment(raw, rubric(), source=file_name)
    except InputError as error:
        return f"Could not import {file_name}: {plain_problem(error)}", error.message
    doc, note = _upgrade_seen(doc)
    _create(doc)
    kept = ""
    if doc.history or doc.to_confirm:
        try:
            progress_store().add_history(st.session_state[_TOKEN], doc.history, doc.to_confirm)
            kept = f" Its {len(doc.history)} snapshot{'' if len(doc.history) == 1 else 's'} came along."
        except storage().StoreError:
            kept = " Its snapshots could not be stored while the database is unreachable; import the file again later."
    imported = (f"Imported {file_name}: {len(doc.answers)} answers. It is open as a new assessment with its own"
                f" resume link.{kept}")
    st.session_state[_NOTICE] = ("warning", f"{imported}\n\n{note}") if note else ("success", imported)
    return None


def _token_from(link: str) -> str:
    """The token in a pasted resume link (or the bare token)."""
    link = link.strip()
    if "a=" in link:
        values = parse_qs(urlsplit(link).query).get("a")
        if values:
            return values[-1]
    return link


def resume(link: str) -> str | None:
    """Open the stored assessment behind a resume link or token; the error message, if any."""
    token = _token_from(link)
    if not token:
        return "Paste your resume link first."
    try:
        stored = store().load(token)
    except storage().StoreUnavailable as error:
        return f"Cannot open your assessment right now: {error}"
    except storage().StoreError as error:
        return str(error)
    _open_stored(token, stored.assessment, stored.position)
    return None


def restore() -> None:
    """Once per run: open the assessment in `?a=`, keep the link in the URL, retry pending saves."""
    settle_heap()
    state = st.session_state
    wanted = st.query_params.get("a")
    token = state.get(_TOKEN)
    if wanted and wanted != token and wanted != state.get(_FAILED_LINK):
        try:
            stored = store().load(wanted)
        except storage().NotFound as error:
            state[_FAILED_LINK] = wanted
            state[_NOTICE] = ("error", f"{error} Start a new assessment or import a saved file.")
            if token:
                st.query_params["a"] = token
            else:
                del st.query_params["a"]
        except storage().StoreError as error:
            state[_NOTICE] = ("warning", f"Your assessment cannot be opened right now: {error} Reload in a moment.")
        else:
            _open_stored(wanted, stored.assessment, stored.position)
    elif token and wanted != token:
        st.query_params["a"] = token
    if st.session_state.get(_PENDING) is not None and len(_queue()):
        retry_saves()

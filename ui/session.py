"""The open assessment of this browser session, and every way it is saved: the one module pages ask.

Public helpers (any page may use them, including other features' pages):

- `rubric() -> Rubric` and `store() -> Store`: shared for the whole process (`st.cache_resource`).
- `restore()`: called once per run by app.py. Opens the assessment named by `?a=<token>` in the
  URL, keeps that parameter in the URL while one is open, and retries writes still pending.
- `current() -> (token, Assessment) | None`: the open assessment; `require()` is the same for
  pages that need one (it shows a pointer to the Start page and stops the page otherwise).
- `result() -> Result`: the engine's score of the open assessment (memoised per document).
- `save_answer`, `save_evidence`, `save_assessment(assessment)`, `set_position`: change the
  assessment; each change goes to this session at once and to the store through a queue
  (`assessment.autosave.PendingWrites`), so a database outage loses nothing.
- `start_new`, `resume`, `import_file`: open a new, a stored or an imported assessment.
- `save_status() -> SaveStatus`, `retry_saves()`, `resume_link()`, `generation()`.

No scoring or storage logic lives here: the engine (`assessment.scoring`, `assessment.whatif`) and
the store (`assessment.store`) do that. This module only keeps the session's copy and the queue.
"""

from __future__ import annotations

import gc
import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import streamlit as st

from assessment.answers import Answer, Assessment, new_assessment, parse_assessment
from assessment.errors import InputError
from assessment.file_problems import plain_problem
from assessment.rubric import Principle, Question, Rubric, load_rubric
from assessment.scoring import Result, score_assessment

if TYPE_CHECKING:
    from assessment.autosave import Op, PendingWrites
    from assessment.store import Store


def _storage() -> ModuleType:
    """`assessment.store`, imported on first use: a first page that needs no database (Start) then
    opens without loading SQLAlchemy and Alembic, which would add about half a second to a cold start."""
    return importlib.import_module("assessment.store")


def _autosave() -> ModuleType:
    return importlib.import_module("assessment.autosave")

STAGES = (
    "Idea or pre-seed",
    "Seed",
    "Series A",
    "Series B or later",
    "Profitable or bootstrapped",
    "Research lab or non-profit",
    "Unit of a larger company",
)

# Keyed fragments: a change re-draws only these, not the whole app (see `redraw`).
LIVE_FRAGMENT = "live-indicator"  # the sidebar's score, level and completeness
PROGRESS_FRAGMENT = "questionnaire-progress"  # the questionnaire's progress bar and principle pills


def question_fragment(question_id: str) -> str:
    """The key of one question's block on the questionnaire page."""
    return f"question-{question_id}"

# Session-state keys owned by this module (no page touches them directly).
_TOKEN = "olr-token"  # noqa: S105 - a session-state key, not a secret
_DOC = "olr-assessment"
_POSITION = "olr-position"
_PENDING = "olr-pending"
_ERROR = "olr-save-error"
_GENERATION = "olr-generation"
_RESULT = "olr-result"
_NOTICE = "olr-notice"
_FAILED_LINK = "olr-failed-link"


_HOST = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")
_PATH = re.compile(r"[A-Za-z0-9_\-/]+")


@dataclass(frozen=True)
class SaveStatus:
    pending: int  # changes not yet in the database
    error: str | None  # why not, in one line


@st.cache_resource(show_spinner=False)
def rubric() -> Rubric:
    """The shipped rubric."""
    return load_rubric()


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The assessment store ($ASSESSMENT_DATABASE_URL, else SQLite in the data folder)."""
    made = _storage().Store(rubric=rubric())
    gc.freeze()  # the database libraries just loaded are long-lived too (see `_settle_heap`)
    return made


# -- reading --------------------------------------------------------------------------------------


def current() -> tuple[str, Assessment] | None:
    """(resume token, assessment) of the open assessment, or None."""
    doc = st.session_state.get(_DOC)
    return None if doc is None else (st.session_state[_TOKEN], doc)


def require() -> tuple[str, Assessment]:
    """Like `current()`, but a page without an open assessment points to Start and stops."""
    found = current()
    if found is None:
        st.info("No assessment is open yet. Start a new one, resume yours with its link, or import a file.")
        st.page_link("ui/pages/start.py", label="Go to the Start page", icon=":material/home:")
        st.stop()
    return found


def result() -> Result:
    """The engine's result for the open assessment (computed once per saved change)."""
    _, doc = require()
    cached = st.session_state.get(_RESULT)
    if cached is not None and cached[0] is doc:
        return cached[1]
    value = score_assessment(rubric(), doc)
    st.session_state[_RESULT] = (doc, value)
    return value


def generation() -> int:
    """Changes whenever another assessment is opened; widget keys include it so none shows stale values."""
    return st.session_state.get(_GENERATION, 0)


def position() -> Principle:
    """The principle on screen in the questionnaire."""
    r = rubric()
    pid = st.session_state.get(_POSITION)
    return r.principle_index.get(pid) or r.principles[0] if pid else r.principles[0]


def numbered_questions(principle: Principle) -> list[tuple[int, Question]]:
    """The principle's questions with their number in the whole questionnaire (1-based)."""
    first = 1
    for p in rubric().principles:
        if p.id == principle.id:
            break
        first += len(p.questions)
    return [(first + i, q) for i, q in enumerate(principle.questions)]


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


def save_status() -> SaveStatus:
    pending = st.session_state.get(_PENDING)
    return SaveStatus(pending=len(pending) if pending is not None else 0, error=st.session_state.get(_ERROR))


def take_notice() -> tuple[str, str] | None:
    """A one-time (kind, message) left by `restore`, e.g. an unknown resume link."""
    return st.session_state.pop(_NOTICE, None)


# -- saving ---------------------------------------------------------------------------------------


def _queue() -> PendingWrites:
    queue = st.session_state.get(_PENDING)
    if queue is None:
        queue = st.session_state[_PENDING] = _autosave().PendingWrites()
    return queue


def _write(ops: Iterable[Op]) -> None:
    queue = _queue()
    for op in ops:
        queue.add(op)
    retry_saves()


def redraw(*fragments: str) -> None:
    """From a widget callback: re-draw the live indicator and the named fragments only.

    A click on an answer then costs a fraction of a full app rerun. When a change could not be
    saved, the whole app reruns instead, so the warning about it shows at once.
    """
    status = save_status()
    if status.pending or status.error:
        st.rerun()
    st.rerun([LIVE_FRAGMENT, *fragments])


def retry_saves() -> SaveStatus:
    """Write whatever is queued; on an outage the changes stay queued (and in this session)."""
    queue = _queue()
    if len(queue):
        outcome = queue.flush(store())
        st.session_state[_ERROR] = outcome.error
    elif st.session_state.get(_ERROR) and not len(queue):
        st.session_state[_ERROR] = None
    return save_status()


def _replace(doc: Assessment) -> None:
    st.session_state[_DOC] = doc


def save_answer(question_id: str, choice: str | None) -> None:
    """Record a choice (None clears it), keeping the question's evidence note."""
    token, doc = require()
    answers = dict(doc.answers)
    old = answers.get(question_id)
    evidence = old.evidence if old is not None else ""
    if choice is None:
        answers.pop(question_id, None)
    else:
        answers[question_id] = Answer(choice=choice, evidence=evidence)
    _replace(doc.model_copy(update={"answers": answers}))
    _write([_autosave().SaveAnswer(token, question_id, choice, evidence)])


def save_evidence(question_id: str, evidence: str) -> None:
    """Record the evidence note of an answered question."""
    token, doc = require()
    old = doc.answers.get(question_id)
    if old is None or old.evidence == evidence:
        return
    answers = {**doc.answers, question_id: Answer(choice=old.choice, evidence=evidence)}
    _replace(doc.model_copy(update={"answers": answers}))
    _write([_autosave().SaveAnswer(token, question_id, old.choice, evidence)])


def save_assessment(assessment: Assessment) -> None:
    """Replace the open assessment and save its company, action plan and workbench.

    Answers are saved one by one as they are given (`save_answer`); they are not written back
    here, so a stale copy in this tab can never overwrite answers given in another.
    """
    token, _ = require()
    _replace(assessment)
    _write([_autosave().SaveDetails(token, assessment)])


def set_position(principle_id: str) -> None:
    """Move the questionnaire to a principle (remembered with the assessment)."""
    if principle_id not in rubric().principle_index:
        return
    st.session_state[_POSITION] = principle_id
    found = current()
    if found is not None:
        _write([_autosave().SavePosition(found[0], principle_id)])


# -- opening --------------------------------------------------------------------------------------


def _open(token: str, doc: Assessment, position: str | None) -> None:
    st.session_state[_TOKEN] = token
    st.session_state[_DOC] = doc
    st.session_state[_POSITION] = position if position in rubric().principle_index else _first_open(doc)
    st.session_state[_GENERATION] = generation() + 1
    st.session_state.pop(_RESULT, None)
    st.query_params["a"] = token


def _first_open(doc: Assessment) -> str:
    """The first principle with an unanswered question (the first one when all are answered)."""
    r = rubric()
    for p in r.principles:
        if any(q.id not in doc.answers for q in p.questions):
            return p.id
    return r.principles[0].id


def _create(doc: Assessment) -> None:
    """Open `doc` as a new stored assessment; its token is made here so it can start offline."""
    token = _storage().new_token()
    _open(token, doc, None)
    _write([_autosave().CreateAssessment(token, doc)])


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
    _create(doc)
    st.session_state[_NOTICE] = (
        "success",
        f"Imported {file_name}: {len(doc.answers)} answers. It is open as a new assessment with its own resume link.",
    )
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
    except _storage().StoreUnavailable as error:
        return f"Cannot open your assessment right now: {error}"
    except _storage().StoreError as error:
        return str(error)
    _open(token, stored.assessment, stored.position)
    return None


@st.cache_resource(show_spinner=False)
def _settle_heap() -> bool:
    """Once per process: move everything loaded at start-up out of the garbage collector's way.

    Streamlit, pydantic, SQLAlchemy and the rubric leave hundreds of thousands of long-lived
    objects; every full collection would walk them all in the middle of a click's rerun (measured:
    about half of the click-to-update time). Frozen, they are skipped.
    """
    gc.freeze()  # without a collection first: the little start-up garbage is not worth 60 ms
    return True


def restore() -> None:
    """Once per run: open the assessment in `?a=`, keep the link in the URL, retry pending saves."""
    _settle_heap()
    state = st.session_state
    wanted = st.query_params.get("a")
    token = state.get(_TOKEN)
    if wanted and wanted != token and wanted != state.get(_FAILED_LINK):
        try:
            stored = store().load(wanted)
        except _storage().NotFound as error:
            state[_FAILED_LINK] = wanted
            state[_NOTICE] = ("error", f"{error} Start a new assessment or import a saved file.")
            if token:
                st.query_params["a"] = token
            else:
                del st.query_params["a"]
        except _storage().StoreError as error:
            state[_NOTICE] = ("warning", f"Your assessment cannot be opened right now: {error} Reload in a moment.")
        else:
            _open(wanted, stored.assessment, stored.position)
    elif token and wanted != token:
        st.query_params["a"] = token
    if st.session_state.get(_PENDING) is not None and len(_queue()):
        retry_saves()

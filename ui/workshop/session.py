"""Workshop state of this browser session: the signed-in facilitator, a just-created workshop, a join.

The facilitator key is checked by `assessment.workshop.store.WorkshopStore.authenticate`; what is
kept here afterwards is the `Facilitator` it issued (server-side session state, never the key and
never the URL). So that a reload (or another app process behind the proxy) keeps the facilitator
signed in, signing in also opens a short-lived sign-in session: a random token in a cookie of this
browser (`SameSite=Strict`, 12 hours), stored in the database only as its SHA-256, never in a URL
or a log; signing out deletes it. Participants are handed to the ordinary assessment session
(`ui.session.resume`), so their answers autosave like anyone's.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Mapping
from contextlib import suppress
from typing import NoReturn
from urllib.parse import urlsplit

import streamlit as st

from assessment.errors import InputError
from assessment.storage.store import StoreError
from assessment.workshop.auth import AccessDenied
from assessment.workshop.cohort import Cohort, aggregate_cohort
from assessment.workshop.store import (
    Facilitator,
    Joined,
    JoinTarget,
    NewWorkshop,
    ParticipantProgress,
    WorkshopStore,
    join_url,
)
from ui import session

# Session-state keys owned by this module.
_FACILITATOR = "ws-facilitator"
_CREATED = "ws-created"
_JOINED = "ws-joined"
_LINKS = "ws-new-links"
_SESSION = "ws-session-token"
_ENDED = "ws-ended-token"  # the token this tab signed out with: its cookie may linger until the reload
_COOKIE_OP = "ws-cookie-op"

COOKIE = "olr_facilitator"
COOKIE_MAX_AGE = 12 * 3600  # seconds; the database's expiry (SESSION_LIFETIME) is the one that counts
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,200}")
_PARTICIPANT = "ws-participant"  # (resume token, Joined | None) of the open assessment
_RERUN = "ws-rerun-made"  # the re-run just made (its join links are shown once)
_GUESSER = "ws-guesser"  # this browser session's own id, when the client's address is not known


@st.cache_resource(show_spinner=False)
def workshops() -> WorkshopStore:
    """Workshop operations on the app's store (same database as every assessment)."""
    return WorkshopStore(session.store())


def app_root() -> str:
    """The address this app is reached at (for join links), e.g. `https://host/base/`."""
    base = st.get_option("server.baseUrlPath").strip("/")
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return f"{parts.scheme}://{parts.netloc}/" + (f"{base}/" if base else "")


def link_for(token: str) -> str:
    return join_url(app_root(), token)


# -- facilitator ----------------------------------------------------------------------------------


def facilitator() -> Facilitator | None:
    """The signed-in facilitator: from this session, else from this browser's sign-in cookie (a reload)."""
    fac = st.session_state.get(_FACILITATOR)
    if fac is not None:
        return fac
    token = st.context.cookies.get(COOKIE)
    if not isinstance(token, str) or not _TOKEN_SHAPE.fullmatch(token) or token == st.session_state.get(_ENDED):
        return None
    try:
        fac = workshops().resume_session(token)
    except (AccessDenied, StoreError):
        return None  # ended, expired or unknown (or the database is away): the sign-in form shows
    st.session_state[_FACILITATOR] = fac
    st.session_state[_SESSION] = token
    return fac


def _signed_in(fac: Facilitator) -> None:
    """Keep `fac` in this session and open a sign-in session for this browser (its cookie is set next run)."""
    st.session_state[_FACILITATOR] = fac
    with suppress(StoreError):  # without it the dashboard still works in this tab; a reload asks for the key
        token = workshops().open_session(fac)
        st.session_state[_SESSION] = token
        st.session_state[_COOKIE_OP] = token


def client_address(peer: str | None, headers: Mapping[str, str]) -> str | None:
    """The client's address: the direct peer's, or behind a proxy on this machine (`deploy/nginx.conf`) the
    one the proxy says (`X-Real-IP`, else the last `X-Forwarded-For` entry, the one the proxy added).

    Streamlit reports a peer on 127.0.0.1 as None; only then are the headers believed, as anyone
    else could write them.
    """
    if isinstance(peer, str) and peer.strip():
        return peer.strip()
    real, forwarded = (_text(headers.get(name)) for name in ("X-Real-IP", "X-Forwarded-For"))
    added = [a.strip() for a in forwarded.split(",") if a.strip()]
    return real or (added[-1] if added else None)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""  # anything else (none, or a test double): no value


def guesser() -> str:
    """Who is typing keys, for the wrong-key throttle: the client's address, else this browser session.

    The store keeps only a hash of it. Another client (the facilitator's own browser) is never held back.
    """
    address = client_address(st.context.ip_address, st.context.headers)
    if address:
        return f"address {address}"
    if _GUESSER not in st.session_state:
        st.session_state[_GUESSER] = secrets.token_urlsafe(16)
    return f"session {st.session_state[_GUESSER]}"


def sign_in(workshop_id: str, key: str) -> str | None:
    """Check the key; None on success, else the message to show (wrong key, wait, unknown ID)."""
    try:
        fac = workshops().authenticate(workshop_id, key, guesser=guesser())
    except (AccessDenied, StoreError) as error:
        return str(error)
    _signed_in(fac)
    return None


def sign_out() -> str | None:
    """End the sign-in everywhere (the token opens nothing any more) and forget it here; a warning or None."""
    token = st.session_state.get(_SESSION)
    problem = None
    if token:
        try:
            workshops().end_session(token)
        except StoreError:
            problem = "The database did not answer, so this browser's sign-in ends by itself within 12 hours."
        st.session_state[_ENDED] = token
    for key in (_FACILITATOR, _LINKS, _SESSION, _RERUN):
        st.session_state.pop(key, None)
    st.session_state[_COOKIE_OP] = ""  # delete the cookie
    return problem


def apply_cookie() -> None:
    """Set or delete this browser's sign-in cookie when signing in or out asked for it (a tiny script)."""
    op = st.session_state.pop(_COOKIE_OP, None)
    if op is None:
        return
    if op and not _TOKEN_SHAPE.fullmatch(op):
        return
    value = f"{COOKIE}={op}; Path=/; SameSite=Strict; Max-Age={COOKIE_MAX_AGE if op else 0}"
    st.html(f"<script>document.cookie = {json.dumps(value)} + "
            f"(location.protocol === 'https:' ? '; Secure' : '');</script>", unsafe_allow_javascript=True)


def outage(doing: str, error: StoreError) -> NoReturn:
    """Stop the page with a warning (not a traceback) when the database fails while `doing` something."""
    st.warning(f"{doing} {error} Nothing was lost; try again in a moment.", icon=":material/cloud_off:")
    st.button("Try again", key="ws-retry", icon=":material/refresh:")
    st.stop()
    raise AssertionError("unreachable")  # st.stop() ends the run


def cohort(fac: Facilitator) -> Cohort:
    """The workshop's consensus and cohort tables, read fresh from the database."""
    store = workshops()
    return aggregate_cohort(store.store.rubric_for(fac.rubric), store.cohort_answers(fac))


def changes(fac: Facilitator) -> tuple:
    """A cheap fingerprint of the workshop's data (one small query): when it changes, the dashboard redraws."""
    return workshops().changes(fac)


@st.cache_resource(show_spinner=False, max_entries=16)
def _dashboard_data(workshop_id: str, seen: tuple, _fac: Facilitator) -> tuple[Cohort, list[ParticipantProgress]]:
    # Keyed on the workshop and its fingerprint: facilitators of one workshop (any number of tabs)
    # share one computation per change instead of one per tab and refresh.
    return cohort(_fac), workshops().progress(_fac)


def dashboard_data(fac: Facilitator) -> tuple[tuple, Cohort, list[ParticipantProgress]]:
    """The fingerprint, the cohort and everyone's progress; a database outage stops the page with a warning."""
    try:
        seen = changes(fac)
        return (seen, *_dashboard_data(fac.workshop_id, seen, fac))
    except StoreError as error:
        outage("The dashboard could not be loaded.", error)


def create(name: str, companies: list[str]) -> str | None:
    """Create a workshop and sign its creator in; None on success, else the message to show."""
    try:
        created = workshops().create_workshop(name, companies, session.rubric())
    except (InputError, StoreError) as error:
        return str(error)
    st.session_state[_CREATED] = created  # the key is shown even if signing in fails below
    # If the database fails in between, the page says so: the dashboard opens with the ID and key later.
    with suppress(AccessDenied, StoreError):
        _signed_in(workshops().authenticate(created.id, created.key, guesser=guesser()))
    return None


def created() -> NewWorkshop | None:
    """The workshop just created in this session (its key is shown until `forget_created`)."""
    return st.session_state.get(_CREATED)


def forget_created() -> None:
    st.session_state.pop(_CREATED, None)


def reissue_links(fac: Facilitator) -> None:
    """New join links for every company; a database outage stops the page with a warning."""
    try:
        st.session_state[_LINKS] = workshops().reissue_join_links(fac)
    except StoreError as error:
        outage("No new join links were made; the old links still work.", error)


def new_links() -> tuple | None:
    return st.session_state.get(_LINKS)


def previous_cohort(fac: Facilitator) -> Cohort | None:
    """For a re-run: the previous run's consensus (None for a first run or while the database is away)."""
    from assessment.progress.reruns import WorkshopReruns

    try:
        earlier = WorkshopReruns(workshops()).previous_answers(fac)
    except StoreError:
        return None
    return None if earlier is None else aggregate_cohort(workshops().store.rubric_for(fac.rubric), earlier)


def rerun(fac: Facilitator) -> None:
    """Re-run the workshop with the same companies; the new ID and join links are shown once."""
    from assessment.progress.reruns import WorkshopReruns

    try:
        st.session_state[_RERUN] = WorkshopReruns(workshops()).rerun(fac, workshops().store.rubric_for(fac.rubric))
    except StoreError as error:
        outage("The workshop was not re-run.", error)


def rerun_made() -> object | None:
    return st.session_state.get(_RERUN)


# -- participant ----------------------------------------------------------------------------------


def join_target(token: str) -> JoinTarget | str:
    """What a join link is for, or the message to show for a bad one."""
    try:
        return workshops().join_target(token)
    except StoreError as error:
        return str(error)


def join(token: str, display_name: str) -> str | None:
    """Join the workshop and open the participant's own assessment; None on success, else a message."""
    try:
        joined = workshops().join(token, display_name)
    except (InputError, StoreError) as error:
        return str(error)
    st.session_state[_JOINED] = joined
    problem = session.resume(joined.resume_token)
    return problem


def joined() -> Joined | None:
    return st.session_state.get(_JOINED)


def participant(resume_token: str) -> Joined | None:
    """The workshop, company and display name of the open assessment's participant (None: not one).

    Read once per opened assessment, also after coming back through the resume link alone.
    """
    cached = st.session_state.get(_PARTICIPANT)
    if cached is not None and cached[0] == resume_token:
        return cached[1]
    try:
        found = workshops().participant(resume_token)
    except StoreError:
        return None  # the page says the database is away; asked again on the next run
    st.session_state[_PARTICIPANT] = (resume_token, found)
    return found

"""Workshop state of this browser session: the signed-in facilitator, a just-created workshop, a join.

The facilitator key is checked by `assessment.workshop_store.WorkshopStore.authenticate`; what is
kept here afterwards is the `Facilitator` it issued (server-side session state, never the key and
never the URL). Participants are handed to the ordinary assessment session (`ui.session.resume`), so
their answers autosave like anyone's.
"""

from __future__ import annotations

from contextlib import suppress
from typing import NoReturn
from urllib.parse import urlsplit

import streamlit as st

from assessment.errors import InputError
from assessment.store import StoreError
from assessment.workshop import Cohort, aggregate_cohort
from assessment.workshop_auth import AccessDenied
from assessment.workshop_store import (
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
    return st.session_state.get(_FACILITATOR)


def sign_in(workshop_id: str, key: str) -> str | None:
    """Check the key; None on success, else the message to show (wrong key, wait, unknown ID)."""
    try:
        st.session_state[_FACILITATOR] = workshops().authenticate(workshop_id, key)
    except (AccessDenied, StoreError) as error:
        return str(error)
    return None


def sign_out() -> None:
    for key in (_FACILITATOR, _LINKS):
        st.session_state.pop(key, None)


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


def dashboard_data(fac: Facilitator) -> tuple[Cohort, list[ParticipantProgress]]:
    """The cohort and everyone's progress; a database outage stops the page with a warning."""
    try:
        return cohort(fac), workshops().progress(fac)
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
        st.session_state[_FACILITATOR] = workshops().authenticate(created.id, created.key)
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

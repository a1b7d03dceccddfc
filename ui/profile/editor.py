"""Edit the company profile of the open assessment; each field is saved as its own change when left."""

from __future__ import annotations

import streamlit as st

from ui import session

# field -> (label, longest text the assessment format accepts)
TEXT_FIELDS = {
    "name": ("Company name", 200),
    "niche": ("Your niche, in one line", 500),
    "assessor": ("Assessor (optional)", 200),
}
_REFUSED = "profile-refused"


def _key(field: str) -> str:
    return f"profile-{field}-{session.generation()}"


def _changed(field: str) -> None:
    value = st.session_state.get(_key(field))
    value = (value or "").strip() if field != "stage" else (value or "")
    if field == "name" and not value:
        st.session_state[_REFUSED] = "The company needs a name: the old one is kept."
        return
    st.session_state.pop(_REFUSED, None)
    session.save_profile_field(field, value)


def show() -> None:
    """The profile's fields, filled in with what is saved; a change is saved when its box is left."""
    _, assessment = session.require()
    company = assessment.company
    for field in ("name", "niche", "assessor"):
        label, longest = TEXT_FIELDS[field]
        st.text_input(label, value=getattr(company, field), max_chars=longest, key=_key(field),
                      on_change=_changed, args=(field,))
    stages = list(session.STAGES)
    if company.stage and company.stage not in stages:  # e.g. imported from a file written elsewhere
        stages.append(company.stage)
    st.selectbox("Stage", stages, index=stages.index(company.stage) if company.stage else None,
                 placeholder="Choose a stage", key=_key("stage"), on_change=_changed, args=("stage",))
    refused = st.session_state.get(_REFUSED)
    if refused:
        st.warning(refused)
    st.caption("Saved when you leave a box; printed on the report's cover.")

"""Process-wide resources of the app: the rubric and the store, loaded once (`st.cache_resource`).

The database libraries are imported on first use: a first page that needs no database (Start) then
opens without loading SQLAlchemy and Alembic, which would add about half a second to a cold start.
"""

from __future__ import annotations

import gc
import importlib
from types import ModuleType
from typing import TYPE_CHECKING

import streamlit as st

from assessment.rubric import Rubric, load_rubric

if TYPE_CHECKING:
    from assessment.storage.store import Store


def storage() -> ModuleType:
    """`assessment.storage.store`, imported on first use."""
    return importlib.import_module("assessment.storage.store")


def autosave() -> ModuleType:
    """`assessment.storage.autosave`, imported on first use."""
    return importlib.import_module("assessment.storage.autosave")


@st.cache_resource(show_spinner=False)
def rubric() -> Rubric:
    """The shipped rubric."""
    return load_rubric()


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The assessment store ($ASSESSMENT_DATABASE_URL, else SQLite in the data folder)."""
    made = storage().Store(rubric=rubric())
    gc.freeze()  # the database libraries just loaded are long-lived too (see `settle_heap`)
    return made


@st.cache_resource(show_spinner=False)
def settle_heap() -> bool:
    """Once per process: move everything loaded at start-up out of the garbage collector's way.

    Streamlit, pydantic, SQLAlchemy and the rubric leave hundreds of thousands of long-lived
    objects; every full collection would walk them all in the middle of a click's rerun (measured:
    about half of the click-to-update time). Frozen, they are skipped.
    """
    gc.freeze()  # without a collection first: the little start-up garbage is not worth 60 ms
    return True



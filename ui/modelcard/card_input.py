"""Read a model card into suggestions: upload a README.md or paste its text (at most 1 MB)."""

from __future__ import annotations

import streamlit as st

from assessment.errors import InputError
from assessment.modelcard import prefill_card
from assessment.modelcard.mapping import load_mapping
from ui import session
from ui.frame.text import md_escape
from ui.modelcard import pending

_ERROR = "modelcard-error"


def _read(raw: bytes | str, name: str) -> None:
    rubric = session.rubric()
    try:
        with st.spinner("Reading the model card..."):
            result = prefill_card(raw, rubric, name, load_mapping(rubric))
    except InputError as exc:
        st.session_state[_ERROR] = exc.message  # the suggestions already waiting stay as they were
        return
    st.session_state.pop(_ERROR, None)
    pending.replace(name, result.suggestions, len(result.unmapped))


def _uploaded(key: str) -> None:
    upload = st.session_state.get(key)
    if upload is not None:
        _read(upload.getvalue(), upload.name)


def _pasted(key: str) -> None:
    text = st.session_state.get(key) or ""
    if not text.strip():
        st.session_state[_ERROR] = ("The box is empty. Paste the model card's text (README.md, with its '---' front"
                                    " matter) first. A paste over 1,000,000 characters is not taken by the box:"
                                    " a card that long is over the 1 MB limit.")
        return
    _read(text, "pasted model card")


def show(key: str) -> None:
    """The upload and paste inputs (`key` keeps two pages' inputs apart) and the last problem."""
    st.caption("Your model's Hugging Face model card (its README.md, with the YAML front matter) suggests answers"
               " about licence, model card, evaluations and data. It is read here, nothing is fetched, and no"
               " suggestion becomes an answer until you accept it.")
    upload_tab, paste_tab = st.tabs(["Upload README.md", "Paste the text"])
    with upload_tab:
        st.file_uploader("Model card (README.md)", type=["md", "markdown", "txt"], key=f"{key}-upload",
                         on_change=_uploaded, args=(f"{key}-upload",), max_upload_size=1,
                         help="At most 1 MB, the limit of a model card here. A larger file is refused by the"
                              " uploader itself: its chip turns red.")
        st.caption("At most 1 MB. A larger file is refused as it is dropped: its name then shows in red.")
    with paste_tab:
        st.text_area("Model card text", key=f"{key}-paste", height=160, max_chars=1_000_000,
                     placeholder="---\nlicense: apache-2.0\nlibrary_name: transformers\n---\n# Our model ...")
        st.button("Read the card", key=f"{key}-read", on_click=_pasted, args=(f"{key}-paste",))
    error = st.session_state.get(_ERROR)
    if error:
        st.error(f"**This model card could not be read.**  \n{md_escape(error)}", icon=":material/error:")

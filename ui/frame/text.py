"""Safe display of text a person typed (company names, notes): never interpreted as markdown or HTML; and
the Markdown of a headline figure (`figure`), drawn so instead of `st.metric` wherever the score is shown."""

from __future__ import annotations

import re

from assessment.names import strip_bidi

# Every ASCII punctuation character can be backslash-escaped in CommonMark; escaping all of them
# also disarms Streamlit's own directives (`:red[...]`, `:material/x:`, `$math$`) and raw HTML.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(text: str) -> str:
    """`text` as markdown that renders literally (one line: newlines become spaces)."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(strip_bidi(text).split()))


def figure(label: str, value: str) -> str:
    """A headline figure as Markdown: a grey label over a large value. Used instead of `st.metric`, whose
    number-formatting code every first visit would otherwise fetch and run. Draw it with `anchors=False`: a
    heading gets a link icon on hover otherwise."""
    return f":gray[{label}]\n## {value}"

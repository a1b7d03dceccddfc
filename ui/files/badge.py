"""The readiness badge on the Download page: a preview, the SVG file and the Markdown for a README."""

from __future__ import annotations

import base64

import streamlit as st

from assessment.answers import Assessment
from assessment.rubric import Rubric
from assessment.scoring import Result


def show(rubric: Rubric, assessment: Assessment, result: Result, stem: str) -> None:
    from reports.badge import badge_markdown, badge_svg  # reportlab measures the text; loads only here

    svg = badge_svg(rubric, result, assessment.company.name)
    file_name = f"{stem}-badge.svg"
    st.markdown("**README badge (SVG)**  \nShow your readiness level where people look: in your model's or"
                " project's README. A provisional result says so on the badge.")
    # The badge as an image, like GitHub shows it: an <img> never runs anything inside the SVG.
    st.markdown(f"![readiness badge](data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()})")
    st.download_button("Download badge", data=svg, file_name=file_name, mime="image/svg+xml",
                       icon=":material/verified:", on_click="ignore")
    st.caption("Put the file next to your README and paste:")
    st.code(badge_markdown(result, file_name), language="markdown")

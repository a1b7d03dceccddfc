"""Altair charts of a workshop cohort: a company x principle heatmap and ranked overall bars.

They only draw `assessment.workshop.Cohort` tables; nothing is computed here.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

SCORE_SCALE = alt.Scale(domain=[0, 50, 100], range=["#c0392b", "#f4d03f", "#1e8449"])


def heatmap(long_table: pd.DataFrame, principles: list[str]) -> alt.LayerChart:
    """Companies (rows) x principles (columns), coloured by consensus score, the score printed in each cell."""
    rows = max(long_table["company"].nunique(), 1)
    base = alt.Chart(long_table).encode(
        x=alt.X("principle:N", sort=principles, title=None, axis=alt.Axis(labelAngle=-35, labelLimit=220)),
        y=alt.Y("company:N", title=None, sort=None, axis=alt.Axis(labelLimit=220)),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("score:Q", scale=SCORE_SCALE, title="Score", legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("company:N"), alt.Tooltip("pillar:N"), alt.Tooltip("principle:N"),
                 alt.Tooltip("score:Q", format=".0f"), alt.Tooltip("blocked:N")],
    )
    labels = base.mark_text(fontSize=12).encode(
        text=alt.Text("score:Q", format=".0f"),
        color=alt.value("black"),
    )
    return alt.layer(cells, labels).properties(height=min(28 * rows + 40, 1600))


def ranking(ranked: pd.DataFrame) -> alt.LayerChart:
    """Companies ranked by consensus overall score, best first, with the level in the tooltip."""
    base = alt.Chart(ranked).encode(
        y=alt.Y("company:N", sort=list(ranked["company"]), title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("overall:Q", scale=alt.Scale(domain=[0, 100]), title="Consensus score"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("overall:Q", scale=SCORE_SCALE, legend=None),
        tooltip=["company", alt.Tooltip("overall:Q", format=".1f"), "level", "provisional", "disagreements"],
    )
    text = base.mark_text(align="left", dx=4).encode(text=alt.Text("overall:Q", format=".0f"))
    return alt.layer(bars, text).properties(height=max(26 * len(ranked) + 20, 60))

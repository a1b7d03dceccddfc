"""Altair charts of a workshop cohort: a principle x company heatmap and ranked overall bars.

They only draw `assessment.workshop.cohort.Cohort` tables; nothing is computed here. Both size their
rows in pixels (`alt.Step`), so each company (ranking) or principle (heatmap) gets a readable row
whatever the container (a tab that is hidden when the page is drawn has no height to stretch into).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

SCORE_SCALE = alt.Scale(domain=[0, 50, 100], range=["#c0392b", "#f4d03f", "#1e8449"])
ROW_PX = 34  # one company's row in the ranking, one principle's row in the heatmap
LABEL_LIMIT = 220
PRINCIPLE_LABEL_LIMIT = 420  # the longest principle title, whole, at 13 px
NO_ANSWERS = "-"  # a cell with no answers yet (never "null")
BLOCKED = "blocked"  # a benefit a gap blocks: scored 0, but shown as what it is, as on the Results page
BLOCKED_FILL, NO_ANSWERS_FILL = "#5d6d7e", "#e5e8ec"
# SVG, not canvas: each axis label is a text element a browser test (and a screen reader) can read.
EMBED = {"embedOptions": {"renderer": "svg"}}


def _shown(score: float, blocked: bool) -> str:
    if blocked:
        return BLOCKED
    return NO_ANSWERS if pd.isna(score) else f"{score:.0f}"


def heatmap(long_table: pd.DataFrame, principles: list[str]) -> alt.LayerChart:
    """Principles (rows, rubric order) x companies (columns), coloured by consensus score, the score in each cell.

    Principles are the rows so that every title reads whole and level, however many companies there are;
    company names sit above the columns, slanted and never dropped. A principle with no answers yet is a
    light grey cell marked "-"; a blocked benefit is a dark grey cell marked "blocked" (not a red 0).
    """
    table = long_table.assign(
        shown=[_shown(s, b) for s, b in zip(long_table["score"], long_table["blocked"], strict=True)],
        state=["blocked by a gap" if b else ("no answers" if pd.isna(s) else "") for s, b in
               zip(long_table["score"], long_table["blocked"], strict=True)],
    )
    base = alt.Chart(table).encode(
        y=alt.Y("principle:N", sort=principles, title=None,
                axis=alt.Axis(labelLimit=PRINCIPLE_LABEL_LIMIT, labelOverlap=False, labelFontSize=13)),
        x=alt.X("company:N", title=None, sort=None,
                axis=alt.Axis(orient="top", labelAngle=-30, labelAlign="left", labelLimit=LABEL_LIMIT,
                              labelOverlap=False, labelFontSize=13)),
    )
    # Grey for a cell without a score to colour (blocked first: its score is 0, not missing).
    fill = alt.Color("score:Q", scale=SCORE_SCALE, title="Score", legend=alt.Legend(orient="bottom"),
                     condition=[{"test": "datum.blocked", "value": BLOCKED_FILL},
                                {"test": "!isValid(datum.score)", "value": NO_ANSWERS_FILL}])
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=fill,
        tooltip=[alt.Tooltip("principle:N", title="Principle"), alt.Tooltip("pillar:N", title="Pillar"),
                 alt.Tooltip("company:N", title="Company"), alt.Tooltip("shown:N", title="Score"),
                 alt.Tooltip("state:N", title="Note")],
    )
    text = alt.when(alt.datum.blocked).then(alt.value("white")).otherwise(alt.value("black"))
    labels = base.mark_text(fontSize=13).encode(text="shown:N", color=text)
    return alt.layer(cells, labels).properties(height=alt.Step(ROW_PX), usermeta=EMBED)


def ranking(ranked: pd.DataFrame) -> alt.LayerChart:
    """Companies ranked by consensus overall score, best first, the score printed at the end of each bar."""
    table = ranked.assign(shown=[f"{v:.0f}" for v in ranked["overall"]])
    base = alt.Chart(table).encode(
        y=alt.Y("company:N", sort=list(ranked["company"]), title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X("overall:Q", scale=alt.Scale(domain=[0, 100]), title="Consensus score (0-100)"),
    )
    bars = base.mark_bar(size=ROW_PX - 10).encode(
        color=alt.Color("overall:Q", scale=SCORE_SCALE, legend=None),
        tooltip=[alt.Tooltip("company:N", title="Company"), alt.Tooltip("shown:N", title="Score"),
                 alt.Tooltip("level:N", title="Level"), alt.Tooltip("provisional:N", title="Provisional"),
                 alt.Tooltip("disagreements:Q", title="Disagreements")],
    )
    text = base.mark_text(align="left", dx=4, fontSize=13).encode(text="shown:N")
    return alt.layer(bars, text).properties(height=alt.Step(ROW_PX))

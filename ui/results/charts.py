"""Altair charts of an engine result: the nine principles as a polar chart, the pillars as bars.

`show` draws both and the scores as a table on the Results page.

The charts only draw the engine's figures (`assessment.scoring.Result`); nothing is computed here.
"""

from __future__ import annotations

import copy
import math
import textwrap

import altair as alt
import pandas as pd
import streamlit as st

from assessment.rubric import Rubric
from assessment.scoring import Result
from ui.frame.text import md_escape

# One colour per pillar, in rubric order; readable on a projector and for common colour blindness.
PILLAR_COLOURS = ("#1f5fa8", "#e07b00", "#2a9d8f", "#8e5ab5", "#c0392b")
LABEL_FONT = 13


def _status(score: float | None, blocked: bool) -> str:
    if blocked:
        return "blocked"
    return "not answered" if score is None else f"{score:.1f}"  # one decimal, as in the PDF


def principle_table(rubric: Rubric, result: Result) -> pd.DataFrame:
    """One row per principle, in rubric order: the figures both charts and the table show."""
    rows = []
    for p in result.principles:
        rows.append(
            {
                "Pillar": rubric.pillar_index[p.pillar].title,
                "Principle": p.title,
                "Score": None if p.score is None else round(p.score, 1),
                "Status": _status(p.score, p.blocked),
                # Real answers, as the questionnaire and the PDF count them ("2/3" and 1 don't know, not "3/3").
                "Answered": f"{p.answered - p.dont_know}/{p.total}",
                "Don't know": p.dont_know,
            }
        )
    return pd.DataFrame(rows)


def scores_table(rubric: Rubric, result: Result) -> pd.DataFrame:
    """`principle_table` as the page shows it (`st.table`, whose cells are Markdown): every cell text, names
    escaped, the score with one decimal or what stands for it, so five columns fit a 1000 px screen."""
    frame = principle_table(rubric, result)
    scores = ["blocked (counts as 0)" if p.blocked else _status(p.score, False) for p in result.principles]
    return pd.DataFrame({
        "Pillar": frame["Pillar"].map(md_escape),
        "Principle": frame["Principle"].map(md_escape),
        "Score": scores,
        "Answered": [f"{p.answered - p.dont_know} of {p.total}" if p.total else "not asked" for p in result.principles],
        "Don't know": frame["Don't know"].map(str),
    })


def _colour_scale(rubric: Rubric) -> alt.Scale:
    return alt.Scale(domain=[p.title for p in rubric.pillars], range=list(PILLAR_COLOURS[: len(rubric.pillars)]))


LINE_HEIGHT = LABEL_FONT + 1  # px between the lines of a label
POLAR_SIZE = 440  # px, the polar chart's width and height (its labels are placed for it)


def _label_place(middle: float, lines: int, centre: float) -> tuple[float, float]:
    """Where a label's first line goes (angle, radius) so that it grows away from the rings: its lines run
    downwards, so a label in the upper half is raised by its extra lines (else it hung onto the 100 ring)."""
    lift = (lines - 1) * LINE_HEIGHT * max(0.0, math.cos(middle)) / 2  # half: the whole lift ran off the top
    x, y = centre * math.sin(middle), -centre * math.cos(middle) - lift
    return math.atan2(x, -y) % (2 * math.pi), math.hypot(x, y)


def polar_data(rubric: Rubric, result: Result, size: int = POLAR_SIZE) -> pd.DataFrame:
    """The polar chart's rows: a principle each, with its slice's angles and its label and where it goes."""
    data = principle_table(rubric, result)
    step = 2 * math.pi / len(data)
    data["Plotted"] = data["Score"].fillna(0)
    data["Start"] = [i * step for i in range(len(data))]
    data["End"] = data["Start"] + step
    data["Middle"] = data["Start"] + step / 2
    data["Label"] = ["\n".join([*textwrap.wrap(t, 16), s]) for t, s in zip(data["Principle"], data["Status"],
                                                                        strict=True)]
    places = [_label_place(m, label.count("\n") + 1, _outer(size) + 48)
              for m, label in zip(data["Middle"], data["Label"], strict=True)]
    data["LabelAngle"] = [a for a, _ in places]
    data["LabelRadius"] = [r for _, r in places]
    return data


def _outer(size: int) -> float:
    return size * 0.27  # the 100 ring's radius; the labels go round it


def principle_polar(rubric: Rubric, result: Result, size: int = POLAR_SIZE) -> alt.LayerChart:
    """A polar ("rose") chart: one equal slice per principle, its radius the principle's score."""
    return _polar(rubric, polar_data(rubric, result, size), size)


def _polar(rubric: Rubric, data: pd.DataFrame | alt.NamedData, size: int) -> alt.LayerChart:
    outer = _outer(size)
    radius = alt.Scale(type="linear", domain=[0, 100], range=[0, outer])
    rings = alt.Chart(pd.DataFrame({"Ring": [25, 50, 75, 100]})).mark_arc(
        filled=False, stroke="#c3c8d0", strokeWidth=1
    ).encode(
        theta=alt.value(0), theta2=alt.value(2 * math.pi),
        radius=alt.Radius("Ring:Q", scale=radius), radius2=alt.Radius2("Ring:Q"),
    )
    slices = alt.Chart(data).mark_arc(stroke="white", strokeWidth=2).encode(
        theta=alt.Theta("Start:Q", scale=None), theta2=alt.Theta2("End:Q"),
        radius=alt.Radius("Plotted:Q", scale=radius),
        color=alt.Color("Pillar:N", scale=_colour_scale(rubric), legend=None),  # the pillar bars show the key
        tooltip=["Pillar:N", "Principle:N", "Status:N", "Answered:N"],
    )
    labels = alt.Chart(data).mark_text(fontSize=LABEL_FONT - 1, lineBreak="\n", lineHeight=LINE_HEIGHT,
                                       baseline="middle", color="#262730").encode(
        theta=alt.Theta("LabelAngle:Q", scale=None), radius=alt.Radius("LabelRadius:Q", scale=None), text="Label:N")
    return alt.layer(rings, slices, labels).properties(width=size, height=size)


def bars_data(result: Result) -> pd.DataFrame:
    """The pillar bars' rows: a pillar each, its score and the figure printed at the bar's end."""
    data = pd.DataFrame(
        {
            "Pillar": [p.title for p in result.pillars],
            "Score": [None if p.score is None else round(p.score, 1) for p in result.pillars],
            "Text": ["not answered" if p.score is None else f"{p.score:.1f}" for p in result.pillars],
        }
    )
    data["Plotted"] = data["Score"].fillna(0)
    return data


def pillar_bars(rubric: Rubric, result: Result) -> alt.LayerChart:
    """Horizontal bars of the pillar scores, with the readiness level thresholds marked."""
    return _bars(rubric, bars_data(result), len(result.pillars))


def _bars(rubric: Rubric, data: pd.DataFrame | alt.NamedData, pillars: int) -> alt.LayerChart:
    x = alt.X("Plotted:Q", scale=alt.Scale(domain=[0, 100]), title="Score (0-100)",
              axis=alt.Axis(labelFontSize=LABEL_FONT, titleFontSize=LABEL_FONT))
    y = alt.Y("Pillar:N", sort=None, title=None, axis=alt.Axis(labelFontSize=LABEL_FONT + 1, labelLimit=200))
    bars = alt.Chart(data).mark_bar(height=28).encode(
        x=x, y=y, color=alt.Color("Pillar:N", scale=_colour_scale(rubric), legend=None),
        tooltip=["Pillar:N", "Score:Q"],
    )
    values = alt.Chart(data).mark_text(align="left", dx=6, fontSize=LABEL_FONT + 1, fontWeight="bold").encode(
        x=x, y=y, text="Text:N"
    )
    levels = pd.DataFrame({"Level": [lv.label for lv in rubric.levels[1:]],
                           "Threshold": [lv.min_score for lv in rubric.levels[1:]]})
    rules = alt.Chart(levels).mark_rule(strokeDash=[4, 4], color="#8a8f98").encode(x="Threshold:Q")
    # One row of labels above the bars, each centred in its level's band (from its threshold to the
    # next), so neighbouring labels never stagger or overlap.
    bounds = [*levels["Threshold"].tolist()[1:], 100.0]
    levels["Middle"] = [(lo + hi) / 2 for lo, hi in zip(levels["Threshold"], bounds, strict=True)]
    rule_labels = [
        alt.Chart(levels).mark_text(align="center", fontSize=LABEL_FONT - 2, color="#5c6370",
                                    baseline="bottom").encode(x="Middle:Q", y=alt.value(-4), text="Level:N")
    ]
    return alt.layer(rules, bars, values, *rule_labels).properties(height=60 * pillars + 20)


TABLE = "results-scores-table"  # the table's expander: open or not
_TABLE_OPEN = "results-scores-table-open"  # the same, kept while the expander is not on the page


# The charts' Vega-Lite specs without their data, built (and checked against the schema) once per rubric:
# building and checking them with altair took ~150 ms of every run of the Results page.
_TEMPLATES: dict[tuple[str, str, str], dict] = {}
_DATA = "result"  # the name the templates give the result's rows


def _template(kind: str, rubric: Rubric) -> dict:
    key = (kind, rubric.id, rubric.version)
    if key not in _TEMPLATES:
        source = alt.NamedData(_DATA)
        chart = _polar(rubric, source, POLAR_SIZE) if kind == "polar" else _bars(rubric, source, len(rubric.pillars))
        _TEMPLATES[key] = chart.to_dict()
    return _TEMPLATES[key]


def _with_rows(template: dict, rows: pd.DataFrame) -> dict:
    spec = copy.deepcopy(template)
    spec.setdefault("datasets", {})[_DATA] = alt.to_values(rows)["values"]
    return spec


def polar_spec(rubric: Rubric, result: Result) -> dict:
    """`principle_polar` as a Vega-Lite spec, from the rubric's template."""
    return _with_rows(_template("polar", rubric), polar_data(rubric, result))


def bars_spec(rubric: Rubric, result: Result) -> dict:
    """`pillar_bars` as a Vega-Lite spec, from the rubric's template."""
    return _with_rows(_template("bars", rubric), bars_data(result))


def show(rubric: Rubric, result: Result) -> None:
    """Both charts, one under the other, each at its own width (side by side, the polar chart's labels ran
    into the bars on a 1000 px screen), then the scores as a table."""
    st.markdown("**The nine principles**")
    st.vega_lite_chart(polar_spec(rubric, result), width="content")
    st.markdown("**Pillars**")
    st.vega_lite_chart(bars_spec(rubric, result), width="stretch")
    _table(rubric, result)


@st.fragment
def _table(rubric: Rubric, result: Result) -> None:
    """Full width (every name and column in view), drawn once opened: a first visit need not draw a table it
    does not show. Opening it reruns only this part."""
    # Open or closed as it was left, also after "Gaps only" (which removes it, and with it its own state).
    box = st.expander("Scores as a table", expanded=st.session_state.get(_TABLE_OPEN, False), key=TABLE,
                      on_change="rerun")
    st.session_state[_TABLE_OPEN] = bool(box.open)
    if box.open:  # a static table wraps its names: every column in view at 1000 px, no sideways scroll
        box.table(scores_table(rubric, result), hide_index=True)

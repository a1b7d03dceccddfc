"""The trend of the overall score over the snapshots, as an altair chart (the engine's figures only)."""

from __future__ import annotations

import datetime as dt
import json

import altair as alt
import pandas as pd

from assessment.progress.trend import TrendPoint
from assessment.rubric import Rubric

_DOMAIN = alt.Scale(domain=[0, 100])


def point_labels(points: tuple[TrendPoint, ...]) -> list[str]:
    """The x-axis label of each point: its date, the time instead for a further snapshot of the same day
    (snapshots minutes apart get one tick each, never a tick every 30 seconds), "Now" for the answers now."""
    out, day = [], None
    for p in points:
        if p.taken_at is None:
            out.append("Now")
            continue
        taken = p.taken_at.date()
        out.append(p.taken_at.strftime("%H:%M") if taken == day else taken.isoformat())
        day = taken
    return out


def trend_table(points: tuple[TrendPoint, ...], now: dt.datetime) -> pd.DataFrame:
    return pd.DataFrame({
        "Step": list(range(len(points))),
        "When": [(p.taken_at or now).strftime("%Y-%m-%d %H:%M") for p in points],
        "Snapshot": [p.label for p in points],
        "Score": [round(p.overall, 1) for p in points],
        "Level": [f"{p.level} (provisional)" if p.provisional else p.level for p in points],
    })


def _lookup(values: list[object], labels: list[str]) -> str:
    """A Vega expression naming each axis value (labels as JSON strings: no markup reaches the chart)."""
    expr = json.dumps("")
    for value, label in reversed(list(zip(values, labels, strict=True))):
        expr = f"datum.value == {json.dumps(value)} ? {json.dumps(label)} : ({expr})"
    return expr


def trend_chart(rubric: Rubric, points: tuple[TrendPoint, ...], now: dt.datetime) -> alt.LayerChart:
    """Score over the snapshots, one evenly spaced point each (labelled by date) and one for now, with the
    level thresholds dashed and named on the right, outside the plot, where no score line runs."""
    data = trend_table(points, now)
    steps = list(range(len(points)))
    x = alt.X("Step:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True,
                                                   labelExpr=_lookup(steps, point_labels(points))))
    y = alt.Y("Score:Q", scale=_DOMAIN, title="Overall score")
    line = alt.Chart(data).mark_line(color="#1f5fa8").encode(x=x, y=y)
    dots = alt.Chart(data).mark_point(filled=True, size=70, color="#1f5fa8").encode(
        x=x, y=y, shape=alt.Shape("Level:N", legend=alt.Legend(title="Level", orient="bottom")),
        tooltip=["When", "Snapshot", "Score", "Level"],
    )
    levels = rubric.levels[1:]
    thresholds = [lv.min_score for lv in levels]
    named = alt.Axis(orient="right", title=None, values=thresholds, grid=False, ticks=False, domain=False,
                     labelExpr=_lookup(thresholds, [lv.label for lv in levels]), labelColor="#5c6370")
    rules = alt.Chart(pd.DataFrame({"Threshold": thresholds})).mark_rule(strokeDash=[4, 4], color="#8a8f98").encode(
        y=alt.Y("Threshold:Q", scale=_DOMAIN, axis=named))
    return alt.layer(rules, alt.layer(line, dots)).resolve_scale(y="independent").properties(height=260)

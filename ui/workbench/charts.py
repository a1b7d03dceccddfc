"""Altair charts of a workbench result: cost vs quality with the Pareto frontier, and the projection.

Pure functions from the engine's result to a chart spec (no Streamlit), so tests can read them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from assessment.workbench import WorkbenchResult

KIND_COLOURS = alt.Scale(domain=["Hosted API", "Self-hosted"], range=["#4c78a8", "#f58518"])


def _cost_scale(costs: list[float]) -> alt.Scale:
    # Costs often span orders of magnitude (a small API tier vs a GPU cluster): log scale then.
    low, high = min(costs), max(costs)
    return alt.Scale(type="log") if low > 0 and high / low > 20 else alt.Scale(zero=False, padding=20)


def cost_quality(result: WorkbenchResult) -> alt.LayerChart:
    """Every option as a point (monthly cost vs quality); the Pareto frontier as a line through its
    options, cheapest first. Points off the frontier are hollow: something else is cheaper and as good."""
    points = pd.DataFrame(
        [
            {
                "option": o.name,
                "kind": o.kind_label,
                "monthly_cost": o.monthly_cost,
                "quality": o.quality,
                "cost_per_1m": o.cost_per_million,
                "frontier": "On the frontier" if o.on_frontier else "Dominated",
            }
            for o in result.options
        ]
    )
    x = alt.X("monthly_cost:Q", title="Monthly cost ($)", scale=_cost_scale(points["monthly_cost"].tolist()))
    y = alt.Y("quality:Q", title="Quality on your niche task (0-100)", scale=alt.Scale(zero=False, padding=20))
    tooltip = [
        alt.Tooltip("option:N", title="Option"),
        alt.Tooltip("kind:N", title="Kind"),
        alt.Tooltip("monthly_cost:Q", title="Monthly cost ($)", format=",.0f"),
        alt.Tooltip("cost_per_1m:Q", title="$ per 1M tokens", format=",.3f"),
        alt.Tooltip("quality:Q", title="Quality"),
        alt.Tooltip("frontier:N", title="Pareto"),
    ]
    frontier = points[points["frontier"] == "On the frontier"].sort_values("monthly_cost")
    line = (
        alt.Chart(frontier)
        .mark_line(color="#54a24b", strokeWidth=2, interpolate="step-after")
        .encode(x=x, y=y, order="monthly_cost:Q")
    )
    dots = (
        alt.Chart(points)
        .mark_point(size=140, strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=alt.Color("kind:N", title="Kind", scale=KIND_COLOURS, legend=alt.Legend(orient="bottom")),
            shape=alt.Shape("kind:N", title="Kind", legend=alt.Legend(orient="bottom")),
            fill=alt.condition(
                alt.datum.frontier == "On the frontier", alt.Color("kind:N", scale=KIND_COLOURS), alt.value("white")
            ),
            tooltip=tooltip,
        )
    )
    # Names of the dearer options go to the left of their point so they stay inside the chart, and
    # neighbours in cost order alternate above and below their points, so close points' names do
    # not print over each other.
    middle = (points["monthly_cost"].min() * points["monthly_cost"].max()) ** 0.5
    left_side = points["monthly_cost"] > middle
    rank = points["monthly_cost"].rank(method="first").astype(int)
    above = rank % 2 == 1
    labels = [
        alt.Chart(points[side & level]).mark_text(align=align, dx=dx, dy=dy, fontSize=11, baseline="middle")
        .encode(x=x, y=y, text="option:N")
        for side, align, dx in ((~left_side, "left", 9), (left_side, "right", -9))
        for level, dy in ((above, -13), (~above, 15))
    ]
    return alt.layer(line, dots, *labels).properties(height=380, title="Cost vs quality (line: Pareto frontier)")


def projection(result: WorkbenchResult) -> alt.LayerChart:
    """Monthly cost of each option as API prices fall; a rule where each advantage disappears."""
    data = pd.DataFrame(
        [
            {
                "month": p.month,
                "option": p.option,
                "kind": "Hosted API" if p.kind == "api" else "Self-hosted",
                "monthly_cost": p.monthly_cost,
            }
            for p in result.projection
        ]
    )
    spec = result.workbench.projection
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("month:Q", title="Months from now", scale=alt.Scale(domain=[0, spec.months])),
            # linear, so the crossings where an advantage disappears read at a glance
            y=alt.Y("monthly_cost:Q", title="Monthly cost ($)"),
            color=alt.Color("option:N", title="Option", legend=alt.Legend(labelLimit=260)),
            strokeDash=alt.StrokeDash(
                "kind:N", title="Kind", legend=alt.Legend(symbolType="stroke", symbolStrokeColor="#666")
            ),
            tooltip=[
                alt.Tooltip("option:N", title="Option"),
                alt.Tooltip("month:Q", title="Month"),
                alt.Tooltip("monthly_cost:Q", title="Monthly cost ($)", format=",.0f"),
            ],
        )
    )
    gone = pd.DataFrame(
        [
            {"month": a.month, "what": f"{a.self_hosted} loses its edge over {a.api}"}
            for a in result.advantage_losses
            if a.month is not None
        ],
        columns=["month", "what"],
    )
    rules = (
        alt.Chart(gone)
        .mark_rule(color="#e45756", strokeDash=[4, 3])
        .encode(x="month:Q", tooltip=[alt.Tooltip("what:N", title="Advantage gone"), alt.Tooltip("month:Q")])
    )
    title = f"API prices falling {spec.factor:g}x over {spec.months} months (self-hosted held flat)"
    return (lines + rules).properties(height=340, title=title)

"""The app's workbench charts carry the frontier and the advantage months of the engine's result."""

from __future__ import annotations

from assessment.workbench import compute, parse_workbench
from ui.workbench import charts as workbench_charts


def test_cost_quality_chart_draws_the_frontier_cheapest_first(examples):
    result = compute(parse_workbench(examples["harbor-legal-ai"].workbench))
    spec = workbench_charts.cost_quality(result).to_dict()
    frontier_layer = spec["layer"][0]
    assert frontier_layer["mark"]["type"] == "line"
    frontier_rows = spec["datasets"][frontier_layer["data"]["name"]]
    assert [r["option"] for r in frontier_rows] == [
        "Closed API, small tier (illustrative)",
        "Harbor Contract 8B, self-hosted",
        "Harbor Contract 32B, self-hosted",
    ]
    # every option is a point; dominated ones are marked as such
    dots = spec["datasets"][spec["layer"][1]["data"]["name"]]
    assert {r["option"]: r["frontier"] for r in dots}["Closed API, large tier (illustrative)"] == "Dominated"
    # costs span $666 to $6,660 (10x): a linear axis
    assert spec["layer"][1]["encoding"]["x"]["scale"].get("type") != "log"


def test_projection_chart_marks_the_months_advantages_disappear(examples):
    result = compute(parse_workbench(examples["harbor-legal-ai"].workbench))
    spec = workbench_charts.projection(result).to_dict()
    rules = spec["datasets"][spec["layer"][1]["data"]["name"]]
    assert sorted(r["month"] for r in rules) == [3, 7]
    lines = spec["datasets"][spec["layer"][0]["data"]["name"]]
    assert len(lines) == 4 * 19
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 18]

"""Bad input gets a message on the field that names the row and the limit; good input round-trips."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from assessment.answers import dump_assessment, parse_assessment
from assessment.errors import InputError
from assessment.workbench import (
    MAX_TOTAL_GPUS,
    WorkbenchError,
    build_workbench,
    comparison_csv,
    compute,
    dump_workbench,
    example_workbench,
    options_from_rows,
    parse_workbench,
    rows_from_options,
)
from cli.main import main

ROOT = Path(__file__).resolve().parents[3]
WORKLOAD = {
    "basis": "requests",
    "monthly_requests": 1000,
    "input_tokens_per_request": 500,
    "output_tokens_per_request": 200,
}
PROJECTION = {"factor": 10, "months": 18}
API_ROW = {"Option": "Closed", "Kind": "Hosted API", "Quality (0-100)": 80, "$ / 1M input": 3, "$ / 1M output": 9}
SELF_ROW = {
    "Option": "Ours",
    "Kind": "Self-hosted",
    "Quality (0-100)": 75,
    "GPU type": "L40S",
    "GPUs / replica": 1,
    "$ / GPU-hour": 1.2,
    "Tokens/s / replica": 900,
    "Target utilisation %": 60,
    "Ops $ / month": 300,
    "Example": False,
}


def problems(workload=WORKLOAD, rows=(API_ROW, SELF_ROW), projection=PROJECTION) -> dict[str, str]:
    with pytest.raises(WorkbenchError) as info:
        build_workbench(dict(workload), [dict(r) for r in rows], dict(projection))
    return {p.path: p.message for p in info.value.problems}


def test_good_input_builds():
    wb = build_workbench(WORKLOAD, [API_ROW, SELF_ROW], PROJECTION)
    assert [o.name for o in wb.options] == ["Closed", "Ours"]
    assert wb.options[1].gpu_label == "L40S"


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"Tokens/s / replica": 0}, "options[1].tokens_per_second", "must be at least 0.01 tokens/s"),
        ({"Tokens/s / replica": -50}, "options[1].tokens_per_second", "must be at least 0.01 tokens/s"),
        ({"$ / GPU-hour": 0}, "options[1].gpu_hour_price", "must be at least $0.001"),
        ({"$ / GPU-hour": -1}, "options[1].gpu_hour_price", "must be at least $0.001"),
        ({"Target utilisation %": 0}, "options[1].target_utilisation_pct", "must be above 0% and at most 100%"),
        ({"Target utilisation %": 120}, "options[1].target_utilisation_pct", "must be above 0% and at most 100%"),
        (
            {"GPUs / replica": 1_000_000},
            "options[1].gpus_per_replica",
            "must be at most 512 (is this value realistic?)",
        ),
        ({"GPUs / replica": 1.5}, "options[1].gpus_per_replica", "must be a whole number"),
        ({"GPUs / replica": 0}, "options[1].gpus_per_replica", "must be at least 1"),
        ({"Tokens/s / replica": math.nan}, "options[1].tokens_per_second", "is required"),
        ({"Tokens/s / replica": "fast"}, "options[1].tokens_per_second", "must be a number"),
        ({"Tokens/s / replica": math.inf}, "options[1].tokens_per_second", "must be a finite number"),
        ({"Ops $ / month": -5}, "options[1].ops_monthly", "must be at least $0"),
        ({"Quality (0-100)": 101}, "options[1].quality", "must be between 0 and 100"),
        ({"Option": "  "}, "options[1].name", "must not be empty"),
        ({"Option": "Closed"}, "options[1].name", "'Closed' is already used by row 1"),
        ({"Kind": None}, "options[1].kind", "choose Hosted API or Self-hosted"),
    ],
)
def test_bad_self_hosted_cell(change, path, message):
    assert problems(rows=(API_ROW, {**SELF_ROW, **change})) == {path: message}


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"$ / 1M input": 0}, "options[0].price_per_m_input", "must be at least $0.0001"),
        ({"$ / 1M output": -2}, "options[0].price_per_m_output", "must be at least $0.0001"),
        (
            {"$ / 1M output": 50_000},
            "options[0].price_per_m_output",
            "must be at most $10,000 (is this value realistic?)",
        ),
        ({"$ / 1M input": None}, "options[0].price_per_m_input", "is required"),
    ],
)
def test_bad_api_cell(change, path, message):
    assert problems(rows=({**API_ROW, **change}, SELF_ROW)) == {path: message}


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"monthly_requests": 0}, "workload.monthly_requests", "must be at least 1"),
        ({"monthly_requests": -10}, "workload.monthly_requests", "must be at least 1"),
        ({"monthly_requests": None}, "workload.monthly_requests", "is required"),
        (
            {"monthly_requests": 1e13},
            "workload.monthly_requests",
            "must be at most 1,000,000,000,000 (is this value realistic?)",
        ),
        ({"input_tokens_per_request": -1}, "workload.input_tokens_per_request", "must be at least 0"),
        (
            {"input_tokens_per_request": 0, "output_tokens_per_request": 0},
            "workload.output_tokens_per_request",
            "input and output tokens cannot both be 0 (at least 1 token a month)",
        ),
        ({"basis": "tokens"}, "workload.monthly_input_tokens", "is required"),
    ],
)
def test_bad_workload_field(change, path, message):
    assert problems(workload={**WORKLOAD, **change})[path] == message


def test_bad_projection():
    assert problems(projection={"factor": 0.5, "months": 0}) == {
        "projection.factor": "must be at least 1 (1 means prices do not fall) and at most 1,000",
        "projection.months": "must be at least 1",
    }


def test_empty_table():
    assert problems(rows=()) == {"options": "add at least one option (the table is empty)"}
    # rows added in the grid and never filled count as empty
    blank = {k: None for k in SELF_ROW} | {"Example": False, "Tokens/s / replica": math.nan}
    assert problems(rows=(blank, blank)) == {"options": "add at least one option (the table is empty)"}


def test_every_problem_is_reported_at_once():
    found = problems(
        workload={**WORKLOAD, "monthly_requests": 0},
        rows=({**API_ROW, "$ / 1M input": 0}, {**SELF_ROW, "Target utilisation %": 0, "$ / GPU-hour": 0}),
    )
    assert set(found) == {
        "workload.monthly_requests",
        "options[0].price_per_m_input",
        "options[1].target_utilisation_pct",
        "options[1].gpu_hour_price",
    }


def test_absurd_total_gpus():
    # 1e12 requests x 1,000 tokens at 1 tok/s needs billions of replicas of 8 GPUs
    found = problems(
        workload={**WORKLOAD, "monthly_requests": 1e9},
        rows=(API_ROW, {**SELF_ROW, "Tokens/s / replica": 1, "GPUs / replica": 8}),
    )
    assert list(found) == ["options[1].tokens_per_second"]
    assert f"limit {MAX_TOTAL_GPUS:,}" in found["options[1].tokens_per_second"]
    assert "would need" in found["options[1].tokens_per_second"]


def test_rows_keep_grid_numbers_past_a_blank_row():
    blank = dict.fromkeys(SELF_ROW)
    with pytest.raises(WorkbenchError) as info:
        build_workbench(WORKLOAD, [API_ROW, blank, {**SELF_ROW, "Option": "Closed"}], PROJECTION)
    (problem,) = info.value.problems
    assert (problem.path, problem.row) == ("options[2].name", 2)
    assert problem.describe("Closed") == "Row 3 (Closed), Option name: 'Closed' is already used by row 1"


def test_problem_describe_for_a_cell():
    with pytest.raises(WorkbenchError) as info:
        options_from_rows([API_ROW, {**SELF_ROW, "$ / GPU-hour": 0}])
    (problem,) = info.value.problems
    assert problem.describe("Ours") == "Row 2 (Ours), Price per GPU-hour: must be at least $0.001"


def test_unused_columns_are_ignored_for_the_other_kind():
    # an API row with stray self-hosted cells is still a valid API row
    row = {**API_ROW, "Tokens/s / replica": -5, "GPUs / replica": 0}
    (option,) = options_from_rows([row])
    assert option.kind == "api"


def test_grid_round_trip():
    wb = example_workbench()
    assert options_from_rows(rows_from_options(wb.options)) == wb.options


def test_saved_round_trip():
    wb = example_workbench()
    data = json.loads(json.dumps(dump_workbench(wb)))
    assert parse_workbench(data) == wb


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["options"][0].update(colour="red"), "options[0].colour: unknown key"),
        (
            lambda d: d["options"][2].update(target_utilisation_pct=0),
            "options[2].target_utilisation_pct: must be above",
        ),
        (lambda d: d["options"][0].update(kind="gpu"), "options[0]: kind must be 'api' (hosted API) or 'self_hosted'"),
        (lambda d: d.update(options=[]), "options: add at least one option (the table is empty)"),
        (lambda d: d.update(format_version=2), "format_version: "),
    ],
)
def test_saved_workbench_errors(mutate, expected):
    data = dump_workbench(example_workbench())
    mutate(data)
    with pytest.raises(WorkbenchError) as info:
        parse_workbench(data, "saved")
    assert expected in str(info.value)


def test_assessment_file_with_bad_workbench_is_rejected(rubric, tmp_path, capsys):
    data = json.loads((ROOT / "examples" / "harbor-legal-ai.json").read_text())
    data["workbench"] = dump_workbench(example_workbench())
    data["workbench"]["options"][3]["gpus_per_replica"] = 1_000_000
    raw = json.dumps(data)
    with pytest.raises(InputError) as info:
        parse_assessment(raw, rubric, "bad.json")
    assert str(info.value) == (
        "bad.json: workbench.options[3].gpus_per_replica: must be at most 512 (is this value realistic?)"
    )
    path = tmp_path / "bad.json"
    path.write_text(raw)
    assert main(["score", str(path)]) == 2
    assert "workbench.options[3].gpus_per_replica" in capsys.readouterr().err


def test_assessment_keeps_a_valid_workbench(rubric):
    data = json.loads((ROOT / "examples" / "harbor-legal-ai.json").read_text())
    data["workbench"] = dump_workbench(example_workbench())
    assessment = parse_assessment(json.dumps(data), rubric)
    again = parse_assessment(dump_assessment(assessment), rubric)
    assert parse_workbench(again.workbench) == example_workbench()


def test_csv_export():
    result = compute(example_workbench())
    frame = pd.read_csv(io.BytesIO(comparison_csv(result)))
    assert list(frame["option"]) == [o.name for o in example_workbench().options]
    assert list(frame["monthly_cost_usd"]) == [8400.0, 840.0, 2460.0, 7840.0]
    assert list(frame["pareto_frontier"]) == [False, True, True, True]
    assert list(frame["kind"]) == ["Hosted API", "Hosted API", "Self-hosted", "Self-hosted"]
    assert frame["replicas"].tolist()[2:] == [1, 1]


def test_csv_defuses_spreadsheet_formulas():
    rows = [{**API_ROW, "Option": '=HYPERLINK("http://x")'}]
    wb = build_workbench(WORKLOAD, rows, PROJECTION)
    text = comparison_csv(compute(wb)).decode()
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text and '\n"=HYPERLINK' not in text

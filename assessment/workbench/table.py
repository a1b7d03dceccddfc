"""The options as a flat table (one row per option, every column present) and back.

The app edits options in one grid; hosted-API rows leave the self-hosted columns empty and the
other way round. `options_from_rows` turns the grid back into validated options and reports
each bad cell by row and column, in words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from assessment.workbench.model import (
    MAX_OPTIONS,
    ApiOption,
    Option,
    Problem,
    Projection,
    SelfHostedOption,
    Workbench,
    WorkbenchError,
    Workload,
    problems_from,
)


@dataclass(frozen=True)
class Column:
    """One grid column: the option field it edits, its heading, and which kinds use it."""

    field: str
    heading: str
    kinds: tuple[str, ...]
    help: str = ""


BOTH = ("api", "self_hosted")
COLUMNS: tuple[Column, ...] = (
    Column("name", "Option", BOTH, "A name you will recognise in the chart, e.g. 'Closed API, large tier'."),
    Column("kind", "Kind", BOTH, "Hosted API (priced per token) or Self-hosted (GPUs you rent)."),
    Column("quality", "Quality (0-100)", BOTH, "Your own score on your niche task, from your evals."),
    Column("price_per_m_input", "$ / 1M input", ("api",), "Hosted API: price per million input tokens."),
    Column("price_per_m_output", "$ / 1M output", ("api",), "Hosted API: price per million output tokens."),
    Column("gpu_label", "GPU type", ("self_hosted",), "Self-hosted: a label for the GPU, e.g. 'A100 80GB'."),
    Column("gpus_per_replica", "GPUs / replica", ("self_hosted",), "Self-hosted: GPUs one model replica needs."),
    Column("gpu_hour_price", "$ / GPU-hour", ("self_hosted",), "Self-hosted: what you pay per GPU per hour."),
    Column(
        "tokens_per_second",
        "Tokens/s / replica",
        ("self_hosted",),
        "Self-hosted: sustained input+output tokens per second one replica serves in your load test.",
    ),
    Column(
        "target_utilisation_pct",
        "Target utilisation %",
        ("self_hosted",),
        "Self-hosted: how busy you plan to run each replica (headroom for peaks), above 0 and at most 100.",
    ),
    Column("ops_monthly", "Ops $ / month", ("self_hosted",), "Self-hosted: fixed monthly operations cost."),
    Column("example", "Example", BOTH, "Ticked rows are placeholders to replace, not market prices."),
)
COLUMN_BY_FIELD = {c.field: c for c in COLUMNS}
KIND_BY_LABEL = {"Hosted API": "api", "Self-hosted": "self_hosted"}
LABEL_BY_KIND = {v: k for k, v in KIND_BY_LABEL.items()}

_OPTION = TypeAdapter(Option)


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def rows_from_options(options: list[ApiOption | SelfHostedOption]) -> list[dict[str, Any]]:
    """One dict per option, keyed by column heading; unused columns are None."""
    rows = []
    for option in options:
        data = option.model_dump()
        row = {c.heading: (data.get(c.field) if option.kind in c.kinds else None) for c in COLUMNS}
        row["Kind"] = LABEL_BY_KIND[option.kind]
        rows.append(row)
    return rows


def _row_problem(row: int, field: str, message: str) -> Problem:
    return Problem(path=f"options[{row}].{field}", field=field, row=row, message=message)


def _option_from_row(index: int, row: dict[str, Any]) -> tuple[Option | None, list[Problem]]:
    kind_label = row.get("Kind")
    kind = KIND_BY_LABEL.get(kind_label) if isinstance(kind_label, str) else None
    if kind is None:
        return None, [_row_problem(index, "kind", "choose Hosted API or Self-hosted")]
    data: dict[str, Any] = {"kind": kind}
    for column in COLUMNS:
        if column.field == "kind" or kind not in column.kinds:
            continue
        value = row.get(column.heading)
        if column.field == "example":
            data["example"] = bool(value) if not _blank(value) else False
        elif column.field == "gpu_label":
            data["gpu_label"] = "" if _blank(value) else str(value).strip()
        elif column.field == "name":
            data["name"] = "" if _blank(value) else str(value).strip()
        elif not _blank(value):
            data[column.field] = value
    try:
        return _OPTION.validate_python(data), []
    except ValidationError as exc:
        return None, problems_from(exc, prefix=("options", index))


def _is_blank_row(row: dict[str, Any]) -> bool:
    return all(_blank(v) or v is False for v in row.values())


def _parse_rows(rows: list[dict[str, Any]]) -> tuple[list[Option], list[int], list[Problem]]:
    """(options, the grid row of each option, problems). Blank rows (a row added and never filled)
    are skipped; problems keep the grid's own row numbers."""
    problems: list[Problem] = []
    options: list[Option] = []
    grid_rows: list[int] = []
    filled = [i for i, r in enumerate(rows) if not _is_blank_row(r)]
    if not filled:
        problems.append(Problem("options", "options", None, "add at least one option (the table is empty)"))
    elif len(filled) > MAX_OPTIONS:
        problems.append(Problem("options", "options", None, f"at most {MAX_OPTIONS} options"))
    for i in filled:
        option, found = _option_from_row(i, rows[i])
        problems.extend(found)
        if option is not None:
            options.append(option)
            grid_rows.append(i)
    return options, grid_rows, problems


def options_from_rows(rows: list[dict[str, Any]]) -> list[Option]:
    """Validated options from grid rows. Raises WorkbenchError naming every bad cell by its grid
    row; an empty table is an error too."""
    options, _, problems = _parse_rows(rows)
    if problems:
        raise WorkbenchError("options", problems)
    return options


def _to_grid_row(problem: Problem, grid_rows: list[int]) -> Problem:
    if problem.row is None:
        return problem
    row = grid_rows[problem.row]
    path = problem.path.replace(f"options[{problem.row}]", f"options[{row}]", 1)
    return Problem(path, problem.field, row, problem.message)


def build_workbench(workload: dict[str, Any], rows: list[dict[str, Any]], projection: dict[str, Any]) -> Workbench:
    """A validated workbench from the app's inputs. Raises WorkbenchError listing every problem
    (workload fields, each bad cell, cross-row checks such as duplicate names), rows numbered as
    in the grid."""
    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    for name, model, data in (("workload", Workload, workload), ("projection", Projection, projection)):
        try:
            parsed[name] = model.model_validate(data)
        except ValidationError as exc:
            problems.extend(problems_from(exc, prefix=(name,)))
    options, grid_rows, row_problems = _parse_rows(rows)
    problems.extend(row_problems)
    if problems:
        raise WorkbenchError("workbench", problems)
    try:
        return Workbench(workload=parsed["workload"], options=options, projection=parsed["projection"])
    except ValidationError as exc:
        raise WorkbenchError("workbench", [_to_grid_row(p, grid_rows) for p in problems_from(exc)]) from None

"""The one spreadsheet formula guard (assessment/exports/spreadsheet.py), and both CSV exports that use it."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from assessment.exports.spreadsheet import FORMULA_START, csv_bytes, defuse, defuse_frame
from assessment.workbench.export import to_csv
from assessment.workshop.cohort import CompanyAnswers, aggregate_cohort
from reports.workshop.exports import cohort_csv

RISKY = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", RISKY)
def test_formula_starters_become_text(text):
    assert text.startswith(FORMULA_START)
    assert defuse(text) == "'" + text


@pytest.mark.parametrize("value", ["Acme Models", "", "a=b", "'=already text", 42, -3.5, None, True])
def test_everything_else_passes_through(value):
    assert defuse(value) is value


def test_defuse_frame_changes_text_only():
    frame = pd.DataFrame({"name": ["=1+1", "ok"], "score": [-1.5, 2.0], "n": [-1, 2]}, index=["@x", "y"])
    out = defuse_frame(frame)
    assert list(out["name"]) == ["'=1+1", "ok"] and list(out.index) == ["'@x", "y"]
    assert out["score"].tolist() == [-1.5, 2.0] and out["n"].dtype == frame["n"].dtype
    assert list(frame["name"]) == ["=1+1", "ok"]  # the input is not changed


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_a_carriage_return_inside_a_cell_cannot_start_a_row_with_a_formula():
    # Excel and LibreOffice break rows at a bare CR: unquoted, "=HYPERLINK" would open a new row.
    data = csv_bytes(pd.DataFrame({"option": ['x\r=HYPERLINK("http://x")'], "cost": [1]}))
    assert _rows(data) == [["option", "cost"], ['x\r=HYPERLINK("http://x")', "1"]]
    assert b'"x\r=HYPERLINK' in data


def test_workbench_and_workshop_csv_neutralise_the_same_way(rubric):
    """Both exports go through the one guard: a name reads back as the same text cell in either file."""
    names = [*RISKY, "Plain Co"]
    workbench = [row[0] for row in _rows(to_csv(pd.DataFrame({"option": names})))[1:]]
    cohort = aggregate_cohort(rubric, [CompanyAnswers(name=n, participants=[]) for n in names])
    workshop = [row[0] for row in _rows(cohort_csv(cohort))[1:]]
    assert workbench == workshop == [defuse(n) for n in names]
    assert all(cell.startswith("'") for cell in workshop[:-1]) and workshop[-1] == "Plain Co"

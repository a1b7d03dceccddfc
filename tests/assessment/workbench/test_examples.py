"""The shipped example assessment carries a filled-in workbench, so its report shows the section."""

from __future__ import annotations

import pytest

from assessment.workbench import Outcome, compute, parse_workbench


def test_harbor_has_a_valid_workbench(examples):
    wb = parse_workbench(examples["harbor-legal-ai"].workbench)
    # 120,000 requests x (9,000 in + 700 out) = 1,080M input + 84M output = 1,164M tokens a month
    assert wb.workload.total_tokens == pytest.approx(1_164e6)
    assert all(o.example for o in wb.options)  # illustrative figures, marked as such
    result = compute(wb)
    cost = {o.name: o.monthly_cost for o in result.options}
    assert cost["Closed API, large tier (illustrative)"] == pytest.approx(1_080 * 5 + 84 * 15)  # $6,660
    assert cost["Harbor Contract 8B, self-hosted"] == pytest.approx(2.2 * 730 + 1_200)  # $2,806
    outcomes = {(b.self_hosted, b.api): b.outcome for b in result.break_evens}
    assert (
        outcomes[("Harbor Contract 8B, self-hosted", "Closed API, large tier (illustrative)")]
        is Outcome.ALREADY_CHEAPER
    )
    # 18 x log10(6,660 / 2,806) = 6.76 -> the 8B's price advantage over the large API is gone by month 7
    months = {(a.self_hosted, a.api): a.month for a in result.advantage_losses}
    assert months[("Harbor Contract 8B, self-hosted", "Closed API, large tier (illustrative)")] == 7


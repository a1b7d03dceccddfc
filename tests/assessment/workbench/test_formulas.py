"""Cost formulas against worked examples, with the arithmetic written out.

A month is 730 hours (365 x 24 / 12) = 2,628,000 seconds.
"""

from __future__ import annotations

import pytest

from assessment.workbench import (
    HOURS_PER_MONTH,
    SECONDS_PER_MONTH,
    Workbench,
    Workload,
    compute,
    example_workbench,
    pareto_frontier,
)
from tests.assessment.workbench.helpers import api, hosted

# 100,000 requests x (1,000 input + 500 output) tokens
# = 100,000,000 input + 50,000,000 output = 150,000,000 tokens a month.
WORKLOAD = Workload(monthly_requests=100_000, input_tokens_per_request=1_000, output_tokens_per_request=500)


def test_month_constants():
    assert HOURS_PER_MONTH == 365 * 24 / 12 == 730
    assert SECONDS_PER_MONTH == 730 * 3600 == 2_628_000


def test_workload_totals_from_requests():
    assert WORKLOAD.input_tokens == 100_000_000
    assert WORKLOAD.output_tokens == 50_000_000
    assert WORKLOAD.total_tokens == 150_000_000
    assert WORKLOAD.input_share == pytest.approx(100 / 150)
    assert WORKLOAD.tokens_per_request == 1_500


def test_workload_given_as_monthly_tokens():
    w = Workload(basis="tokens", monthly_input_tokens=3e9, monthly_output_tokens=1e9)
    assert (w.input_tokens, w.output_tokens, w.total_tokens) == (3e9, 1e9, 4e9)
    assert w.tokens_per_request is None


def test_api_cost_worked_example():
    result = compute(Workbench(workload=WORKLOAD, options=[api("API", p_in=2.0, p_out=8.0, quality=80)]))
    (o,) = result.options
    # 100M input / 1M x $2 = $200; 50M output / 1M x $8 = $400; total $600 a month.
    assert o.monthly_cost == pytest.approx(600.0)
    # $600 / 150 (millions of tokens) = $4.00 per 1M tokens, blended.
    assert o.cost_per_million == pytest.approx(4.0)
    # quality per dollar: 80 points / $4 per 1M = 20.
    assert o.quality_per_dollar == pytest.approx(20.0)
    assert (o.replicas, o.gpus, o.utilisation_pct) == (None, None, None)


def test_self_hosted_cost_worked_example():
    option = hosted("Self", gpus=2, gpu_hour=1.5, tps=100, util=50, ops=500, quality=65)
    result = compute(Workbench(workload=WORKLOAD, options=[option]))
    (o,) = result.options
    # capacity of one replica at 50%: 100 tok/s x 2,628,000 s x 0.5 = 131,400,000 tokens a month
    assert option.capacity_per_replica == pytest.approx(131_400_000)
    # 150M tokens / 131.4M per replica = 1.14 -> 2 replicas (whole replicas only), 2 x 2 GPUs = 4 GPUs
    assert (o.replicas, o.gpus) == (2, 4)
    # a replica costs 2 GPUs x $1.50 x 730 h = $2,190 a month; 2 x $2,190 + $500 ops = $4,880
    assert option.replica_monthly_cost == pytest.approx(2_190)
    assert o.monthly_cost == pytest.approx(4_880)
    # $4,880 / 150 = $32.5333 per 1M tokens; quality per dollar 65 / 32.5333 = 1.998
    assert o.cost_per_million == pytest.approx(4_880 / 150)
    assert o.quality_per_dollar == pytest.approx(65 / (4_880 / 150))
    # actual load: 150M / (2 replicas x 100 tok/s x 2,628,000 s = 525.6M) = 28.54%
    assert o.utilisation_pct == pytest.approx(100 * 150 / 525.6)


@pytest.mark.parametrize(
    ("volume", "replicas", "cost"),
    [
        # capacity 131.4M per replica (as above), replica $2,190, ops $500
        (1, 1, 2_190 + 500),  # a tiny volume still keeps one replica up all month
        (131_400_000, 1, 2_190 + 500),  # exactly one replica's capacity
        (131_400_001, 2, 2 * 2_190 + 500),  # one token more needs a second replica
        (1_314_000_000, 10, 10 * 2_190 + 500),  # ten replicas' worth
    ],
)
def test_self_hosted_cost_is_stepwise(volume, replicas, cost):
    option = hosted(gpus=2, gpu_hour=1.5, tps=100, util=50, ops=500)
    assert option.replicas_for(volume) == replicas
    assert option.monthly_cost(volume) == pytest.approx(cost)


def test_pareto_frontier_flags():
    points = [
        (100, 50),  # A: cheapest with 50 -> frontier
        (200, 80),  # B: better quality for more money -> frontier
        (300, 70),  # C: dearer and worse than B -> dominated
        (100, 40),  # D: same cost as A, worse -> dominated
        (200, 80),  # E: identical to B -> kept as well
    ]
    assert pareto_frontier(points) == [True, True, False, False, True]


def test_example_worksheet_numbers():
    """The shipped example, worked by hand: 200,000 requests x (6,000 in + 800 out)
    = 1,200M input + 160M output = 1,360M tokens a month."""
    result = compute(example_workbench())
    by_name = {o.name: o for o in result.options}
    large = by_name["EXAMPLE closed API, large tier"]
    small = by_name["EXAMPLE closed API, small tier"]
    eight = by_name["EXAMPLE our 8B, self-hosted"]
    seventy = by_name["EXAMPLE our 70B, self-hosted"]
    assert large.monthly_cost == pytest.approx(1_200 * 5 + 160 * 15)  # $6,000 + $2,400 = $8,400
    assert small.monthly_cost == pytest.approx(1_200 * 0.5 + 160 * 1.5)  # $600 + $240 = $840
    # 8B: capacity 2,500 x 2,628,000 x 0.6 = 3,942M > 1,360M -> 1 replica; 1 x $2 x 730 + $1,000 = $2,460
    assert (eight.replicas, eight.monthly_cost) == (1, pytest.approx(2_460))
    # 70B: capacity 1,200 x 2,628,000 x 0.6 = 1,892.16M -> 1 replica; 4 x $2 x 730 + $2,000 = $7,840
    assert (seventy.replicas, seventy.gpus, seventy.monthly_cost) == (1, 4, pytest.approx(7_840))
    # the large API ($8,400, 88) is dominated by the 70B ($7,840, 90); the rest form the frontier
    assert [o.name for o in result.frontier] == [small.name, eight.name, seventy.name]
    assert result.has_examples

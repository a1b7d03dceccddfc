"""Invariants: API cost is linear in volume, self-hosted cost is a staircase of whole replicas,
the break-even volumes really separate cheaper from dearer, and the projection month is the first."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.workbench import (
    ApiOption,
    Outcome,
    SelfHostedOption,
    advantage_loss,
    api_cost_at,
    break_even,
)
from tests.assessment.workbench.helpers import tokens

price = st.floats(min_value=0.01, max_value=100, allow_nan=False)
volume = st.floats(min_value=1e3, max_value=1e12, allow_nan=False)
scale = st.floats(min_value=0.001, max_value=1_000, allow_nan=False)

self_hosted = st.builds(
    SelfHostedOption,
    name=st.just("S"),
    quality=st.just(50.0),
    gpus_per_replica=st.integers(1, 16),
    gpu_hour_price=st.floats(min_value=0.1, max_value=20),
    tokens_per_second=st.floats(min_value=10, max_value=50_000),
    target_utilisation_pct=st.floats(min_value=5, max_value=100),
    ops_monthly=st.floats(min_value=0, max_value=50_000),
)
api_option = st.builds(
    ApiOption, name=st.just("A"), quality=st.just(50.0), price_per_m_input=price, price_per_m_output=price
)


@given(api_option, volume, volume, scale)
def test_api_cost_is_linear_in_volume(option, t_in, t_out, k):
    cost = option.monthly_cost(t_in, t_out)
    assert option.monthly_cost(k * t_in, k * t_out) == pytest.approx(k * cost, rel=1e-9)
    # and additive: two months' traffic costs the sum of the two
    assert option.monthly_cost(2 * t_in, t_out + t_out) == pytest.approx(2 * cost, rel=1e-9)
    assert option.monthly_cost(0, 0) == 0


@given(self_hosted, st.integers(1, 200), st.floats(min_value=0.01, max_value=0.99))
def test_self_hosted_cost_is_constant_within_a_replica_step(option, k, fraction):
    # any volume inside step k, i.e. in ((k - 1) C, k C], needs exactly k replicas
    inside = (k - 1 + fraction) * option.capacity_per_replica
    at_top = k * option.capacity_per_replica
    for v in (inside, at_top):
        assert option.replicas_for(v) == k
        assert option.monthly_cost(v) == pytest.approx(k * option.replica_monthly_cost + option.ops_monthly)


@given(self_hosted, volume, volume)
def test_self_hosted_cost_steps_up_in_whole_replicas(option, v1, v2):
    low, high = sorted((v1, v2))
    assert option.monthly_cost(low) <= option.monthly_cost(high)
    replicas = (option.monthly_cost(high) - option.ops_monthly) / option.replica_monthly_cost
    assert replicas == pytest.approx(round(replicas))  # always a whole number of replicas
    assert round(replicas) == max(1, math.ceil(high / option.capacity_per_replica * (1 - 1e-12)))


@settings(max_examples=200)
@given(self_hosted, api_option, st.floats(min_value=0.05, max_value=0.95), st.floats(min_value=0, max_value=1))
def test_break_even_volumes_separate_cheaper_from_dearer(option, api, input_share, where):
    workload = tokens(1e9, input_share)
    be = break_even(option, api, workload)
    per_token = api.price_per_token(input_share)

    def saving(v: float) -> float:
        return per_token * v - option.monthly_cost(v)

    if be.first_cheaper_tokens is None:
        # never strictly cheaper: check a spread of volumes up to 100 replicas
        for v in (option.capacity_per_replica * x for x in (0.01, 0.5, 1, 2.5, 10, 100)):
            assert saving(v) <= abs(option.monthly_cost(v)) * 1e-9
        assert be.outcome in (Outcome.NEVER, Outcome.EQUAL)
        return
    first, stays = be.first_cheaper_tokens, be.stays_cheaper_tokens
    assert stays is not None and first <= stays * (1 + 1e-12)
    # below the first break-even, self-hosting is never strictly cheaper
    below = first * where
    if below > 0:
        assert saving(below) <= option.monthly_cost(below) * 1e-9
    # above the "stays cheaper" volume, it always is
    for above in (stays * (1 + 1e-6), stays * (1 + where) + 1, stays * (2 + 10 * where)):
        assert saving(above) > 0
    # and just above the first break-even too (inside the same replica step)
    top_of_step = option.replicas_for(first) * option.capacity_per_replica
    just_above = first + min(first * 1e-6, (top_of_step - first) / 2)
    assert saving(just_above) > -option.monthly_cost(first) * 1e-9


@given(
    st.floats(min_value=1, max_value=1e6),
    st.floats(min_value=1.0001, max_value=1e3),
    st.floats(min_value=1.01, max_value=1000),
    st.integers(1, 120),
)
def test_advantage_month_is_the_first_month_the_api_is_no_dearer(self_cost, ratio, factor, months):
    api_now = self_cost * ratio
    exact, month = advantage_loss(self_cost, api_now, factor, months)
    if month is None:
        # the advantage holds at the end of the period (allowing for float rounding)
        assert api_cost_at(months, api_now, factor, months) >= self_cost * (1 - 1e-9)
        return
    assert 1 <= month <= months
    assert api_cost_at(month, api_now, factor, months) <= self_cost * (1 + 1e-9)
    assert api_cost_at(month - 1, api_now, factor, months) >= self_cost * (1 - 1e-9)
    assert exact is not None and month - 1 <= exact <= month + 1e-9

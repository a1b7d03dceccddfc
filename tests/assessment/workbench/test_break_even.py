"""Break-even volumes and the price-decline projection, worked by hand, with their edge cases.

Throughout: an API at $1 per 1M tokens (input and output alike) costs $0.000001 per token, and
one GPU at $1/h costs $730 a month. 1,000 tok/s at 100% serves 1,000 x 2,628,000 = 2,628M tokens.
"""

from __future__ import annotations

import math

import pytest

from assessment.workbench import (
    Outcome,
    Projection,
    Workbench,
    advantage_loss,
    api_cost_at,
    break_even,
    break_even_sentence,
    compute,
)
from tests.assessment.workbench.helpers import api, hosted, tokens


def test_breaks_even_with_a_sawtooth():
    # 500 tok/s at 100%: C = 500 x 2,628,000 = 1,314M tokens per replica; R = $730; F = $1,500.
    # A full replica's tokens cost aC = $1,314 on the API, so each replica saves $1,314 - $730 = $584.
    # First cheaper: k1 = floor(1,500 / 584) + 1 = 3 replicas; (3 x 730 + 1,500) / $1e-6 = 3,690M tokens,
    #   inside step 3 (2,628M, 3,942M].
    # Stays cheaper: k2 = ceil((730 + 1,500) / 584) = ceil(3.82) = 4; (4 x 730 + 1,500) = $4,420 -> 4,420M.
    # Just into step 4 (3,942M + 1) self-hosting costs $4,420 but the API only $3,942: the saw-tooth.
    option = hosted(tps=500, ops=1_500)
    be = break_even(option, api(), tokens(1e9))
    assert be.outcome is Outcome.BREAKS_EVEN
    # at 1,000M tokens: self-hosted $730 + $1,500 = $2,230 vs API $1,000 -> the API saves $1,230
    assert be.saving_now == pytest.approx(1_000 - 2_230)
    assert be.first_cheaper_tokens == pytest.approx(3_690e6)
    assert be.stays_cheaper_tokens == pytest.approx(4_420e6)
    assert option.monthly_cost(3_942e6 + 1) == pytest.approx(4_420)  # dearer than the API's $3,942
    text = break_even_sentence(be, 1e9)
    assert "cheaper above 4.42B tokens/month" in text
    assert "4.4x your current volume" in text
    assert "first dips below the API at 3.69B" in text


def test_break_even_in_requests_when_the_workload_has_them():
    from assessment.workbench import Workload

    # 1,000 tokens per request (500 in + 500 out); otherwise as above: 4,420M tokens = 4.42M requests
    w = Workload(monthly_requests=1_000_000, input_tokens_per_request=500, output_tokens_per_request=500)
    be = break_even(hosted(tps=500, ops=1_500), api(), w)
    assert be.stays_cheaper_requests == pytest.approx(4_420_000)
    assert be.first_cheaper_requests == pytest.approx(3_690_000)
    assert "(4.42M requests)" in break_even_sentence(be, w.total_tokens)


def test_no_ops_cost_breaks_even_within_the_first_replica():
    # C = 2,628M, R = $730, F = 0: cheaper from 730 / 1e-6 = 730M tokens and never dearer again,
    # because every further replica (a $730 step) is paid for by 2,628M x $1e-6 = $2,628 of API cost.
    be = break_even(hosted(), api(), tokens(100e6))
    assert be.outcome is Outcome.BREAKS_EVEN
    assert be.first_cheaper_tokens == pytest.approx(730e6)
    assert be.stays_cheaper_tokens == pytest.approx(730e6)
    assert "first dips" not in break_even_sentence(be, 100e6)


def test_already_cheaper():
    # API $10 per 1M: 1,000M tokens cost $10,000; one replica (C = 2,628M) costs $730.
    be = break_even(hosted(), api(p_in=10, p_out=10), tokens(1e9))
    assert be.outcome is Outcome.ALREADY_CHEAPER
    assert be.saving_now == pytest.approx(10_000 - 730)
    assert "already cheaper at your volume, by $9,270 a month" in break_even_sentence(be, 1e9)


def test_never_cheaper():
    # API $0.10 per 1M: a full replica's 2,628M tokens cost $262.80 there, less than the replica's $730.
    be = break_even(hosted(), api(p_in=0.1, p_out=0.1), tokens(1e9))
    assert be.outcome is Outcome.NEVER
    assert be.first_cheaper_tokens is None and be.stays_cheaper_tokens is None
    assert "never gets cheaper" in break_even_sentence(be, 1e9)


def test_equal_cost_at_the_current_volume():
    # 730M tokens: API 730 x $1 = $730; self-hosted one replica = $730.
    be = break_even(hosted(), api(), tokens(730e6))
    assert be.outcome is Outcome.EQUAL
    assert be.saving_now == pytest.approx(0)
    assert be.first_cheaper_tokens == pytest.approx(730e6)  # the current volume is the break-even
    assert break_even_sentence(be, 730e6) == "Both cost the same at your volume."


def test_equal_at_full_load_is_never_cheaper():
    # 1 GPU at $3.60/h: R = 3.6 x 730 = $2,628 = the API's price for a full replica's 2,628M tokens.
    option = hosted(gpu_hour=3.6)
    at_full_load = break_even(option, api(), tokens(2_628e6))
    assert at_full_load.outcome is Outcome.EQUAL
    assert at_full_load.first_cheaper_tokens is None  # equal at best, never strictly cheaper
    below = break_even(option, api(), tokens(1e9))
    assert below.outcome is Outcome.NEVER


def test_break_even_uses_the_workload_mix():
    # $1 in / $9 out; 75% input tokens -> 0.75 x 1 + 0.25 x 9 = $3 per 1M blended.
    # C = 2,628M, R = $730, F = 0 -> cheaper from 730 / 3e-6 = 243.33M tokens.
    be = break_even(hosted(), api(p_in=1, p_out=9), tokens(100e6, input_share=0.75))
    assert be.first_cheaper_tokens == pytest.approx(730 / 3e-6)


# --- projection -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("self_cost", "api_cost", "factor", "months", "exact", "month"),
    [
        # 10,000 x 10^(-t/18) = 1,000 -> 10^(t/18) = 10 -> t = 18: gone at the very end of the period
        (1_000, 10_000, 10, 18, 18.0, 18),
        # 4,000 x 16^(-t/12) = 1,000 -> 16^(t/12) = 4 -> t/12 = 1/2 -> t = 6
        (1_000, 4_000, 16, 12, 6.0, 6),
        # 2,000 x 10^(-t/18) = 1,000 -> t = 18 x log10(2) = 5.418 -> first whole month 6
        (1_000, 2_000, 10, 18, 18 * math.log10(2), 6),
        # 20,000 -> t = 18 x log10(20) = 23.4 > 18: the advantage outlasts the period
        (1_000, 20_000, 10, 18, None, None),
        # factor 1: prices do not fall, the advantage never disappears
        (1_000, 2_000, 1, 18, None, None),
        # the API is cheaper already, or equal: there is no advantage to lose
        (2_000, 1_000, 10, 18, None, None),
        (1_000, 1_000, 10, 18, None, None),
        # 1,010 vs 1,000 with 10x/18: t = 18 x log10(1.01) = 0.078 -> month 1 (never month 0)
        (1_000, 1_010, 10, 18, 18 * math.log10(1.01), 1),
    ],
)
def test_advantage_loss(self_cost, api_cost, factor, months, exact, month):
    got_exact, got_month = advantage_loss(self_cost, api_cost, factor, months)
    assert got_month == month
    assert got_exact == (pytest.approx(exact) if exact is not None else None)


def test_api_cost_curve():
    # 10x over 18 months: half-way (month 9) the price is 10^(-1/2) = 0.3162 of today's
    assert api_cost_at(0, 10_000, 10, 18) == pytest.approx(10_000)
    assert api_cost_at(9, 10_000, 10, 18) == pytest.approx(10_000 / math.sqrt(10))
    assert api_cost_at(18, 10_000, 10, 18) == pytest.approx(1_000)


def test_compute_projection_and_losses():
    # 1,000M tokens. API $10 per 1M -> $10,000; self-hosted one replica $730 + $270 ops = $1,000.
    # 10x over 18 months: API reaches $1,000 at month 18 exactly.
    wb = Workbench(
        workload=tokens(1e9),
        options=[api("Closed", p_in=10, p_out=10), hosted("Ours", ops=270), api("Cheap", p_in=0.5, p_out=0.5)],
    )
    result = compute(wb)
    (loss,) = result.advantage_losses  # only "Ours" vs "Closed": "Cheap" ($500) is already cheaper
    assert (loss.self_hosted, loss.api, loss.month) == ("Ours", "Closed", 18)
    assert loss.saving_now == pytest.approx(9_000)
    points = {(p.option, p.month): p.monthly_cost for p in result.projection}
    assert len(points) == 3 * 19  # months 0..18 for each option
    assert points[("Closed", 18)] == pytest.approx(1_000)
    assert points[("Ours", 0)] == points[("Ours", 18)] == pytest.approx(1_000)  # self-hosting stays flat
    assert points[("Cheap", 18)] == pytest.approx(50)
    assert [b.outcome for b in result.break_evens] == [Outcome.ALREADY_CHEAPER, Outcome.BREAKS_EVEN]


def test_projection_settings_change_the_month():
    # same as above with prices falling 100x over 12 months: 10,000 x 100^(-t/12) = 1,000 -> t = 6
    wb = Workbench(
        workload=tokens(1e9),
        options=[api("Closed", p_in=10, p_out=10), hosted("Ours", ops=270)],
        projection=Projection(factor=100, months=12),
    )
    assert compute(wb).advantage_losses[0].month == 6

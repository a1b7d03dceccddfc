"""Small builders for workbench tests: options and workloads with only the numbers that matter."""

from __future__ import annotations

from assessment.workbench import ApiOption, SelfHostedOption, Workload


def api(name: str = "API", p_in: float = 1.0, p_out: float = 1.0, quality: float = 70) -> ApiOption:
    return ApiOption(name=name, quality=quality, price_per_m_input=p_in, price_per_m_output=p_out)


def hosted(
    name: str = "Self",
    gpus: int = 1,
    gpu_hour: float = 1.0,
    tps: float = 1000.0,
    util: float = 100.0,
    ops: float = 0.0,
    quality: float = 80,
) -> SelfHostedOption:
    return SelfHostedOption(
        name=name,
        quality=quality,
        gpus_per_replica=gpus,
        gpu_hour_price=gpu_hour,
        tokens_per_second=tps,
        target_utilisation_pct=util,
        ops_monthly=ops,
    )


def tokens(total: float, input_share: float = 0.5) -> Workload:
    """A workload given as monthly token totals."""
    return Workload(
        basis="tokens", monthly_input_tokens=total * input_share, monthly_output_tokens=total * (1 - input_share)
    )

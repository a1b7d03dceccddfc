"""Workbench output shared by the app, the reports and the CLI: number formats, sentences,
comparison tables and CSV, and the example worksheet new users start from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assessment.exports.spreadsheet import csv_bytes
from assessment.workbench.compute import AdvantageLoss, BreakEven, Outcome, WorkbenchResult
from assessment.workbench.model import ApiOption, Projection, SelfHostedOption, Workbench, Workload

if TYPE_CHECKING:  # pandas is imported where a table is built, so loading an assessment stays light
    import pandas as pd


def money(value: float) -> str:
    """$1,234 for large sums, $12.35 for small ones, $0.0042 for fractions of a cent; -$2,140."""
    if value < 0:
        return "-" + money(-value)
    if abs(value) >= 100:
        return f"${value:,.0f}"
    if abs(value) >= 0.01:
        return f"${value:,.2f}"
    return f"${value:.2g}"


def quantity(value: float) -> str:
    """1.36B, 6.35M, 12.5k, 980."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:,.3g}{suffix}" if value / size < 1000 else f"{value / size:,.0f}{suffix}"
    return f"{value:.3g}"


def volume(tokens: float | None, requests: float | None) -> str:
    """'8.71B tokens/month (6.41M requests)' or '-' when there is no such volume."""
    if tokens is None:
        return "-"
    text = f"{quantity(tokens)} tokens/month"
    return f"{text} ({quantity(requests)} requests)" if requests is not None else text


def break_even_sentence(be: BreakEven, current_tokens: float) -> str:
    """What a founder should read from one break-even row."""
    if be.outcome is Outcome.ALREADY_CHEAPER:
        return f"Self-hosted is already cheaper at your volume, by {money(be.saving_now)} a month."
    if be.outcome is Outcome.EQUAL:
        return "Both cost the same at your volume."
    if be.outcome is Outcome.NEVER:
        return (
            "Self-hosting never gets cheaper: a fully used replica costs at least what the API charges"
            " for the same tokens."
        )
    assert be.stays_cheaper_tokens is not None
    times = be.stays_cheaper_tokens / current_tokens
    text = (
        f"Self-hosting is cheaper above {volume(be.stays_cheaper_tokens, be.stays_cheaper_requests)},"
        f" {times:,.1f}x your current volume."
    )
    if be.first_cheaper_tokens is not None and be.first_cheaper_tokens < be.stays_cheaper_tokens * (1 - 1e-9):
        text += (
            f" It first dips below the API at {quantity(be.first_cheaper_tokens)} tokens/month, but each new"
            " replica can make it dearer again until then."
        )
    return text


def advantage_sentence(loss: AdvantageLoss, projection: Projection) -> str:
    period = f"{projection.factor:g}x over {projection.months} months"
    if loss.month is None:
        return f"{loss.self_hosted} stays cheaper than {loss.api} for the whole period ({period})."
    return (
        f"{loss.self_hosted} is {money(loss.saving_now)} a month cheaper than {loss.api} today; with API prices"
        f" falling {period} that advantage is gone by month {loss.month}."
    )


def answer_lines(result: WorkbenchResult) -> list[str]:
    """The worksheet's answer in a few sentences: which option wins at this volume, and until when.

    "Wins" is the cheapest option; when the best quality per dollar is another option, that is said
    too. A self-hosted winner wins until the first month an API, its price falling as projected, is
    no dearer.
    """
    cheapest = min(result.options, key=lambda o: o.monthly_cost)
    spec = result.workbench.projection
    lines = [f"At your volume, {cheapest.name} wins: it is the cheapest option, at {money(cheapest.monthly_cost)}"
             f" a month (quality {cheapest.quality:g})."]
    if cheapest.kind == "self_hosted":
        losses = [loss for loss in result.advantage_losses if loss.self_hosted == cheapest.name]
        gone = [loss for loss in losses if loss.month is not None]
        if gone:
            first = min(gone, key=lambda loss: loss.month or 0)
            lines.append(f"It stays cheapest until month {first.month}, when {first.api} catches up"
                         f" (API prices falling {spec.factor:g}x over {spec.months} months).")
        elif losses:
            lines.append(f"It stays cheaper than every API for the whole {spec.months} months, even with API"
                         f" prices falling {spec.factor:g}x.")
    elif any(o.kind == "self_hosted" for o in result.options):
        lines.append(f"No self-hosted option beats it today, and API prices are expected to keep falling"
                     f" ({spec.factor:g}x over {spec.months} months), so that holds.")
    best = max(result.options, key=lambda o: o.quality_per_dollar)
    top = max(result.options, key=lambda o: o.quality)
    if best.name != cheapest.name:
        lines.append(f"Most quality per dollar: {best.name}.")
    if top.name != cheapest.name and top.quality > cheapest.quality:
        lines.append(f"Highest quality: {top.name} ({top.quality:g}) at {money(top.monthly_cost)} a month.")
    return lines


def comparison_frame(result: WorkbenchResult) -> pd.DataFrame:
    """The comparison table, one row per option (what the CSV export holds)."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "option": o.name,
                "kind": o.kind_label,
                "example_row": o.example,
                "quality": o.quality,
                "monthly_cost_usd": round(o.monthly_cost, 2),
                "cost_per_1m_tokens_usd": round(o.cost_per_million, 4),
                "quality_per_usd_per_1m": round(o.quality_per_dollar, 3),
                "pareto_frontier": o.on_frontier,
                "replicas": o.replicas,
                "gpus": o.gpus,
                "utilisation_pct": None if o.utilisation_pct is None else round(o.utilisation_pct, 1),
            }
            for o in result.options
        ]
    ).astype({"replicas": "Int64", "gpus": "Int64"})


def break_even_frame(result: WorkbenchResult) -> pd.DataFrame:
    """Every self-hosted option against every hosted API: outcome, break-even volumes, projection."""
    import pandas as pd

    loss = {(a.self_hosted, a.api): a for a in result.advantage_losses}
    return pd.DataFrame(
        [
            {
                "self_hosted": b.self_hosted,
                "api": b.api,
                "outcome": b.outcome.label,
                "saving_now_usd_per_month": round(b.saving_now, 2),
                "cheaper_from_tokens_per_month": b.stays_cheaper_tokens,
                "cheaper_from_requests_per_month": b.stays_cheaper_requests,
                "first_cheaper_tokens_per_month": b.first_cheaper_tokens,
                "price_decline": _advantage_text(loss.get((b.self_hosted, b.api))),
            }
            for b in result.break_evens
        ]
    )


def _advantage_text(loss: AdvantageLoss | None) -> str:
    if loss is None:
        return "no cost advantage today"
    return "advantage holds all period" if loss.month is None else f"advantage gone by month {loss.month}"


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV bytes, with text cells that a spreadsheet would run as formulas made inert."""
    return csv_bytes(frame)


def comparison_csv(result: WorkbenchResult) -> bytes:
    """The comparison as CSV (one row per option), for the download button and the CLI."""
    return to_csv(comparison_frame(result))


def example_workbench() -> Workbench:
    """A worksheet to start from. Every row is marked as an example: the numbers are
    placeholders of a plausible order of magnitude, not quotes or market prices."""
    return Workbench(
        workload=Workload(monthly_requests=200_000, input_tokens_per_request=6_000, output_tokens_per_request=800),
        options=[
            ApiOption(
                name="EXAMPLE closed API, large tier",
                quality=88,
                example=True,
                price_per_m_input=5.0,
                price_per_m_output=15.0,
            ),
            ApiOption(
                name="EXAMPLE closed API, small tier",
                quality=72,
                example=True,
                price_per_m_input=0.5,
                price_per_m_output=1.5,
            ),
            SelfHostedOption(
                name="EXAMPLE our 8B, self-hosted",
                quality=84,
                example=True,
                gpu_label="1x 80GB GPU (example)",
                gpus_per_replica=1,
                gpu_hour_price=2.0,
                tokens_per_second=2_500,
                target_utilisation_pct=60,
                ops_monthly=1_000,
            ),
            SelfHostedOption(
                name="EXAMPLE our 70B, self-hosted",
                quality=90,
                example=True,
                gpu_label="4x 80GB GPU (example)",
                gpus_per_replica=4,
                gpu_hour_price=2.0,
                tokens_per_second=1_200,
                target_utilisation_pct=60,
                ops_monthly=2_000,
            ),
        ],
    )

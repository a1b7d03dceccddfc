"""The report's "Price and performance" section, from the assessment's workbench (if it has one).

Same figures as the app page: everything is computed by `assessment.workbench`; this module only
words it and picks what goes in the tables and charts.
"""

from __future__ import annotations

from assessment.answers import Assessment
from assessment.workbench import (
    HOURS_PER_MONTH,
    WorkbenchError,
    WorkbenchResult,
    advantage_sentence,
    break_even_sentence,
    compute,
    money,
    parse_workbench,
    quantity,
    volume,
)
from reports.blocks import Block, Bullets, Chart, Section, Subheading, TableBlock, Text

TITLE = "Price and performance"
COMPARISON_HEADER = ("#", "Option", "Kind", "Quality", "Monthly cost", "$ per 1M tokens", "Quality per $", "Frontier")
BREAK_EVEN_HEADER = ("Self-hosted", "vs API", "Today", "Saving now / month", "Self-hosted stays cheaper above")


MAX_PAIR_ROWS = 60  # break-even rows printed in a report
MAX_PAIR_SENTENCES = 20


def _workload_line(result: WorkbenchResult) -> str:
    w = result.workbench.workload
    total = f"{quantity(w.total_tokens)} tokens a month"
    total += f" ({quantity(w.input_tokens)} input, {quantity(w.output_tokens)} output)"
    if w.basis == "requests":
        total = (
            f"{w.monthly_requests or 0:,.0f} requests a month x ({w.input_tokens_per_request or 0:,.0f} input"
            f" + {w.output_tokens_per_request or 0:,.0f} output tokens) = {total}"
        )
    return f"Workload: {total}. Prices in US dollars; a month is {HOURS_PER_MONTH:g} hours."


def _kind(o: object) -> str:
    replicas, gpus = getattr(o, "replicas", None), getattr(o, "gpus", None)
    if replicas is None:
        return "Hosted API"
    return f"Self-hosted: {replicas} replica{'s' if replicas != 1 else ''}, {gpus} GPU{'s' if gpus != 1 else ''}"


def _says_example(name: str) -> bool:
    return any(word in name.casefold() for word in ("example", "illustrative"))


def comparison_rows(result: WorkbenchResult) -> tuple[tuple[str, ...], ...]:
    """One row per option, numbered as the chart's points."""
    return tuple(
        (
            str(i),
            o.name + (" (example)" if o.example and not _says_example(o.name) else ""),
            _kind(o),
            f"{o.quality:g}",
            money(o.monthly_cost),
            f"${o.cost_per_million:,.3f}",
            f"{o.quality_per_dollar:,.1f}",
            "yes" if o.on_frontier else "no",
        )
        for i, o in enumerate(result.options, start=1)
    )


def break_even_rows(result: WorkbenchResult) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            b.self_hosted,
            b.api,
            b.outcome.label,
            money(b.saving_now),
            volume(b.stays_cheaper_tokens, b.stays_cheaper_requests),
        )
        for b in result.break_evens
    )


def _comparison(result: WorkbenchResult) -> list[Block]:
    from reports.workbench import charts

    frontier = ", ".join(o.name for o in result.frontier)
    blocks: list[Block] = [
        Subheading("Comparison"),
        TableBlock(
            COMPARISON_HEADER,
            comparison_rows(result),
            (0.04, 0.27, 0.17, 0.08, 0.11, 0.11, 0.11, 0.11),
            user_columns=(1,),
        ),
        Text(
            "Quality is the company's own score on its niche task (0-100). Quality per $ is quality points per"
            " dollar of blended cost per 1M tokens: higher is better value.",
            "meta",
        ),
        Chart(
            lambda width: charts.cost_quality(result, width),
            f"Chart: monthly cost against quality, options numbered as in the table. Pareto frontier (nothing"
            f" else is as cheap and at least as good), cheapest first: {frontier}.",
        ),
    ]
    return blocks


def _break_even(result: WorkbenchResult) -> list[Block]:
    blocks: list[Block] = [Subheading("Break-even volumes")]
    if not result.break_evens:
        return [*blocks, Text("Add a hosted API and a self-hosted option to the workbench to see break-even volumes.")]
    current = result.workbench.workload.total_tokens
    # 50 options make up to 625 pairs: the report shows the first ones, the CSV export has them all
    # (a 625-row table and as many sentences made one report take seconds).
    rows = break_even_rows(result)
    more = [Text(f"{len(rows) - MAX_PAIR_ROWS} more pairs are in the break-even table (CSV) on the"
                 " Price/performance page.", "meta")] if len(rows) > MAX_PAIR_ROWS else []
    return [
        *blocks,
        TableBlock(BREAK_EVEN_HEADER, rows[:MAX_PAIR_ROWS], (0.22, 0.22, 0.2, 0.13, 0.23), user_columns=(0, 1)),
        *more,
        Bullets(
            tuple(f"{b.self_hosted} vs {b.api}: {break_even_sentence(b, current)}"
                  for b in result.break_evens[:MAX_PAIR_SENTENCES]),
            user=True,
        ),
        Text(
            "Volumes keep the workload's input/output mix. Self-hosted replicas are whole and run all month, so"
            " just after each new replica starts the API can be cheaper again; the table gives the volume above"
            " which self-hosting stays cheaper.",
            "meta",
        ),
    ]


def _projection(result: WorkbenchResult) -> list[Block]:
    from reports.workbench import charts

    spec = result.workbench.projection
    blocks: list[Block] = [Subheading(f"If API prices fall {spec.factor:g}x over {spec.months} months")]
    if result.advantage_losses:
        blocks.append(Bullets(tuple(advantage_sentence(a, spec) for a in result.advantage_losses), user=True))
    else:
        blocks.append(
            Text("No self-hosted option is cheaper than a hosted API today: there is no price advantage to lose.")
        )
    gone = [f"month {m}" for m in sorted({a.month for a in result.advantage_losses if a.month is not None})]
    blocks += [
        Chart(
            lambda width: charts.projection(result, width),
            f"Chart: monthly cost of each option over {spec.months} months as hosted API prices fall"
            f" {spec.factor:g}x (self-hosted costs held flat)."
            + (f" Price advantages disappear at {', '.join(gone)}." if gone else ""),
        ),
        Text(
            "The essay expects GPT-4-class prices to fall about 10x in 18 months. A pitch that rests on a price"
            " advantage alone lasts only as long as the cost lines in the chart stay apart; quality on the niche task,"
            " control, privacy and local deployment last longer.",
            "meta",
        ),
    ]
    return blocks


def price_performance_section(assessment: Assessment) -> Section | None:
    """The section for an assessment with a saved workbench; None when it has none."""
    if assessment.workbench is None:
        return None
    try:
        workbench = parse_workbench(assessment.workbench, "workbench")
    except WorkbenchError as error:
        return Section(
            TITLE,
            (Text(f"The saved price/performance worksheet could not be read: {error.message}", "callout", user=True),),
        )
    result = compute(workbench)
    blocks: list[Block] = [Text(_workload_line(result), "meta")]
    if result.has_examples:
        blocks.append(
            Text(
                "Rows marked (example) are illustrative placeholders of a plausible order of magnitude, not market"
                " prices or measured throughput.",
                "callout",
            )
        )
    blocks += [*_comparison(result), *_break_even(result), *_projection(result)]
    return Section(TITLE, tuple(blocks))

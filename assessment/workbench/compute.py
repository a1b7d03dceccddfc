"""Comparisons built on the workbench: cost per option, Pareto frontier, break-even, projection.

Break-even. A hosted API costs `a x V` for V tokens a month (a = its blended $ per token for the
workload's input/output mix). Self-hosting costs `k x R + F` with k = ceil(V / C) replicas, each
costing R a month and serving C tokens at the target utilisation, plus fixed ops F. Inside step k
self-hosting is cheaper for V > (kR + F) / a, which exists only if k x (aC - R) > F. So:

- if aC <= R a full replica costs at least what the API charges for the same tokens: never cheaper;
- the first cheaper volume is (k1 R + F) / a with k1 = floor(F / (aC - R)) + 1;
- just after each new replica starts, the API can be cheaper again (a saw-tooth); from
  (k2 R + F) / a with k2 = ceil((R + F) / (aC - R)) on, self-hosting stays cheaper at every volume.

Projection. API prices fall exponentially, by `factor` over `months` (price x factor^(-t / months));
self-hosted costs stay flat (GPU prices are held constant: a deliberate, conservative choice).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from assessment.workbench.model import SECONDS_PER_MONTH, ApiOption, SelfHostedOption, Workbench, Workload

# Costs this close are "equal": float arithmetic on prices must not flip a verdict.
_REL_TOL = 1e-9


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_REL_TOL, abs_tol=1e-9)


@dataclass(frozen=True)
class OptionResult:
    """One option priced for the workload."""

    name: str
    kind: str  # "api" | "self_hosted"
    example: bool
    quality: float
    monthly_cost: float
    cost_per_million: float  # blended $ per 1M tokens (input and output together)
    quality_per_dollar: float  # quality points per $ of blended cost per 1M tokens
    on_frontier: bool
    replicas: int | None = None
    gpus: int | None = None
    utilisation_pct: float | None = None  # actual load on the replicas at this workload

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


KIND_LABELS = {"api": "Hosted API", "self_hosted": "Self-hosted"}


class Outcome(Enum):
    """Where a self-hosted option stands against one API at the current workload."""

    ALREADY_CHEAPER = "already_cheaper"
    EQUAL = "equal"
    BREAKS_EVEN = "breaks_even"
    NEVER = "never"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.ALREADY_CHEAPER: "Self-hosted already cheaper",
    Outcome.EQUAL: "Equal cost at this volume",
    Outcome.BREAKS_EVEN: "Self-hosted cheaper at higher volume",
    Outcome.NEVER: "Self-hosted never cheaper",
}


@dataclass(frozen=True)
class BreakEven:
    """Self-hosted option vs hosted API: the monthly volumes where self-hosting wins."""

    self_hosted: str
    api: str
    outcome: Outcome
    saving_now: float  # API cost minus self-hosted cost at the current workload ($/month)
    first_cheaper_tokens: float | None  # lowest monthly volume above which self-hosting is cheaper
    stays_cheaper_tokens: float | None  # above this monthly volume it is cheaper at every volume
    tokens_per_request: float | None  # to express volumes as requests, when the workload has them

    def _requests(self, tokens: float | None) -> float | None:
        if tokens is None or not self.tokens_per_request:
            return None
        return tokens / self.tokens_per_request

    @property
    def first_cheaper_requests(self) -> float | None:
        return self._requests(self.first_cheaper_tokens)

    @property
    def stays_cheaper_requests(self) -> float | None:
        return self._requests(self.stays_cheaper_tokens)


@dataclass(frozen=True)
class AdvantageLoss:
    """A self-hosted option cheaper than an API today, and when falling API prices erase that."""

    self_hosted: str
    api: str
    saving_now: float
    crossover_month: float | None  # exact (fractional) month the costs meet; None = not in the period
    month: int | None  # first whole month the API is no dearer; None = advantage holds all period


@dataclass(frozen=True)
class ProjectionPoint:
    month: int
    option: str
    kind: str
    monthly_cost: float


@dataclass(frozen=True)
class WorkbenchResult:
    workbench: Workbench
    options: tuple[OptionResult, ...]
    break_evens: tuple[BreakEven, ...]
    projection: tuple[ProjectionPoint, ...]
    advantage_losses: tuple[AdvantageLoss, ...]

    @property
    def frontier(self) -> tuple[OptionResult, ...]:
        """Options on the cost-vs-quality Pareto frontier, cheapest first."""
        return tuple(sorted((o for o in self.options if o.on_frontier), key=lambda o: o.monthly_cost))

    @property
    def has_examples(self) -> bool:
        return any(o.example for o in self.options)


def option_cost(option: ApiOption | SelfHostedOption, workload: Workload) -> float:
    """Monthly cost of one option for the workload."""
    if isinstance(option, ApiOption):
        return option.monthly_cost(workload.input_tokens, workload.output_tokens)
    return option.monthly_cost(workload.total_tokens)


def pareto_frontier(points: list[tuple[float, float]]) -> list[bool]:
    """For (cost, quality) points: True where no other point is at most as dear and at least as
    good, and strictly better in one of the two. Identical points are all kept."""
    flags = []
    for i, (cost, quality) in enumerate(points):
        dominated = any(
            c <= cost and q >= quality and (c < cost or q > quality) for j, (c, q) in enumerate(points) if j != i
        )
        flags.append(not dominated)
    return flags


def _price_option(option: ApiOption | SelfHostedOption, workload: Workload, on_frontier: bool) -> OptionResult:
    cost = option_cost(option, workload)
    per_million = cost / (workload.total_tokens / 1_000_000)
    extra: dict[str, float | int] = {}
    if isinstance(option, SelfHostedOption):
        replicas = option.replicas_for(workload.total_tokens)
        full_capacity = replicas * option.tokens_per_second * SECONDS_PER_MONTH
        extra = {
            "replicas": replicas,
            "gpus": replicas * option.gpus_per_replica,
            "utilisation_pct": 100 * workload.total_tokens / full_capacity,
        }
    return OptionResult(
        name=option.name,
        kind=option.kind,
        example=option.example,
        quality=option.quality,
        monthly_cost=cost,
        cost_per_million=per_million,
        quality_per_dollar=option.quality / per_million,
        on_frontier=on_frontier,
        **extra,  # type: ignore[arg-type]
    )


def break_even(hosted: SelfHostedOption, api: ApiOption, workload: Workload) -> BreakEven:
    """Where `hosted` beats `api` as monthly volume grows, keeping the workload's token mix."""
    price = api.price_per_token(workload.input_share)
    replica, fixed, capacity = hosted.replica_monthly_cost, hosted.ops_monthly, hosted.capacity_per_replica
    volume = workload.total_tokens
    self_now, api_now = hosted.monthly_cost(volume), price * volume
    margin = price * capacity - replica  # what one full replica saves against the API
    first = stays = None
    if margin > 0 and not _same(price * capacity, replica):
        first = (math.floor(fixed / margin) + 1) * replica + fixed
        stays = math.ceil((replica + fixed) / margin) * replica + fixed
        first, stays = first / price, stays / price
    if _same(self_now, api_now):
        outcome = Outcome.EQUAL
    elif self_now < api_now:
        outcome = Outcome.ALREADY_CHEAPER
    elif first is None:
        outcome = Outcome.NEVER
    else:
        outcome = Outcome.BREAKS_EVEN
    return BreakEven(
        self_hosted=hosted.name,
        api=api.name,
        outcome=outcome,
        saving_now=api_now - self_now,
        first_cheaper_tokens=first,
        stays_cheaper_tokens=stays,
        tokens_per_request=workload.tokens_per_request,
    )


def api_cost_at(month: float, cost_now: float, factor: float, months: int) -> float:
    """An API's monthly cost `month` months from now when prices fall `factor`x over `months`."""
    return cost_now * factor ** (-month / months)


def advantage_loss(self_cost: float, api_cost: float, factor: float, months: int) -> tuple[float | None, int | None]:
    """(exact crossover month, first whole month) at which a falling API price meets `self_cost`.
    (None, None) when the API is not dearer today or the advantage outlasts the period."""
    if api_cost <= self_cost or _same(api_cost, self_cost) or factor <= 1:
        return None, None
    exact = months * math.log(api_cost / self_cost) / math.log(factor)
    if exact > months * (1 + _REL_TOL):
        return None, None
    return exact, max(1, math.ceil(exact - 1e-9))


def compute(workbench: Workbench) -> WorkbenchResult:
    """Price every option for the workload and compare them. The workbench must be valid."""
    workload = workbench.workload
    costs = [option_cost(o, workload) for o in workbench.options]
    frontier = pareto_frontier([(c, o.quality) for c, o in zip(costs, workbench.options, strict=True)])
    options = tuple(_price_option(o, workload, f) for o, f in zip(workbench.options, frontier, strict=True))
    by_name = {o.name: o for o in options}
    pairs = [(h, a) for h in workbench.self_hosted_options for a in workbench.api_options]
    factor, months = workbench.projection.factor, workbench.projection.months
    losses = []
    for hosted, api in pairs:
        self_cost, api_cost = by_name[hosted.name].monthly_cost, by_name[api.name].monthly_cost
        if self_cost < api_cost and not _same(self_cost, api_cost):
            exact, month = advantage_loss(self_cost, api_cost, factor, months)
            losses.append(AdvantageLoss(hosted.name, api.name, api_cost - self_cost, exact, month))
    projection = tuple(
        ProjectionPoint(
            month=m,
            option=o.name,
            kind=o.kind,
            monthly_cost=api_cost_at(m, o.monthly_cost, factor, months) if o.kind == "api" else o.monthly_cost,
        )
        for o in options
        for m in range(months + 1)
    )
    return WorkbenchResult(
        workbench=workbench,
        options=options,
        break_evens=tuple(break_even(h, a, workload) for h, a in pairs),
        projection=projection,
        advantage_losses=tuple(losses),
    )

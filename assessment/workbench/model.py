"""The price/performance workbench document: a workload, the options to compare, a projection.

It is stored as plain JSON in `Assessment.workbench` and validated here. Every bound below is a
sanity limit, not a market figure: it catches typos (a million GPUs, a price in cents typed as
dollars times a thousand) with a message that names the field, the row and the limit.

The cost formulas live on the option models so that the engine, the tests and the report all use
the same arithmetic (see `compute.py` for the comparisons built on them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from assessment.errors import InputError, key_path

FORMAT_VERSION = 1

# A replica runs all month: 365 days x 24 hours / 12 months.
HOURS_PER_MONTH = 730.0
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600.0
TOKENS_PER_MILLION = 1_000_000.0

MAX_OPTIONS = 50
# Lower bounds keep every cost, capacity and break-even finite: a denormal throughput (5e-324) or a
# price that rounds to 0 used to overflow or divide by zero.
MIN_PRICE_PER_MILLION = 0.0001
MAX_TOTAL_GPUS = 100_000  # across all replicas of one option; more is almost surely a typo


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


@dataclass(frozen=True)
class FieldInfo:
    """How a field is named to a person (label and unit), for messages and tables."""

    label: str
    unit: str = ""


FIELDS: dict[str, FieldInfo] = {
    "name": FieldInfo("Option name"),
    "kind": FieldInfo("Kind"),
    "quality": FieldInfo("Quality score", "0-100"),
    "example": FieldInfo("Example row"),
    "price_per_m_input": FieldInfo("Price per 1M input tokens", "$"),
    "price_per_m_output": FieldInfo("Price per 1M output tokens", "$"),
    "gpu_label": FieldInfo("GPU type"),
    "gpus_per_replica": FieldInfo("GPUs per replica"),
    "gpu_hour_price": FieldInfo("Price per GPU-hour", "$"),
    "tokens_per_second": FieldInfo("Sustained throughput per replica", "tokens/s"),
    "target_utilisation_pct": FieldInfo("Target utilisation", "%"),
    "ops_monthly": FieldInfo("Fixed operations cost per month", "$"),
    "basis": FieldInfo("Workload given as"),
    "monthly_requests": FieldInfo("Monthly requests"),
    "input_tokens_per_request": FieldInfo("Input tokens per request"),
    "output_tokens_per_request": FieldInfo("Output tokens per request"),
    "monthly_input_tokens": FieldInfo("Monthly input tokens"),
    "monthly_output_tokens": FieldInfo("Monthly output tokens"),
    "factor": FieldInfo("Price fall factor", "x"),
    "months": FieldInfo("Over how many months"),
    "options": FieldInfo("Options table"),
    "workload": FieldInfo("Workload"),
}

Name = Annotated[str, Field(min_length=1, max_length=80)]
Quality = Annotated[float, Field(ge=0, le=100)]
PricePerMillion = Annotated[float, Field(ge=MIN_PRICE_PER_MILLION, le=10_000)]


class ApiOption(_Model):
    """A hosted API (closed or open model), priced per 1M input and output tokens."""

    kind: Literal["api"] = "api"
    name: Name
    quality: Quality
    example: bool = False
    price_per_m_input: PricePerMillion
    price_per_m_output: PricePerMillion

    def monthly_cost(self, input_tokens: float, output_tokens: float) -> float:
        """Linear in volume: tokens / 1M x price, for input and output separately."""
        return (input_tokens * self.price_per_m_input + output_tokens * self.price_per_m_output) / TOKENS_PER_MILLION

    def price_per_token(self, input_share: float) -> float:
        """The blended $ per token for a workload whose tokens are `input_share` input tokens."""
        blended = input_share * self.price_per_m_input + (1 - input_share) * self.price_per_m_output
        return blended / TOKENS_PER_MILLION


class SelfHostedOption(_Model):
    """A self-hosted open model: replicas of `gpus_per_replica` GPUs, rented by the hour, always on."""

    kind: Literal["self_hosted"] = "self_hosted"
    name: Name
    quality: Quality
    example: bool = False
    gpu_label: Annotated[str, Field(max_length=80)] = ""
    gpus_per_replica: Annotated[int, Field(ge=1, le=512)]
    gpu_hour_price: Annotated[float, Field(ge=0.001, le=1_000)]
    tokens_per_second: Annotated[float, Field(ge=0.01, le=10_000_000)]
    target_utilisation_pct: Annotated[float, Field(ge=1, le=100)]
    ops_monthly: Annotated[float, Field(ge=0, le=1_000_000_000)] = 0.0

    @property
    def capacity_per_replica(self) -> float:
        """Tokens one replica serves in a month when run at the target utilisation."""
        return self.tokens_per_second * SECONDS_PER_MONTH * self.target_utilisation_pct / 100

    @property
    def replica_monthly_cost(self) -> float:
        return self.gpus_per_replica * self.gpu_hour_price * HOURS_PER_MONTH

    def replicas_for(self, tokens: float) -> int:
        """Replicas needed for `tokens` a month. At least one: a deployment that serves any traffic
        keeps a replica up all month, so self-hosting has a floor cost even at tiny volumes."""
        return max(1, math.ceil(tokens / self.capacity_per_replica - 1e-12))

    def monthly_cost(self, tokens: float) -> float:
        """Stepwise in volume: whole replicas x GPUs x $/GPU-hour x hours, plus the fixed ops cost."""
        return self.replicas_for(tokens) * self.replica_monthly_cost + self.ops_monthly


Option = Annotated[ApiOption | SelfHostedOption, Field(discriminator="kind")]

TokenCount = Annotated[float, Field(ge=0, le=10_000_000)]
MonthlyTokens = Annotated[float, Field(ge=0, le=1e16)]


class Workload(_Model):
    """Monthly traffic, as requests x tokens per request or as monthly token totals (`basis`)."""

    basis: Literal["requests", "tokens"] = "requests"
    monthly_requests: Annotated[float, Field(ge=1, le=1e12)] | None = None
    input_tokens_per_request: TokenCount | None = None
    output_tokens_per_request: TokenCount | None = None
    monthly_input_tokens: MonthlyTokens | None = None
    monthly_output_tokens: MonthlyTokens | None = None

    @model_validator(mode="after")
    def _basis_fields_present(self) -> Workload:
        needed = (
            ("monthly_requests", "input_tokens_per_request", "output_tokens_per_request")
            if self.basis == "requests"
            else ("monthly_input_tokens", "monthly_output_tokens")
        )
        problems = [((name,), "is required") for name in needed if getattr(self, name) is None]
        if not problems and self.input_tokens + self.output_tokens < 1:
            field = "output_tokens_per_request" if self.basis == "requests" else "monthly_output_tokens"
            problems.append(((field,), "input and output tokens cannot both be 0 (at least 1 token a month)"))
        _raise_problems(problems)
        return self

    @property
    def input_tokens(self) -> float:
        """Input tokens a month."""
        if self.basis == "tokens":
            return self.monthly_input_tokens or 0.0
        return (self.monthly_requests or 0.0) * (self.input_tokens_per_request or 0.0)

    @property
    def output_tokens(self) -> float:
        """Output tokens a month."""
        if self.basis == "tokens":
            return self.monthly_output_tokens or 0.0
        return (self.monthly_requests or 0.0) * (self.output_tokens_per_request or 0.0)

    @property
    def total_tokens(self) -> float:
        return self.input_tokens + self.output_tokens

    @property
    def input_share(self) -> float:
        return self.input_tokens / self.total_tokens

    @property
    def tokens_per_request(self) -> float | None:
        """Tokens per request, or None when the workload is given as monthly token totals."""
        if self.basis == "tokens":
            return None
        return (self.input_tokens_per_request or 0.0) + (self.output_tokens_per_request or 0.0)


MAX_MONTHS = 120


class Projection(_Model):
    """Hosted API prices fall by `factor` over `months` (the essay: GPT-4-class, 10x in 18 months)."""

    factor: Annotated[float, Field(ge=1, le=1_000)] = 10.0
    months: Annotated[int, Field(ge=1, le=MAX_MONTHS)] = 18

    @field_validator("months", mode="before")
    @classmethod
    def _months_in_range_first(cls, value: object) -> object:
        """A number far beyond the range (1e308) is told as out of range, not as an integer too big to parse."""
        if isinstance(value, float) and math.isfinite(value) and value > MAX_MONTHS:
            raise PydanticCustomError("less_than_equal", "Input should be less than or equal to {le}",
                                      {"le": MAX_MONTHS})
        return value


class Workbench(_Model):
    """The whole worksheet as saved in `Assessment.workbench`."""

    format_version: Literal[1] = FORMAT_VERSION
    workload: Workload
    options: Annotated[list[Option], Field(min_length=1, max_length=MAX_OPTIONS)]
    projection: Projection = Projection()

    @model_validator(mode="after")
    def _cross_checks(self) -> Workbench:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        seen: dict[str, int] = {}
        for i, option in enumerate(self.options):
            key = option.name.strip().casefold()
            if key in seen:
                problems.append((("options", i, "name"), f"'{option.name}' is already used by row {seen[key] + 1}"))
            seen.setdefault(key, i)
            if isinstance(option, SelfHostedOption):
                gpus = option.replicas_for(self.workload.total_tokens) * option.gpus_per_replica
                if gpus > MAX_TOTAL_GPUS:
                    problems.append(
                        (
                            ("options", i, "tokens_per_second"),
                            f"this workload would need {gpus:,} GPUs (limit {MAX_TOTAL_GPUS:,}); check the"
                            " throughput, the utilisation and the workload",
                        )
                    )
        _raise_problems(problems)
        return self

    @property
    def api_options(self) -> list[ApiOption]:
        return [o for o in self.options if isinstance(o, ApiOption)]

    @property
    def self_hosted_options(self) -> list[SelfHostedOption]:
        return [o for o in self.options if isinstance(o, SelfHostedOption)]


def _raise_problems(problems: list[tuple[tuple[str | int, ...], str]]) -> None:
    """Raise cross-field problems through pydantic, keeping each problem's own location."""
    if problems:
        summary = "; ".join(f"{key_path(loc)}: {msg}" for loc, msg in problems)
        raise PydanticCustomError("workbench_problems", "{summary}", {"summary": summary, "problems": tuple(problems)})


# --- problems, named for a person -------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One bad value: where (key path, row, field) and what is wrong, in words."""

    path: str  # e.g. "options[2].gpu_hour_price" or "workload.monthly_requests"
    field: str | None  # the last key, e.g. "gpu_hour_price"
    row: int | None  # index into options, when the problem is in a table row
    message: str

    @property
    def label(self) -> str:
        info = FIELDS.get(self.field or "")
        return info.label if info else (self.field or "Workbench")

    def describe(self, row_name: str | None = None) -> str:
        """One line, e.g. "Row 3 (Self-hosted 8B), Price per GPU-hour: must be greater than 0"."""
        where = self.label
        if self.row is not None:
            where = f"Row {self.row + 1}" + (f" ({row_name})" if row_name else "") + f", {where}"
        return f"{where}: {self.message}"


class WorkbenchError(InputError):
    """Bad workbench input. `problems` holds each bad field; the message lists them all."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(source, "; ".join(f"{p.path}: {p.message}" for p in problems))

    def for_field(self, path: str) -> list[Problem]:
        return [p for p in self.problems if p.path == path]


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) and abs(value) >= 10_000 else str(value)


def _unit_suffix(field: str | None) -> str:
    unit = FIELDS[field].unit if field in FIELDS else ""
    if unit == "%":
        return "%"
    return f" {unit}" if unit and unit not in ("$", "0-100") else ""


# Fields whose range is a definition, not a sanity limit: one message for either bound.
RANGE_MESSAGES = {
    "target_utilisation_pct": "must be above 0% and at most 100%",
    "quality": "must be between 0 and 100",
    "factor": "must be at least 1 (1 means prices do not fall) and at most 1,000",
}
_BOUND_ERRORS = ("greater_than", "greater_than_equal", "less_than_equal", "less_than")


def _text(error_type: str, ctx: dict[str, Any], field: str | None, raw_msg: str) -> str:
    if error_type in _BOUND_ERRORS and field in RANGE_MESSAGES:
        return RANGE_MESSAGES[field]
    unit = _unit_suffix(field)
    money = "$" if field in FIELDS and FIELDS[field].unit == "$" else ""
    if error_type == "greater_than":
        return f"must be greater than {money}{_number(ctx['gt'])}{unit}"
    if error_type == "greater_than_equal":
        return f"must be at least {money}{_number(ctx['ge'])}{unit}"
    if error_type in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        return f"must be at most {money}{_number(limit)}{unit} (is this value realistic?)"
    if error_type == "missing":
        return "is required"
    if error_type in ("int_parsing", "int_type", "int_from_float"):
        return "must be a whole number"
    if error_type in ("float_parsing", "float_type"):
        return "must be a number"
    if error_type == "finite_number":
        return "must be a finite number"
    if error_type == "string_too_short":
        return "must not be empty"
    if error_type == "string_too_long":
        return f"must be at most {ctx['max_length']} characters"
    if error_type == "too_short" and field == "options":
        return "add at least one option (the table is empty)"
    if error_type == "too_long" and field == "options":
        return f"at most {MAX_OPTIONS} options"
    if error_type == "extra_forbidden":
        return "unknown key"
    if error_type == "union_tag_invalid":
        return "kind must be 'api' (hosted API) or 'self_hosted'"
    return raw_msg.removeprefix("Value error, ")


def _problem(loc: tuple[str | int, ...], message: str) -> Problem:
    # Drop pydantic's discriminator tags ("api", "self_hosted") from paths: options[1].api.name
    loc = tuple(p for p in loc if p not in ("api", "self_hosted") or p == loc[-1])
    field = next((p for p in reversed(loc) if isinstance(p, str)), None)
    row = next(
        (loc[i + 1] for i in range(len(loc) - 1) if loc[i] == "options" and isinstance(loc[i + 1], int)),
        None,
    )
    return Problem(path=key_path(loc), field=field, row=row, message=message)


def problems_from(error: ValidationError, prefix: tuple[str | int, ...] = ()) -> list[Problem]:
    """Every problem in a pydantic error, with its own location and a plain-words message."""
    problems: list[Problem] = []
    for item in error.errors():
        loc = prefix + tuple(item["loc"])
        if item["type"] == "workbench_problems":
            problems.extend(_problem(loc + tuple(sub), msg) for sub, msg in item["ctx"]["problems"])
            continue
        field = next((p for p in reversed(loc) if isinstance(p, str) and p not in ("api", "self_hosted")), None)
        problems.append(_problem(loc, _text(item["type"], item.get("ctx", {}), field, item["msg"])))
    return problems


def parse_workbench(data: Any, source: str = "workbench", prefix: tuple[str | int, ...] = ()) -> Workbench:
    """Validate a saved workbench (the JSON in `Assessment.workbench`). Raises WorkbenchError;
    `prefix` is put before every key path (e.g. ("workbench",) inside an assessment file)."""
    if not isinstance(data, dict):
        raise WorkbenchError(source, [Problem(key_path(prefix) or "workbench", None, None, "must be a JSON object")])
    try:
        return Workbench.model_validate(data)
    except ValidationError as exc:
        raise WorkbenchError(source, problems_from(exc, prefix)) from None


def dump_workbench(workbench: Workbench) -> dict[str, Any]:
    """The JSON-ready dict stored in `Assessment.workbench` (re-readable with `parse_workbench`)."""
    return workbench.model_dump(mode="json")

"""The prefill mapping as data (`rubrics/prefill/model-card.yaml`): licence families and rules.

Each rule says: when these card facts hold, suggest this choice for this question. The file is
validated like a rubric (unknown keys are errors) and checked against the rubric it names: a
question or choice id that the rubric does not have is an error naming the file and the key path.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assessment.errors import InputError, describe_validation_error
from assessment.rubric import RUBRICS_DIR, Id, Rubric

DEFAULT_MAPPING = RUBRICS_DIR / "prefill" / "model-card.yaml"
MAX_MAPPING_BYTES = 1_000_000
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Pattern = Annotated[str, Field(min_length=1, max_length=100)]
LicenceFamily = Literal["permissive", "restricted"]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Licences(Frozen):
    """Shell-style patterns per licence family; `restricted` is checked first."""

    permissive: tuple[Pattern, ...] = ()
    restricted: tuple[Pattern, ...] = ()

    def family(self, licence: str) -> LicenceFamily | None:
        name = licence.strip().lower()
        for family in ("restricted", "permissive"):
            if any(fnmatch.fnmatchcase(name, p.lower()) for p in getattr(self, family)):
                return family  # type: ignore[return-value]
        return None


class CardCondition(Frozen):
    """Card facts that must all hold for a rule to apply (at least one is set)."""

    licence: Literal["permissive", "restricted", "known", "unknown"] | None = None
    gated: bool | None = None
    datasets: bool | None = None
    usage_code: bool | None = None
    library_name: bool | None = None
    base_model: bool | None = None
    benchmarks_at_least: int | None = Field(default=None, ge=0)
    benchmarks_at_most: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _not_empty(self) -> CardCondition:
        if all(v is None for v in self.model_dump().values()):
            raise ValueError("a condition needs at least one card fact")
        return self


class PrefillRule(Frozen):
    question: Id
    choice: Id
    when: CardCondition
    note: Annotated[str, Field(max_length=500)] = ""


class PrefillMapping(Frozen):
    format_version: Literal[1]
    rubric: Id
    licences: Licences
    rules: tuple[PrefillRule, ...] = Field(min_length=1)


def check_against_rubric(mapping: PrefillMapping, rubric: Rubric, source: str) -> None:
    """Every question and choice the mapping names exists in the rubric; else InputError with the key path."""
    if mapping.rubric != rubric.id:
        raise InputError(source, f"rubric: this mapping is for rubric '{mapping.rubric}', not '{rubric.id}'")
    problems = []
    for i, rule in enumerate(mapping.rules):
        entry = rubric.question_index.get(rule.question)
        if entry is None:
            problems.append(f"rules[{i}].question: rubric {rubric.id} {rubric.version} has no question"
                            f" '{rule.question}'")
            continue
        if entry[1].choice(rule.choice) is None:
            problems.append(f"rules[{i}].choice: question '{rule.question}' has no choice '{rule.choice}'")
    if problems:
        raise InputError(source, "; ".join(problems))


def read_mapping(path: str | Path, rubric: Rubric) -> PrefillMapping:
    """Read, validate and check a prefill mapping file against `rubric` (no caching)."""
    path = Path(path)
    source = str(path)
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_MAPPING_BYTES + 1)
    except OSError as exc:
        raise InputError(source, f"cannot read file ({exc.strerror or exc})") from None
    if len(raw) > MAX_MAPPING_BYTES:
        raise InputError(source, "file is larger than 1 MB")
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_SafeLoader)  # noqa: S506 - a safe loader
    except UnicodeDecodeError:
        raise InputError(source, "not a UTF-8 text file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise InputError(source, f"invalid YAML{where}: {getattr(exc, 'problem', None) or 'invalid YAML'}") from None
    if not isinstance(data, dict):
        raise InputError(source, "a prefill mapping must be a mapping at the top level")
    try:
        mapping = PrefillMapping.model_validate(data)
    except ValidationError as exc:
        raise describe_validation_error(source, exc) from None
    check_against_rubric(mapping, rubric, source)
    return mapping


# Keyed on the rubric's identity (a frozen rubric with dict fields cannot be hashed, and hashing it would
# cost more than this lookup); the rubric is kept with its mapping so a reused id never matches.
_CACHE: dict[tuple[str, int, int], tuple[Rubric, PrefillMapping]] = {}


def _load_cached(path: str, mtime_ns: int, rubric: Rubric) -> PrefillMapping:
    key = (path, mtime_ns, id(rubric))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is rubric:
        return hit[1]
    mapping = read_mapping(path, rubric)
    if len(_CACHE) >= 8:
        _CACHE.clear()
    _CACHE[key] = (rubric, mapping)
    return mapping


def load_mapping(rubric: Rubric, path: str | Path | None = None) -> PrefillMapping:
    """The mapping for `rubric`, loaded once per file version and rubric."""
    p = Path(path) if path is not None else DEFAULT_MAPPING
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise InputError(str(p), f"cannot read file ({exc.strerror or exc})") from None
    return _load_cached(str(p), mtime, rubric)

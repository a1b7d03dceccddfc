"""The assessment file format: a company profile plus the answers given, as JSON.

`format_version` is bumped on any incompatible change; older files are migrated on load
(see MIGRATIONS), never rejected for their age alone.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assessment.errors import InputError, describe_validation_error
from assessment.rubric import Rubric, RubricRef
from assessment.workbench.model import parse_workbench

FORMAT_VERSION = 1
MAX_ASSESSMENT_BYTES = 1_000_000

ShortText = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=100_000)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Company(Model):
    name: ShortText = ""
    stage: ShortText = ""
    niche: Annotated[str, Field(max_length=500)] = ""
    assessor: ShortText = ""
    date: dt.date | None = None


class Answer(Model):
    choice: Annotated[str, Field(max_length=64)]
    evidence: LongText = ""


def action_key(gap_id: str, index: int) -> str:
    """The `action_plan` key of a gap's recommended action (its position in the rule's `actions`)."""
    return f"{gap_id}:{index}"


class ActionItem(Model):
    """An owner and a target date for one recommended action (key: `<gap id>:<action index>`)."""

    owner: ShortText = ""
    due: dt.date | None = None
    done: bool = False


class Assessment(Model):
    format_version: int = FORMAT_VERSION
    rubric: RubricRef
    company: Company = Company()
    answers: dict[str, Answer] = {}
    action_plan: dict[str, ActionItem] = {}
    # Extension sections owned by other modules (e.g. the price/performance workbench) are kept
    # as plain JSON here and validated by their own module.
    workbench: dict[str, Any] | None = None


def _migrate_v0(data: dict[str, Any]) -> dict[str, Any]:
    """Format 0 (pre-release drafts): `profile` instead of `company`, answers as bare choice ids."""
    out = dict(data)
    if "profile" in out:
        out["company"] = out.pop("profile")
    answers = out.get("answers") or {}
    if isinstance(answers, dict):  # anything else is left for validation to name
        out["answers"] = {qid: ({"choice": a} if isinstance(a, str) else a) for qid, a in answers.items()}
    out["format_version"] = 1
    return out


# from-version -> function producing the next version's dict.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_v0}


def migrate(data: dict[str, Any], source: str) -> dict[str, Any]:
    version = data.get("format_version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError(source, "format_version: must be an integer", kind="not-assessment")
    if version > FORMAT_VERSION:
        raise InputError(source, f"format_version {version} is newer than this tool supports ({FORMAT_VERSION})",
                         kind="newer-format")
    while version < FORMAT_VERSION:
        if version not in MIGRATIONS:
            raise InputError(source, f"format_version {version} is not supported", kind="old-format")
        data = MIGRATIONS[version](data)
        version = data["format_version"]
    return data


def check_against_rubric(assessment: Assessment, rubric: Rubric, source: str) -> None:
    """Reject answers that do not fit the rubric: wrong rubric, unknown question or choice."""
    if assessment.rubric.id != rubric.id:
        raise InputError(
            source, f"rubric.id: this assessment is for rubric '{assessment.rubric.id}', not '{rubric.id}'",
            kind="other-rubric",
        )
    if assessment.rubric.version != rubric.version:
        raise InputError(
            source,
            f"rubric.version: this assessment was made with rubric version {assessment.rubric.version},"
            f" this tool has version {rubric.version}",
            kind="rubric-version",
        )
    for qid, answer in assessment.answers.items():
        entry = rubric.question_index.get(qid)
        if entry is None:
            raise InputError(source, f"answers.{qid}: unknown question id '{qid}'", kind="unknown-answers")
        valid = {c.id for c in rubric.choices_for(entry[1])}
        if answer.choice not in valid:
            expected = ", ".join(sorted(valid))
            message = f"unknown choice '{answer.choice}' (expected one of {expected})"
            raise InputError(source, f"answers.{qid}.choice: {message}", kind="unknown-answers")


def _find_nul(value: Any, path: str) -> str | None:
    """Key path of the first string (or key) holding a NUL character, if any."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if "\x00" in str(key):
                return path or "a key"
            found = _find_nul(item, child)
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _find_nul(item, f"{path}[{i}]")
            if found is not None:
                return found
    return None


def parse_assessment(raw: bytes | str, rubric: Rubric, source: str = "assessment") -> Assessment:
    """Parse, migrate and validate an assessment file's bytes. Raises InputError, one line."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > MAX_ASSESSMENT_BYTES:
        raise InputError(source, f"file is {len(raw):,} bytes; the limit is 1 MB", kind="too-large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(source, "not a UTF-8 text file (is it a binary file?)", kind="not-text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                         kind="not-json") from None
    except RecursionError:
        raise InputError(source, "not an assessment file (JSON nested too deeply)", kind="not-assessment") from None
    if not isinstance(data, dict):
        raise InputError(source, "an assessment must be a JSON object at the top level", kind="not-assessment")
    nul_at = _find_nul(data, "")
    if nul_at is not None:
        # No database stores NUL in text; refusing it here keeps an import from failing later, unseen.
        raise InputError(source, f"{nul_at or 'a key'}: text must not contain NUL characters", kind="bad-values")
    data = migrate(data, source)
    try:
        assessment = Assessment.model_validate(data)
    except ValidationError as exc:
        error = describe_validation_error(source, exc)
        # Missing or unknown top-level keys (or no rubric reference): some other JSON file, not a bad value.
        foreign = any(len(e["loc"]) <= 1 or e["loc"][0] == "rubric" for e in exc.errors())
        error.kind = "not-assessment" if foreign else "bad-values"
        raise error from None
    check_against_rubric(assessment, rubric, source)
    if assessment.workbench is not None:
        try:
            parse_workbench(assessment.workbench, source, prefix=("workbench",))
        except InputError as exc:
            exc.kind = exc.kind or "workbench"
            raise
    return assessment


def read_assessment(path: str | Path, rubric: Rubric) -> Assessment:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_ASSESSMENT_BYTES:
            raise InputError(str(path), f"file is {size:,} bytes; the limit is 1 MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})") from None
    return parse_assessment(raw, rubric, str(path))


def dump_assessment(assessment: Assessment) -> str:
    """The assessment as pretty JSON, re-importable with `parse_assessment`."""
    return assessment.model_dump_json(indent=2, exclude_none=False)


def new_assessment(rubric: Rubric, **company: Any) -> Assessment:
    return Assessment(rubric=rubric.ref, company=Company(**company))

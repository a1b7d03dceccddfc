"""The assessment file format: a company profile plus the answers given, as JSON.

`format_version` is bumped on any incompatible change; older files are migrated on load
(see MIGRATIONS), never rejected for their age alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assessment.errors import InputError, describe_validation_error
from assessment.names import clean_name
from assessment.reading import decode_text, parse_json, read_limited
from assessment.rubric import Rubric, RubricRef
from assessment.upgrade import upgrade_data
from assessment.workbench.model import parse_workbench

FORMAT_VERSION = 2  # 2: `history` (snapshots) and `to_confirm` (a re-assessment's carried-over answers)
MAX_ASSESSMENT_BYTES = 1_000_000

MAX_NOTE_CHARS = 100_000  # one evidence note; all of them together must still fit MAX_ASSESSMENT_BYTES

ShortText = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=MAX_NOTE_CHARS)]
# `<gap id>:<action index>`; gap ids are at most 64 characters.
ActionKey = Annotated[str, Field(max_length=72)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Company(Model):
    name: ShortText = ""
    stage: ShortText = ""
    niche: Annotated[str, Field(max_length=500)] = ""
    assessor: ShortText = ""
    date: dt.date | None = None

    @field_validator("name", "stage", "niche", "assessor")
    @classmethod
    def _one_clean_line(cls, value: str) -> str:
        return clean_name(value)


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

    @field_validator("owner")
    @classmethod
    def _one_clean_line(cls, value: str) -> str:
        return clean_name(value)


class DroppedAnswer(Model):
    """An answer an upgrade could not carry over (its question or choice is gone), kept word for word."""

    question: ShortText
    question_text: LongText = ""
    choice: ShortText
    choice_label: LongText = ""
    evidence: LongText = ""


class DroppedPlanItem(ActionItem):
    """An action-plan entry whose gap or action no longer exists."""

    key: ShortText
    gap: LongText = ""
    action: LongText = ""


class UpgradeNote(Model):
    """What happened when the assessment moved to a newer rubric version; shown once in the app."""

    from_version: ShortText
    to_version: ShortText
    answers_kept: int = Field(default=0, ge=0)
    dropped_answers: list[DroppedAnswer] = Field(default=[], max_length=1000)
    dropped_plan: list[DroppedPlanItem] = Field(default=[], max_length=1000)
    seen: bool = False


MAX_SNAPSHOTS = 500  # a snapshot a day for more than a year; the 1 MB file limit binds long before
SnapshotReason = Literal["manual", "report", "daily", "reassess"]


class Snapshot(Model):
    """A dated, read-only copy of an assessment's answers and plan (`history`; see `assessment.progress`)."""

    taken_at: dt.datetime
    reason: SnapshotReason = "manual"
    label: Annotated[str, Field(max_length=100)] = ""
    rubric: RubricRef
    company: Company = Company()
    answers: dict[str, Answer] = {}
    action_plan: dict[ActionKey, ActionItem] = {}


class Assessment(Model):
    format_version: int = FORMAT_VERSION
    rubric: RubricRef
    company: Company = Company()
    answers: dict[str, Answer] = {}
    action_plan: dict[ActionKey, ActionItem] = {}
    # Earlier snapshots, oldest first; and the answers a re-assessment carried over that nobody has
    # confirmed or changed yet (question ids), so a stale answer is never silently reused.
    history: Annotated[list[Snapshot], Field(max_length=MAX_SNAPSHOTS)] = []
    to_confirm: Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=1000)] = []
    # Extension sections owned by other modules (e.g. the price/performance workbench) are kept
    # as plain JSON here and validated by their own module.
    workbench: dict[str, Any] | None = None
    upgrades: list[UpgradeNote] = Field(default=[], max_length=100)  # rubric upgrades, oldest first


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


def _migrate_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 had no history: it imports as before, with an empty history and nothing to confirm."""
    return {**data, "format_version": 2}


# from-version -> function producing the next version's dict.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_v0, 1: _migrate_v1}


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
    for qid in assessment.to_confirm:
        if qid not in rubric.question_index:
            raise InputError(source, f"to_confirm: unknown question id '{qid}'", kind="unknown-answers")
    for i, snapshot in enumerate(assessment.history):
        # A snapshot made under an earlier rubric version is kept as it is (compare refuses to mix versions).
        if snapshot.rubric != assessment.rubric:
            continue
        for qid, answer in snapshot.answers.items():
            entry = rubric.question_index.get(qid)
            if entry is None or answer.choice not in {c.id for c in rubric.choices_for(entry[1])}:
                raise InputError(source, f"history[{i}].answers.{qid}: not an answer to this questionnaire",
                                 kind="unknown-answers")


def check_action_keys(assessment: Assessment, rubric: Rubric, source: str) -> None:
    """Refuse action-plan entries that belong to no action of the rubric's gap rules (on import)."""
    rules = {rule.id: rule for rule in rubric.gap_rules}
    for key in assessment.action_plan:
        gap_id, _, index = key.rpartition(":")
        rule = rules.get(gap_id)
        if rule is None or not (index.isascii() and index.isdigit()) or str(int(index)) != index \
                or int(index) >= len(rule.actions):
            raise InputError(source, f"action_plan.{key}: unknown action (a key is '<gap id>:<action number>'"
                                     " of a gap rule of this rubric)", kind="unknown-answers")


def saved_size(assessment: Assessment) -> int:
    """Bytes of the assessment as a file, written compactly (the smallest form `dump_assessment` gives)."""
    return len(assessment.model_dump_json().encode("utf-8"))


def check_fits(assessment: Assessment, source: str = "assessment") -> None:
    """Refuse an assessment that could not be saved as a file and imported again (over 1 MB).

    Where data enters (an import, a note, a plan entry) this is checked, so the app never stores
    what it cannot give back as a file it accepts.
    """
    size = saved_size(assessment)
    if size > MAX_ASSESSMENT_BYTES:
        raise InputError(source, f"the assessment would be {size:,} bytes as a file; the limit is 1 MB"
                                 " (shorten the longest evidence notes)", kind="too-large")


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
    data = parse_json(decode_text(raw, source), source)
    if not isinstance(data, dict):
        raise InputError(source, "an assessment must be a JSON object at the top level", kind="not-assessment")
    nul_at = _find_nul(data, "")
    if nul_at is not None:
        # No database stores NUL in text; refusing it here keeps an import from failing later, unseen.
        where = nul_at if nul_at.isprintable() else nul_at.encode("unicode_escape").decode("ascii")
        raise InputError(source, f"{where[:120] or 'a key'}: text must not contain NUL characters", kind="bad-values")
    data = upgrade_data(migrate(data, source), rubric)
    try:
        assessment = Assessment.model_validate(data)
    except ValidationError as exc:
        error = describe_validation_error(source, exc)
        # Missing or unknown top-level keys (or no rubric reference): some other JSON file, not a bad value.
        foreign = any(len(e["loc"]) <= 1 or e["loc"][0] == "rubric" for e in exc.errors())
        error.kind = "not-assessment" if foreign else "bad-values"
        raise error from None
    check_against_rubric(assessment, rubric, source)
    check_action_keys(assessment, rubric, source)
    if assessment.workbench is not None:
        try:
            parse_workbench(assessment.workbench, source, prefix=("workbench",))
        except InputError as exc:
            exc.kind = exc.kind or "workbench"
            raise
    check_fits(assessment, source)
    return assessment


def read_assessment(path: str | Path, rubric: Rubric) -> Assessment:
    return parse_assessment(read_limited(path, MAX_ASSESSMENT_BYTES), rubric, str(path))


def dump_assessment(assessment: Assessment) -> str:
    """The assessment as JSON, re-importable with `parse_assessment`: indented for reading and diffs,
    unless the indentation would take it over the import limit (then compact)."""
    pretty = assessment.model_dump_json(indent=2, exclude_none=False)
    if len(pretty.encode("utf-8")) <= MAX_ASSESSMENT_BYTES:
        return pretty
    return assessment.model_dump_json(exclude_none=False)


def new_assessment(rubric: Rubric, **company: Any) -> Assessment:
    return Assessment(rubric=rubric.ref, company=Company(**company))

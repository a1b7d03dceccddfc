"""The rubric file format: pillars, principles, questions, levels, severities and gap rules.

A rubric is data. The engine only interprets it: weights, thresholds, caps, gap conditions and
recommendations all live in `rubrics/*.yaml`.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assessment.errors import InputError, describe_validation_error

RUBRIC_FORMAT_VERSION = 1
RUBRICS_DIR = Path(__file__).resolve().parent.parent / "rubrics"
DEFAULT_RUBRIC = RUBRICS_DIR / "open-llm-playbook.yaml"
MAX_RUBRIC_BYTES = 2_000_000
# libyaml's safe loader when available: the same safe subset of YAML, about 8x faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Text = Annotated[str, Field(min_length=1)]
Weight = Annotated[float, Field(gt=0)]
Score = Annotated[float, Field(ge=0, le=100)]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _duplicates(ids: Iterable[str]) -> list[str]:
    return [i for i, n in Counter(ids).items() if n > 1]


class Choice(Frozen):
    """One answer a person can pick, with its score (0-100)."""

    id: Id
    label: Text
    score: Score
    dont_know: bool = False


class DontKnow(Frozen):
    """The explicit "don't know" choice the engine adds to every question."""

    id: Id = "dont-know"
    label: Text = "Don't know"


class Question(Frozen):
    id: Id
    text: Text
    help: Text
    section: Text
    weight: Weight = 1.0
    evidence_prompt: str = "Evidence or link (optional)"
    choices: tuple[Choice, ...] = Field(min_length=2)
    # The question does not apply (is not asked, scored or counted) while this holds, e.g. release
    # details while no weights are out. Only `answer` conditions on unconditional questions.
    skip_when: Condition | None = None
    skip_note: str = ""

    @field_validator("choices")
    @classmethod
    def _unique_choices(cls, choices: tuple[Choice, ...]) -> tuple[Choice, ...]:
        dup = _duplicates(c.id for c in choices)
        if dup:
            raise ValueError(f"duplicate id '{dup[0]}'")
        if all(c.score == 0 for c in choices):
            raise ValueError("every choice scores 0; at least one must score above 0")
        return choices

    def choice(self, choice_id: str) -> Choice | None:
        for c in self.choices:
            if c.id == choice_id:
                return c
        return None


class Principle(Frozen):
    id: Id
    pillar: Id
    title: Text
    summary: Text
    weight: Weight = 1.0
    questions: tuple[Question, ...] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _unique_questions(cls, questions: tuple[Question, ...]) -> tuple[Question, ...]:
        dup = _duplicates(q.id for q in questions)
        if dup:
            raise ValueError(f"duplicate id '{dup[0]}'")
        return questions


class Pillar(Frozen):
    id: Id
    title: Text
    summary: Text
    weight: Weight = 1.0


class Level(Frozen):
    """A readiness level: reached when the overall score is at least `min_score`."""

    id: Id
    label: Text
    min_score: Score
    description: Text


class Severity(Frozen):
    """How serious a gap is. `caps_level` is the highest level a company with such a gap can get."""

    id: Literal["critical", "high", "medium", "low"]
    label: Text
    rank: int = Field(ge=0)
    caps_level: Id | None = None
    plan_start_days: int = Field(default=90, ge=0, le=365)  # when the first action is due in the action plan


class AnswerIn(Frozen):
    question: Id
    choices: tuple[Id, ...] = Field(min_length=1)


class PrincipleBelow(Frozen):
    principle: Id
    score: Score


class Condition(Frozen):
    """One node of the gap-rule condition language. Exactly one key is set.

    `answer`: the question's answer is one of `choices`; `principle_below`: the principle's
    score is known and below `score`; `all` / `any` / `not` combine conditions.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    answer: AnswerIn | None = None
    principle_below: PrincipleBelow | None = None
    all_of: tuple[Condition, ...] | None = Field(default=None, alias="all", min_length=1)
    any_of: tuple[Condition, ...] | None = Field(default=None, alias="any", min_length=1)
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _exactly_one(self) -> Condition:
        present = [
            name
            for name, value in (
                ("answer", self.answer),
                ("principle_below", self.principle_below),
                ("all", self.all_of),
                ("any", self.any_of),
                ("not", self.not_),
            )
            if value is not None
        ]
        if len(present) != 1:
            raise ValueError(
                "a condition needs exactly one of answer, principle_below, all, any, not"
                f" (found {', '.join(present) or 'none'})"
            )
        return self

    def walk(self, path: str) -> Iterator[tuple[str, Condition]]:
        """Yield (key path, node) for this condition and every nested one."""
        yield path, self
        for key, children in (("all", self.all_of), ("any", self.any_of)):
            for i, child in enumerate(children or ()):
                yield from child.walk(f"{path}.{key}[{i}]")
        if self.not_ is not None:
            yield from self.not_.walk(f"{path}.not")


Question.model_rebuild()
Principle.model_rebuild()


class GapRule(Frozen):
    """A gap: when `when` holds, the company is told `title`, why (`reasoning`) and what to do."""

    id: Id
    principle: Id
    severity: Literal["critical", "high", "medium", "low"]
    title: Text
    reasoning: Text
    section: Text
    actions: tuple[Text, ...] = Field(min_length=2, max_length=4)
    when: Condition
    caps_level: Id | None = None  # overrides the severity's cap for this rule
    blocks: tuple[Id, ...] = ()
    unblock: str = ""


class RubricRef(Frozen):
    id: Id
    version: Text


class Rubric(Frozen):
    format_version: Literal[1]
    id: Id
    version: Text
    title: Text
    source: Text
    description: Text
    provisional_below: float = Field(default=0.8, ge=0, le=1)
    dont_know: DontKnow = DontKnow()
    pillars: tuple[Pillar, ...] = Field(min_length=1)
    principles: tuple[Principle, ...] = Field(min_length=1)
    levels: tuple[Level, ...] = Field(min_length=2)
    severities: tuple[Severity, ...] = Field(min_length=1)
    gap_rules: tuple[GapRule, ...] = ()

    @model_validator(mode="after")
    def _cross_references(self) -> Rubric:
        problems = list(_reference_problems(self))
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # Look-ups. The rubric is frozen, so these are cached on first use.
    @functools.cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for p in self.principles for q in p.questions)

    @functools.cached_property
    def question_index(self) -> dict[str, tuple[Principle, Question]]:
        return {q.id: (p, q) for p in self.principles for q in p.questions}

    @functools.cached_property
    def principle_index(self) -> dict[str, Principle]:
        return {p.id: p for p in self.principles}

    @functools.cached_property
    def pillar_index(self) -> dict[str, Pillar]:
        return {p.id: p for p in self.pillars}

    @functools.cached_property
    def severity_index(self) -> dict[str, Severity]:
        return {s.id: s for s in self.severities}

    @functools.cached_property
    def level_index(self) -> dict[str, Level]:
        return {lv.id: lv for lv in self.levels}

    def choices_for(self, question: Question) -> tuple[Choice, ...]:
        """The question's own choices plus the rubric's explicit "don't know" (scored 0)."""
        return (*question.choices, Choice(id=self.dont_know.id, label=self.dont_know.label, score=0, dont_know=True))

    def principles_of(self, pillar_id: str) -> tuple[Principle, ...]:
        return tuple(p for p in self.principles if p.pillar == pillar_id)

    @property
    def ref(self) -> RubricRef:
        return RubricRef(id=self.id, version=self.version)


def _reference_problems(r: Rubric) -> Iterator[str]:
    """Every broken cross-reference, as `key.path: message`."""
    for name, items in (("pillars", r.pillars), ("principles", r.principles), ("levels", r.levels),
                        ("severities", r.severities), ("gap_rules", r.gap_rules)):
        for dup in _duplicates(i.id for i in items):
            yield f"{name}: duplicate id '{dup}'"
    all_q = [q.id for p in r.principles for q in p.questions]
    for dup in _duplicates(all_q):
        yield f"principles: duplicate question id '{dup}'"
    pillars = {p.id for p in r.pillars}
    principles = {p.id: p for p in r.principles}
    questions = {q.id: q for p in r.principles for q in p.questions}
    for i, p in enumerate(r.principles):
        if p.pillar not in pillars:
            yield f"principles[{i}].pillar: unknown pillar '{p.pillar}'"
        for j, q in enumerate(p.questions):
            if any(c.id == r.dont_know.id for c in q.choices):
                yield (f"principles[{i}].questions[{j}].choices: '{r.dont_know.id}' is added to every"
                       " question by the rubric's dont_know; do not list it")
    conditional = {q.id for p in r.principles for q in p.questions if q.skip_when is not None}
    for i, p in enumerate(r.principles):
        for j, q in enumerate(p.questions):
            if q.skip_when is None:
                continue
            base = f"principles[{i}].questions[{j}].skip_when"
            if not q.skip_note:
                yield f"principles[{i}].questions[{j}].skip_note: say why the question is skipped"
            for path, node in q.skip_when.walk(base):
                if node.principle_below is not None:
                    yield f"{path}: skip_when may only use answer conditions"
                if node.answer is not None:
                    target = questions.get(node.answer.question)
                    if target is None:
                        yield f"{path}.answer.question: unknown question '{node.answer.question}'"
                    elif target.id in conditional:
                        yield f"{path}.answer.question: '{target.id}' is itself conditional; chains are not allowed"
                    else:
                        valid = {c.id for c in target.choices} | {r.dont_know.id}
                        for k, cid in enumerate(node.answer.choices):
                            if cid not in valid:
                                yield f"{path}.answer.choices[{k}]: question '{target.id}' has no choice '{cid}'"
    for pid in pillars - {p.pillar for p in r.principles}:
        yield f"pillars: pillar '{pid}' has no principles"
    scores = [lv.min_score for lv in r.levels]
    if scores != sorted(scores) or len(set(scores)) != len(scores):
        yield "levels: thresholds must be strictly increasing (min_score " + ", ".join(f"{s:g}" for s in scores) + ")"
    if scores and scores[0] != 0:
        yield "levels[0].min_score: the first level must start at 0"
    level_ids = {lv.id for lv in r.levels}
    for i, s in enumerate(r.severities):
        if s.caps_level is not None and s.caps_level not in level_ids:
            yield f"severities[{i}].caps_level: unknown level '{s.caps_level}'"
    severity_ids = {s.id for s in r.severities}
    for i, rule in enumerate(r.gap_rules):
        base = f"gap_rules[{i}]"
        if rule.principle not in principles:
            yield f"{base}.principle: unknown principle '{rule.principle}'"
        if rule.caps_level is not None and rule.caps_level not in level_ids:
            yield f"{base}.caps_level: unknown level '{rule.caps_level}'"
        if rule.severity not in severity_ids:
            yield f"{base}.severity: severity '{rule.severity}' is not defined in severities"
        for k, blocked in enumerate(rule.blocks):
            if blocked not in principles:
                yield f"{base}.blocks[{k}]: unknown principle '{blocked}'"
        if rule.blocks and not rule.unblock:
            yield f"{base}.unblock: a rule that blocks principles must say what unblocks them"
        for path, node in rule.when.walk(f"{base}.when"):
            if node.answer is not None:
                q = questions.get(node.answer.question)
                if q is None:
                    yield f"{path}.answer.question: unknown question '{node.answer.question}'"
                    continue
                valid = {c.id for c in q.choices} | {r.dont_know.id}
                for k, cid in enumerate(node.answer.choices):
                    if cid not in valid:
                        yield f"{path}.answer.choices[{k}]: question '{q.id}' has no choice '{cid}'"
            if node.principle_below is not None and node.principle_below.principle not in principles:
                yield f"{path}.principle_below.principle: unknown principle '{node.principle_below.principle}'"


def parse_rubric(data: object, source: str) -> Rubric:
    """Validate already-parsed rubric data; raise InputError naming `source` and each key path."""
    if not isinstance(data, dict):
        raise InputError(source, "a rubric must be a mapping at the top level")
    try:
        return Rubric.model_validate(data)
    except ValidationError as exc:
        raise describe_validation_error(source, exc) from None


def read_rubric(path: str | Path) -> Rubric:
    """Read and validate a rubric YAML file (no caching; see `load_rubric`)."""
    path = Path(path)
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read file ({exc.strerror or exc})") from None
    if len(raw) > MAX_RUBRIC_BYTES:
        raise InputError(source, f"file is larger than {MAX_RUBRIC_BYTES // 1_000_000} MB")
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_SafeLoader)  # noqa: S506 - a safe loader
    except UnicodeDecodeError:
        raise InputError(source, "not a UTF-8 text file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(source, f"invalid YAML{where}: {problem}") from None
    return parse_rubric(data, source)


@functools.lru_cache(maxsize=16)
def _load_cached(path: str, mtime_ns: int) -> Rubric:
    return read_rubric(path)


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Load a rubric once per file version (cached on path and modification time)."""
    p = Path(path) if path is not None else DEFAULT_RUBRIC
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise InputError(str(p), f"cannot read file ({exc.strerror or exc})") from None
    return _load_cached(str(p), mtime)


def available_rubrics() -> list[Path]:
    """Every rubric file shipped in `rubrics/`."""
    return sorted(RUBRICS_DIR.glob("*.yaml"))

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

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assessment.cross_references import reference_problems
from assessment.errors import InputError, describe_validation_error
from assessment.focus_policy import FocusPolicy, focus_problems
from assessment.policies import NotEnoughKnown, Upgrade
from assessment.reading import decode_text, parse_yaml, read_limited

RUBRIC_FORMAT_VERSION = 1
RUBRICS_DIR = Path(__file__).resolve().parent.parent / "rubrics"
DEFAULT_RUBRIC = RUBRICS_DIR / "open-llm-playbook.yaml"
MAX_RUBRIC_BYTES = 2_000_000
# Weights are relative; a bound keeps every weighted sum finite (1e308 on each pillar overflowed).
MAX_WEIGHT = 1_000_000

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Text = Annotated[str, Field(min_length=1)]
Weight = Annotated[float, Field(gt=0, le=MAX_WEIGHT, allow_inf_nan=False)]
Score = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


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
    to_confirm: str = ""  # the gap as an open question, while it holds only on "don't know" answers
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
    provisional_below: float = Field(default=0.8, ge=0, le=1, allow_inf_nan=False)
    # fewer real answers than this share of those that apply: no score or level shown
    score_shown_from: float = Field(default=0.0, ge=0, le=1, allow_inf_nan=False)
    dont_know: DontKnow = DontKnow()
    not_enough_known: NotEnoughKnown = NotEnoughKnown()
    upgrades: tuple[Upgrade, ...] = ()
    pillars: tuple[Pillar, ...] = Field(min_length=1)
    principles: tuple[Principle, ...] = Field(min_length=1)
    levels: tuple[Level, ...] = Field(min_length=2)
    severities: tuple[Severity, ...] = Field(min_length=1)
    gap_rules: tuple[GapRule, ...] = ()
    focus: FocusPolicy = FocusPolicy()  # what to tackle first (assessment.focus)

    @model_validator(mode="after")
    def _cross_references(self) -> Rubric:
        problems = [*reference_problems(self), *focus_problems(self.focus, self.principle_index, self.severity_index)]
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

    def own_caps(self) -> tuple[str, ...]:
        """The gap rules whose cap differs from their severity's, in words: '"No niche" (high) caps it at
        Emerging'. The methodology states them next to the severity caps, so the two never disagree."""
        out = []
        for rule in self.gap_rules:
            default = self.severity_index[rule.severity].caps_level
            if rule.caps_level and rule.caps_level != default:
                label = self.severity_index[rule.severity].label.lower()
                out.append(f'"{rule.title}" ({label}) caps it at {self.level_index[rule.caps_level].label}')
        return tuple(out)

    def choices_for(self, question: Question) -> tuple[Choice, ...]:
        """The question's own choices plus the rubric's explicit "don't know" (scored 0)."""
        return (*question.choices, Choice(id=self.dont_know.id, label=self.dont_know.label, score=0, dont_know=True))

    def principles_of(self, pillar_id: str) -> tuple[Principle, ...]:
        return tuple(p for p in self.principles if p.pillar == pillar_id)

    @property
    def ref(self) -> RubricRef:
        return RubricRef(id=self.id, version=self.version)


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
    source = str(path)
    raw = read_limited(path, MAX_RUBRIC_BYTES)
    data = parse_yaml(decode_text(raw, source), source)
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

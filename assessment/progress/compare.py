"""What changed between two assessments of one company: score, level, principle and pillar deltas,
gaps closed and opened, answers changed, action-plan items done and planned actions closed with their gap.

Both sides are scored by the one scoring engine. Two assessments of different companies, rubrics or
rubric versions are refused with an `InputError` (kind "not-comparable"): their numbers do not
measure the same thing. Pure Python; comparing two complete assessments costs well under a millisecond.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assessment.answers import Assessment, Snapshot
from assessment.errors import InputError
from assessment.rubric import Level, Rubric, RubricRef
from assessment.scoring import Result, score_assessment
from assessment.whatif import shown, shown_change

NOT_COMPARABLE = "not-comparable"


@dataclass(frozen=True, slots=True)
class Delta:
    id: str
    title: str
    old: float | None  # None: nothing answered there
    new: float | None

    @property
    def delta(self) -> float | None:
        """The change as shown: the difference of the rounded scores, so "73.2 -> 74.4" reads "+1.2"
        in the app, the reports and `assessment compare` alike."""
        return None if self.old is None or self.new is None else shown_change(self.old, self.new)


@dataclass(frozen=True, slots=True)
class AnswerChange:
    question: str
    text: str
    old: str | None  # choice id; None when it was not answered
    new: str | None
    old_label: str
    new_label: str


@dataclass(frozen=True, slots=True)
class GapChange:
    id: str
    title: str
    severity: str


@dataclass(frozen=True, slots=True)
class ActionDone:
    key: str  # the action-plan key, `<gap id>:<index>`
    text: str  # the action's wording ("" when the rubric no longer has it)


@dataclass(frozen=True, slots=True)
class ActionClosed:
    """A planned action (with an owner or a due date) whose gap closed before it was marked done: it
    leaves the plan with its gap, and is said so rather than vanishing."""

    key: str  # the action-plan key, `<gap id>:<index>`
    text: str  # the action's wording ("" when the rubric no longer has it)
    owner: str
    due: dt.date | None


@dataclass(frozen=True, slots=True)
class Comparison:
    since: dt.date | None  # the older side's date, when known
    until: dt.date | None
    overall: Delta
    old_level: Level
    new_level: Level
    old_provisional: bool
    new_provisional: bool
    pillars: tuple[Delta, ...]
    principles: tuple[Delta, ...]
    gaps_closed: tuple[GapChange, ...]
    gaps_opened: tuple[GapChange, ...]
    answers_changed: tuple[AnswerChange, ...]
    actions_done: tuple[ActionDone, ...]
    actions_closed: tuple[ActionClosed, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.answers_changed or self.actions_done or self.actions_closed or self.gaps_closed
                    or self.gaps_opened)


def _company_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_same_rubric(old: RubricRef, new: RubricRef, old_source: str = "old", new_source: str = "new") -> None:
    """Refuse two rubric references that differ, with what to do about it."""
    if old.id != new.id:
        raise InputError(new_source, f"rubric.id: {old_source} is for rubric '{old.id}', this one for '{new.id}';"
                         " assessments of different questionnaires cannot be compared", kind=NOT_COMPARABLE)
    if old.version != new.version:
        raise InputError(new_source, f"rubric.version: {old_source} was made with rubric version {old.version},"
                         f" this one with {new.version}; compare after migrating both to the same version",
                         kind=NOT_COMPARABLE)


def check_comparable(old: Assessment, new: Assessment, old_source: str = "old", new_source: str = "new") -> None:
    """Refuse to compare assessments of different companies or rubrics (InputError, one line)."""
    check_same_rubric(old.rubric, new.rubric, old_source, new_source)
    if _company_key(old.company.name) != _company_key(new.company.name):
        raise InputError(new_source, f"company.name: {old_source} is an assessment of '{old.company.name}',"
                         f" this one of '{new.company.name}'; only assessments of one company can be compared",
                         kind=NOT_COMPARABLE)


def snapshot_assessment(snapshot: Snapshot) -> Assessment:
    """A snapshot as an assessment (read-only by convention), for scoring and comparing."""
    company = snapshot.company
    if company.date is None:
        company = company.model_copy(update={"date": snapshot.taken_at.date()})
    return Assessment(rubric=snapshot.rubric, company=company, answers=snapshot.answers,
                      action_plan=snapshot.action_plan)


def _gap_changes(ids: list[str], result: Result) -> tuple[GapChange, ...]:
    gaps = {g.id: g for g in result.gaps}
    return tuple(GapChange(i, gaps[i].title, gaps[i].severity) for i in ids)


def _answer_changes(rubric: Rubric, old: Assessment, new: Assessment) -> tuple[AnswerChange, ...]:
    out = []
    for q in rubric.questions:
        a, b = old.answers.get(q.id), new.answers.get(q.id)
        ca, cb = (a.choice if a else None), (b.choice if b else None)
        if ca == cb:
            continue
        labels = {c.id: c.label for c in rubric.choices_for(q)}
        out.append(AnswerChange(q.id, q.text, ca, cb, labels.get(ca or "", "Not answered"),
                                labels.get(cb or "", "Not answered")))
    return tuple(out)


def _action_text(rubric: Rubric, key: str) -> str:
    gap_id, _, index = key.rpartition(":")
    rule = next((r for r in rubric.gap_rules if r.id == gap_id), None)
    return rule.actions[int(index)] if rule and index.isdigit() and int(index) < len(rule.actions) else ""


def _actions_done(rubric: Rubric, old: Assessment, new: Assessment) -> tuple[ActionDone, ...]:
    out = []
    for key, item in new.action_plan.items():
        before = old.action_plan.get(key)
        if item.done and not (before and before.done):
            out.append(ActionDone(key, _action_text(rubric, key)))
    return tuple(sorted(out, key=lambda a: a.key))


def _actions_closed(rubric: Rubric, old: Assessment, new: Assessment,
                    closed: tuple[GapChange, ...]) -> tuple[ActionClosed, ...]:
    """Planned actions (an owner or a due date, not done) of the gaps that closed, as the plan has them now
    (or had them then, when the plan no longer keeps the entry)."""
    gap_ids = {g.id for g in closed}
    out = []
    for key in sorted({*old.action_plan, *new.action_plan}):
        item = new.action_plan.get(key) or old.action_plan[key]
        if key.rpartition(":")[0] in gap_ids and (item.owner.strip() or item.due) and not item.done:
            out.append(ActionClosed(key, _action_text(rubric, key), item.owner.strip(), item.due))
    return tuple(out)


def compare(rubric: Rubric, old: Assessment, new: Assessment, *, old_result: Result | None = None,
            new_result: Result | None = None) -> Comparison:
    """What changed from `old` to `new` (both of one company and rubric version; else InputError)."""
    check_comparable(old, new)
    check_same_rubric(new.rubric, rubric.ref, "the assessments", "this tool's rubric")
    r_old = old_result or score_assessment(rubric, old)
    r_new = new_result or score_assessment(rubric, new)
    old_ids = [g.id for g in r_old.gaps]
    new_ids = [g.id for g in r_new.gaps]
    new_set, old_set = set(new_ids), set(old_ids)
    closed = _gap_changes([i for i in old_ids if i not in new_set], r_old)
    return Comparison(
        since=old.company.date,
        until=new.company.date,
        overall=Delta("overall", "Overall score", r_old.overall, r_new.overall),
        old_level=r_old.level,
        new_level=r_new.level,
        old_provisional=r_old.provisional,
        new_provisional=r_new.provisional,
        pillars=tuple(Delta(a.id, a.title, a.score, b.score)
                      for a, b in zip(r_old.pillars, r_new.pillars, strict=True)),
        principles=tuple(Delta(a.id, a.title, a.score, b.score)
                         for a, b in zip(r_old.principles, r_new.principles, strict=True)),
        gaps_closed=closed,
        gaps_opened=_gap_changes([i for i in new_ids if i not in old_set], r_new),
        answers_changed=_answer_changes(rubric, old, new),
        actions_done=_actions_done(rubric, old, new),
        actions_closed=_actions_closed(rubric, old, new, closed),
    )


def _round(value: float | None) -> float | None:
    return None if value is None else shown(value)


def _delta_dict(d: Delta) -> dict[str, object]:
    return {"id": d.id, "old": _round(d.old), "new": _round(d.new), "delta": d.delta}


def comparison_to_dict(c: Comparison) -> dict[str, object]:
    """The stable JSON shape of `assessment compare OLD NEW --json`; scripts rely on these keys."""
    overall = _delta_dict(c.overall)
    del overall["id"]
    return {
        "overall": overall,
        "level": {"old": c.old_level.id, "new": c.new_level.id},
        "provisional": {"old": c.old_provisional, "new": c.new_provisional},
        "principles": [_delta_dict(d) for d in c.principles],
        "pillars": [_delta_dict(d) for d in c.pillars],
        "gaps_closed": [g.id for g in c.gaps_closed],
        "gaps_opened": [g.id for g in c.gaps_opened],
        "answers_changed": [{"question": a.question, "old": a.old, "new": a.new} for a in c.answers_changed],
        "actions_done": [a.key for a in c.actions_done],
        "actions_closed": [a.key for a in c.actions_closed],
        "since": c.since.isoformat() if c.since else None,
        "until": c.until.isoformat() if c.until else None,
    }

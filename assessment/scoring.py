"""The one scoring engine: answers in, scores, level, gaps and blocked principles out.

question score -> principle score (weighted mean of answered questions; "don't know" counts as 0)
-> pillar score (weighted mean of principles) -> overall 0-100. Gap rules are evaluated on the
answers and the principles' own scores; a confirmed gap (`assessment.confirmation`) may block principles
(the benefits only come once weights are out: a blocked principle counts as 0) and cap the level (no
niche: never "ready"). Pure Python; the rubric is compiled once into dicts and closures (tens of us a score).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from assessment.answers import Assessment
from assessment.confirmation import Knowledge
from assessment.rubric import Condition, GapRule, Level, Rubric

Choices = Mapping[str, str]  # question id -> choice id
Predicate = Callable[[Choices, Mapping[str, float | None]], bool]


@dataclass(frozen=True, slots=True)
class PrincipleScore:
    id: str
    pillar: str
    title: str
    score: float | None  # effective score: 0 when blocked, None when nothing answered
    raw_score: float | None  # from the answers alone, before blocking
    answered: int
    dont_know: int
    total: int
    blocked_by: tuple[str, ...] = ()

    @property
    def blocked(self) -> bool:
        return bool(self.blocked_by)


@dataclass(frozen=True, slots=True)
class PillarScore:
    id: str
    title: str
    score: float | None
    answered: int
    total: int


@dataclass(frozen=True, slots=True)
class Gap:
    id: str
    severity: str
    severity_rank: int
    title: str
    principle: str
    rule: GapRule
    blocks: tuple[str, ...] = ()
    # False when the gap holds only because of "don't know" answers (those in `unknowns`): it is then an
    # open question to confirm, and caps no level and blocks no principle.
    confirmed: bool = True
    unknowns: tuple[str, ...] = ()

    @property
    def headline(self) -> str:  # the title of a confirmed gap; the open question of one to confirm
        return self.title if self.confirmed or not self.rule.to_confirm else self.rule.to_confirm


@dataclass(frozen=True, slots=True)
class Result:
    overall: float
    level: Level
    uncapped_level: Level
    capped_by: tuple[str, ...]  # gap ids that lowered the level
    provisional: bool
    answered: int
    dont_know: int
    total: int
    pillars: tuple[PillarScore, ...]
    principles: tuple[PrincipleScore, ...]
    gaps: tuple[Gap, ...]  # sorted by severity, most serious first
    blocked: dict[str, tuple[str, ...]] = field(default_factory=dict)  # principle -> gap ids
    skipped: frozenset[str] = frozenset()  # questions that do not apply to these answers
    would_cap: tuple[str, ...] = ()  # gaps to confirm that would lower the level if confirmed
    not_enough_known: str = ""  # the headline instead of a level while most answers are "don't know"
    answers_to_score: int = 0  # real answers still needed before a score or level is shown (0: shown)

    @property
    def score_shown(self) -> bool:
        """Enough real answers for a (provisional) score and level to mean something (`score_shown_from`)."""
        return self.answers_to_score == 0

    @property
    def completeness(self) -> float:
        return self.answered / self.total if self.total else 0.0

    real_answers = property(lambda self: self.answered - self.dont_know)  # answers other than "don't know"
    enough_known = property(lambda self: not self.not_enough_known)

    @property
    def confirmed_gaps(self) -> tuple[Gap, ...]:
        return tuple(g for g in self.gaps if g.confirmed)

    @property
    def to_confirm(self) -> tuple[Gap, ...]:  # holding only on "don't know" answers: open questions
        return tuple(g for g in self.gaps if not g.confirmed)

    def principle(self, principle_id: str) -> PrincipleScore:
        return next(p for p in self.principles if p.id == principle_id)

    def pillar(self, pillar_id: str) -> PillarScore:
        return next(p for p in self.pillars if p.id == pillar_id)

    def gap(self, gap_id: str) -> Gap | None:
        return next((g for g in self.gaps if g.id == gap_id), None)


def _compile(cond: Condition) -> Predicate:
    if cond.answer is not None:
        qid, allowed = cond.answer.question, frozenset(cond.answer.choices)
        return lambda ch, _ps: ch.get(qid) in allowed
    if cond.principle_below is not None:
        pid, limit = cond.principle_below.principle, cond.principle_below.score

        def below(_ch: Choices, ps: Mapping[str, float | None]) -> bool:
            value = ps.get(pid)
            return value is not None and value < limit

        return below
    if cond.all_of is not None:
        parts = tuple(_compile(c) for c in cond.all_of)
        return lambda ch, ps: all(p(ch, ps) for p in parts)
    if cond.any_of is not None:
        parts = tuple(_compile(c) for c in cond.any_of)
        return lambda ch, ps: any(p(ch, ps) for p in parts)
    assert cond.not_ is not None
    inner = _compile(cond.not_)
    return lambda ch, ps: not inner(ch, ps)


@dataclass(frozen=True)
class _Compiled:
    # (principle id, pillar id, title, weight, ((question id, weight, {choice id: score}), ...))
    principles: tuple[tuple[str, str, str, float, tuple[tuple[str, float, dict[str, float]], ...]], ...]
    # (pillar id, title, weight, indexes into `principles`)
    pillars: tuple[tuple[str, str, float, tuple[int, ...]], ...]
    dont_know: str
    rules: tuple[tuple[GapRule, Predicate, int, int | None], ...]  # rule, test, severity rank, level cap
    levels: tuple[Level, ...]
    # ("skip when" test, the questions it skips): questions sharing a condition share one test
    conditional: tuple[tuple[Predicate, frozenset[str]], ...]


_CACHE: dict[int, tuple[Rubric, _Compiled]] = {}


def _compiled(rubric: Rubric) -> _Compiled:
    # Keyed on identity: hashing a frozen rubric walks every field, which would cost more than scoring.
    hit = _CACHE.get(id(rubric))
    if hit is not None and hit[0] is rubric:
        return hit[1]
    compiled = _compile_rubric(rubric)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[id(rubric)] = (rubric, compiled)
    return compiled


def _compile_rubric(rubric: Rubric) -> _Compiled:
    level_pos = {lv.id: i for i, lv in enumerate(rubric.levels)}
    principles = tuple(
        (
            p.id,
            p.pillar,
            p.title,
            p.weight,
            tuple((q.id, q.weight, {c.id: c.score for c in rubric.choices_for(q)}) for q in p.questions),
        )
        for p in rubric.principles
    )
    pillars = tuple(
        (pl.id, pl.title, pl.weight, tuple(i for i, p in enumerate(rubric.principles) if p.pillar == pl.id))
        for pl in rubric.pillars
    )
    sev = rubric.severity_index

    def cap(rule: GapRule) -> int | None:
        level_id = rule.caps_level or sev[rule.severity].caps_level
        return None if level_id is None else level_pos[level_id]

    rules = tuple(
        sorted(((r, _compile(r.when), sev[r.severity].rank, cap(r)) for r in rubric.gap_rules), key=lambda t: t[2])
    )
    by_condition: dict[Condition, list[str]] = {}
    for q in rubric.questions:
        if q.skip_when is not None:
            by_condition.setdefault(q.skip_when, []).append(q.id)
    conditional = tuple((_compile(cond), frozenset(ids)) for cond, ids in by_condition.items())
    return _Compiled(principles, pillars, rubric.dont_know.id, rules, rubric.levels, conditional)


_NO_SCORES: dict[str, float | None] = {}


def skipped_questions(rubric: Rubric, choices: Choices) -> frozenset[str]:
    """Questions that do not apply given these answers (`skip_when` in the rubric)."""
    return _skipped(_compiled(rubric), choices)


def _skipped(comp: _Compiled, choices: Choices) -> frozenset[str]:
    out: frozenset[str] = frozenset()
    for test, ids in comp.conditional:
        if test(choices, _NO_SCORES):
            out |= ids
    return out


def score(rubric: Rubric, choices: Choices) -> Result:
    """Score a mapping of question id -> choice id against the rubric."""
    comp = _compiled(rubric)
    dk_id = comp.dont_know
    # Only a real answer can make a question not apply: a "don't know" never hides its follow-ups.
    unknown = [qid for qid, c in choices.items() if c == dk_id]
    skipped = _skipped(comp, {q: c for q, c in choices.items() if c != dk_id} if unknown else choices)
    if skipped:  # a skipped question's old answer neither scores nor raises a gap
        choices = {qid: c for qid, c in choices.items() if qid not in skipped}
    raw: dict[str, float | None] = {}
    counts: list[tuple[int, int, int]] = []
    answered_all = dont_know_all = total_all = 0
    for pid, _pillar, _title, _weight, questions in comp.principles:
        num = den = 0.0
        answered = dk = applicable = 0
        for qid, weight, scores in questions:
            if qid in skipped:
                continue
            applicable += 1
            value = scores.get(choices.get(qid))  # unanswered or unknown choice: None
            if value is None:
                continue
            answered += 1
            if choices[qid] == dk_id:
                dk += 1
            num += value * weight
            den += weight
        raw[pid] = num / den if den else None
        counts.append((answered, dk, applicable))
        answered_all += answered
        dont_know_all += dk
        total_all += applicable

    fired = [(rule, rank, level_cap) for rule, predicate, rank, level_cap in comp.rules if predicate(choices, raw)]
    knowledge = Knowledge(rubric, choices, skipped) if any(q not in skipped for q in unknown) else None
    blocked: dict[str, tuple[str, ...]] = {}
    confirmed: dict[str, bool] = {}
    for rule, _rank, _cap in fired:
        confirmed[rule.id] = knowledge is None or knowledge.confirms(rule)
        for pid in rule.blocks if confirmed[rule.id] else ():
            blocked[pid] = (*blocked.get(pid, ()), rule.id)
    gaps: list[Gap] = []
    capped_at: list[tuple[str, int]] = []
    unconfirmed_caps: list[tuple[str, int]] = []
    for rule, rank, level_cap in fired:
        if rule.principle in blocked:  # the blocking gap explains it; fixing this one first would change nothing
            continue
        sure = confirmed[rule.id]
        unknowns = () if sure or knowledge is None else knowledge.unknowns_of(rule)
        gaps.append(Gap(rule.id, rule.severity, rank, rule.title, rule.principle, rule,
                        rule.blocks if sure else (), sure, unknowns))
        if level_cap is not None:
            (capped_at if sure else unconfirmed_caps).append((rule.id, level_cap))

    principle_scores = []
    for (pid, pillar_id, title, _weight, _questions), (answered, dk, applicable) in zip(
        comp.principles, counts, strict=True
    ):
        blockers = blocked.get(pid, ())
        value = raw[pid]
        principle_scores.append(
            PrincipleScore(pid, pillar_id, title, 0.0 if blockers else value, value, answered, dk, applicable,
                           blockers)
        )

    pillar_scores = []
    num_all = den_all = 0.0
    for pillar_id, title, pillar_weight, members in comp.pillars:
        num = den = 0.0
        answered = total = 0
        for i in members:
            ps = principle_scores[i]
            answered += ps.answered
            total += ps.total
            if ps.score is not None:
                weight = comp.principles[i][3]
                num += ps.score * weight
                den += weight
        value = num / den if den else None
        pillar_scores.append(PillarScore(pillar_id, title, value, answered, total))
        if value is not None:
            num_all += value * pillar_weight
            den_all += pillar_weight
    overall = num_all / den_all if den_all else 0.0

    levels = comp.levels
    uncapped = max(i for i, lv in enumerate(levels) if lv.min_score <= overall + 1e-9)
    level = uncapped
    capped_by = []
    for gap_id, limit in capped_at:
        if limit < uncapped:
            capped_by.append(gap_id)
            level = min(level, limit)

    total = total_all
    would_cap = tuple(gap_id for gap_id, limit in unconfirmed_caps if limit < level)
    policy = rubric.not_enough_known
    enough_known = dont_know_all <= policy.dont_know_above * answered_all
    real = answered_all - dont_know_all
    return Result(
        overall=overall,
        level=levels[level],
        uncapped_level=levels[uncapped],
        capped_by=tuple(capped_by),
        # "Don't know" is an answer for the score but not evidence for the verdict; nor is a level firm
        # that a gap still to confirm would lower.
        provisional=((answered_all - dont_know_all) / total if total else 0) < rubric.provisional_below
        or bool(would_cap) or not enough_known,
        answered=answered_all,
        dont_know=dont_know_all,
        total=total,
        pillars=tuple(pillar_scores),
        principles=tuple(principle_scores),
        gaps=tuple(gaps),
        blocked=blocked,
        skipped=skipped,
        would_cap=would_cap,
        not_enough_known="" if enough_known else policy.label,
        answers_to_score=max(0, math.ceil(rubric.score_shown_from * total - 1e-9) - real),
    )


def choices_of(assessment: Assessment) -> dict[str, str]:
    return {qid: a.choice for qid, a in assessment.answers.items()}


def score_assessment(rubric: Rubric, assessment: Assessment) -> Result:
    """Score a saved assessment (see `score`)."""
    return score(rubric, choices_of(assessment))

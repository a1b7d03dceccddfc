"""The one scoring engine: answers in, scores, level, gaps and blocked principles out.

question score -> principle score (weighted mean of answered questions; "don't know" counts as 0)
-> pillar score (weighted mean of principles) -> overall 0-100. Gap rules are evaluated on the
answers and the principles' own scores; a rule may block principles (the playbook's benefits only
come once weights are out), and a blocked principle counts as 0. A gap's severity may cap the
readiness level (no niche: never "ready", however well the rest scores).

Pure Python, no Streamlit. The rubric is compiled once into plain dicts and closures, so scoring
one assessment costs tens of microseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from assessment.answers import Assessment
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

    @property
    def completeness(self) -> float:
        return self.answered / self.total if self.total else 0.0

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
    # principle id -> tuple of (question id, weight, {choice id: score})
    principles: tuple[tuple[str, tuple[tuple[str, float, dict[str, float]], ...]], ...]
    dont_know: str
    rules: tuple[tuple[GapRule, Predicate, int, int | None], ...]  # rule, test, rank, level cap
    levels: tuple[Level, ...]


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
            tuple(
                (q.id, q.weight, {c.id: c.score for c in rubric.choices_for(q)})
                for q in p.questions
            ),
        )
        for p in rubric.principles
    )
    sev = rubric.severity_index

    def cap(rule: GapRule) -> int | None:
        level_id = rule.caps_level or sev[rule.severity].caps_level
        return None if level_id is None else level_pos[level_id]

    rules = tuple(
        sorted(((r, _compile(r.when), sev[r.severity].rank, cap(r)) for r in rubric.gap_rules), key=lambda t: t[2])
    )
    return _Compiled(principles, rubric.dont_know.id, rules, rubric.levels)


def _mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(w for _, w in pairs)
    return sum(s * w for s, w in pairs) / total if total else None


def score(rubric: Rubric, choices: Choices) -> Result:
    """Score a mapping of question id -> choice id against the rubric."""
    comp = _compiled(rubric)
    dk_id = comp.dont_know
    raw: dict[str, float | None] = {}
    counts: dict[str, tuple[int, int, int]] = {}
    for pid, questions in comp.principles:
        num = den = 0.0
        answered = dk = 0
        for qid, weight, scores in questions:
            choice = choices.get(qid)
            if choice is None:
                continue
            value = scores.get(choice)
            if value is None:  # unknown choice: treated as unanswered
                continue
            answered += 1
            if choice == dk_id:
                dk += 1
            num += value * weight
            den += weight
        raw[pid] = num / den if den else None
        counts[pid] = (answered, dk, len(questions))

    gaps: list[Gap] = []
    blocked: dict[str, list[str]] = {}
    caps: list[tuple[str, int]] = []
    for rule, predicate, rank, level_cap in comp.rules:
        if predicate(choices, raw):
            gaps.append(Gap(rule.id, rule.severity, rank, rule.title, rule.principle, rule, rule.blocks))
            if level_cap is not None:
                caps.append((rule.id, level_cap))
            for pid in rule.blocks:
                blocked.setdefault(pid, []).append(rule.id)

    principle_scores = []
    for p in rubric.principles:
        answered, dk, total = counts[p.id]
        blockers = tuple(blocked.get(p.id, ()))
        effective = 0.0 if blockers else raw[p.id]
        principle_scores.append(
            PrincipleScore(p.id, p.pillar, p.title, effective, raw[p.id], answered, dk, total, blockers)
        )

    pillar_scores = []
    overall_pairs = []
    for pillar in rubric.pillars:
        members = [ps for ps in principle_scores if ps.pillar == pillar.id]
        weights = rubric.principle_index
        value = _mean([(ps.score, weights[ps.id].weight) for ps in members if ps.score is not None])
        pillar_scores.append(
            PillarScore(pillar.id, pillar.title, value, sum(m.answered for m in members), sum(m.total for m in members))
        )
        if value is not None:
            overall_pairs.append((value, pillar.weight))
    overall = _mean(overall_pairs) or 0.0

    levels = comp.levels
    uncapped = max(i for i, lv in enumerate(levels) if lv.min_score <= overall + 1e-9)
    cap = uncapped
    capped_by = []
    for gap_id, limit in caps:
        if limit < uncapped:
            capped_by.append(gap_id)
            cap = min(cap, limit)

    answered = sum(c[0] for c in counts.values())
    dont_know = sum(c[1] for c in counts.values())
    total = sum(c[2] for c in counts.values())
    return Result(
        overall=overall,
        level=levels[cap],
        uncapped_level=levels[uncapped],
        capped_by=tuple(capped_by),
        provisional=(answered / total if total else 0) < rubric.provisional_below,
        answered=answered,
        dont_know=dont_know,
        total=total,
        pillars=tuple(pillar_scores),
        principles=tuple(principle_scores),
        gaps=tuple(gaps),
        blocked={k: tuple(v) for k, v in blocked.items()},
    )


def choices_of(assessment: Assessment) -> dict[str, str]:
    return {qid: a.choice for qid, a in assessment.answers.items()}


def score_assessment(rubric: Rubric, assessment: Assessment) -> Result:
    """Score a saved assessment (see `score`)."""
    return score(rubric, choices_of(assessment))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def result_to_dict(result: Result) -> dict[str, object]:
    """The stable JSON shape of a result (`assessment score --json`); scripts rely on it."""
    return {
        "overall": _round(result.overall),
        "level": {
            "id": result.level.id,
            "label": result.level.label,
            "description": result.level.description,
            "capped": bool(result.capped_by),
            "capped_by": list(result.capped_by),
            "uncapped": {"id": result.uncapped_level.id, "label": result.uncapped_level.label},
            "provisional": result.provisional,
        },
        "completeness": round(result.completeness, 4),
        "answered": result.answered,
        "total": result.total,
        "dont_know": result.dont_know,
        "pillars": [
            {"id": p.id, "title": p.title, "score": _round(p.score), "answered": p.answered, "total": p.total}
            for p in result.pillars
        ],
        "principles": [
            {
                "id": p.id,
                "pillar": p.pillar,
                "title": p.title,
                "score": _round(p.score),
                "raw_score": _round(p.raw_score),
                "blocked": p.blocked,
                "blocked_by": list(p.blocked_by),
                "answered": p.answered,
                "dont_know": p.dont_know,
                "total": p.total,
            }
            for p in result.principles
        ],
        "gaps": [
            {
                "id": g.id,
                "severity": g.severity,
                "title": g.title,
                "principle": g.principle,
                "reasoning": g.rule.reasoning,
                "actions": list(g.rule.actions),
                "blocks": list(g.blocks),
                "unblock": g.rule.unblock,
            }
            for g in result.gaps
        ],
    }

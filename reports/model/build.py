"""`build_report`: everything the readiness report says, computed once from a scored assessment."""

from __future__ import annotations

import datetime as dt

from assessment.answers import Assessment, action_key
from assessment.focus import Focus, focus
from assessment.progress.compare import compare
from assessment.rubric import Rubric
from assessment.scoring import Result, score_assessment
from assessment.verdict import withheld_detail, withheld_headline
from reports.model.extras import extra_sections
from reports.model.views import (
    LATER,
    PHASES,
    REPORT_TITLE,
    STRENGTH_MIN_SCORE,
    TOP_N,
    ActionView,
    GapView,
    LaterGroup,
    LevelView,
    PhaseView,
    PillarView,
    PrincipleView,
    QuestionView,
    Report,
    ToConfirmView,
)
from reports.progress.section import progress_section

SKIP_NOTE = "does not apply to these answers."  # when a rubric gives no `skip_note`


def _level(rubric: Rubric, level_id: str) -> LevelView:
    lv = rubric.level_index[level_id]
    return LevelView(lv.id, lv.label, lv.description, lv.min_score)


def _gap_views(rubric: Rubric, result: Result, first: Focus) -> tuple[GapView, ...]:
    principles = rubric.principle_index
    titles = {g.id: g.title for g in result.gaps}
    out = []
    for gap in result.confirmed_gaps:
        severity = rubric.severity_index[gap.severity]
        out.append(
            GapView(
                id=gap.id,
                title=gap.title,
                severity=gap.severity,
                severity_label=severity.label,
                principle=principles[gap.principle].title,
                reasoning=gap.rule.reasoning,
                actions=gap.rule.actions,
                # no level is named while the score is withheld (`score_shown_from`)
                caps_level=result.level.label if gap.id in result.capped_by and result.score_shown else None,
                blocks=tuple(principles[b].title for b in gap.blocks),
                unblock=gap.rule.unblock,
                follows_from=tuple(titles[g] for g in first.waits_for.get(gap.id, ())),
                wait_reason=first.reason(rubric, gap),
            )
        )
    return tuple(out)


def _to_confirm(rubric: Rubric, result: Result) -> tuple[ToConfirmView, ...]:
    return tuple(
        ToConfirmView(g.id, g.headline, g.title, rubric.severity_index[g.severity].label,
                      tuple(rubric.question_index[q][1].text for q in g.unknowns))
        for g in result.to_confirm
    )


def _later(first: Focus, gaps: tuple[GapView, ...]) -> tuple[LaterGroup, ...]:
    by_id = {g.id: g for g in gaps}
    groups = [LaterGroup(f'Once "{by_id[root].title}" is closed', tuple(by_id[g] for g in members))
              for root, members in first.after.items()]
    if first.also:
        groups.append(LaterGroup("Also open", tuple(by_id[g] for g in first.also)))
    return tuple(groups)


def _pillar_views(rubric: Rubric, assessment: Assessment, result: Result) -> tuple[PillarView, ...]:
    gap_titles = {rule.id: rule.title for rule in rubric.gap_rules}
    scores = {p.id: p for p in result.principles}
    pillars = []
    for pillar in rubric.pillars:
        principles = []
        for principle in rubric.principles_of(pillar.id):
            questions = []
            for q in principle.questions:
                if q.id in result.skipped:  # an old answer to a question that no longer applies is not shown
                    note = q.skip_note or SKIP_NOTE
                    questions.append(QuestionView(q.id, q.text, "", None, False, "", skip_note=note))
                    continue
                answer = assessment.answers.get(q.id)
                choice = next((c for c in rubric.choices_for(q) if answer and c.id == answer.choice), None)
                questions.append(
                    QuestionView(
                        id=q.id,
                        text=q.text,
                        answer=choice.label if choice else "Not answered",
                        score=choice.score if choice else None,
                        dont_know=bool(choice and choice.dont_know),
                        evidence=answer.evidence if answer else "",
                    )
                )
            s = scores[principle.id]
            principles.append(
                PrincipleView(
                    id=principle.id,
                    title=principle.title,
                    summary=principle.summary,
                    weight=principle.weight,
                    score=s.score,
                    raw_score=s.raw_score,
                    answered=s.answered,
                    total=s.total,
                    dont_know=s.dont_know,
                    blocked_by=tuple(gap_titles.get(g, g) for g in s.blocked_by),
                    questions=tuple(questions),
                )
            )
        ps = result.pillar(pillar.id)
        pillars.append(
            PillarView(pillar.id, pillar.title, pillar.summary, pillar.weight, ps.score, ps.answered, ps.total,
                       tuple(principles))
        )
    return tuple(pillars)


def _strengths(pillars: tuple[PillarView, ...]) -> tuple[PrincipleView, ...]:
    candidates = [
        p for pillar in pillars for p in pillar.principles
        if p.score is not None and not p.blocked and p.score >= STRENGTH_MIN_SCORE
    ]
    # Stable sort: ties keep the rubric's order.
    return tuple(sorted(candidates, key=lambda p: -(p.score or 0.0))[:TOP_N])


def _weakest(pillars: tuple[PillarView, ...]) -> tuple[PrincipleView, ...]:
    candidates = [
        p for pillar in pillars for p in pillar.principles
        if p.score is not None and not p.blocked and p.score < 100
    ]
    return tuple(sorted(candidates, key=lambda p: p.score or 0.0)[:TOP_N])


def _phase_for_days(days: int) -> int:
    """Index into (*PHASES, LATER) of the phase an action due in `days` falls in (overdue: the first)."""
    return next((i for i, phase in enumerate(PHASES) if days <= phase.days), len(PHASES))


def _plan(rubric: Rubric, assessment: Assessment, gaps: tuple[GapView, ...], now: tuple[str, ...],
          today: dt.date) -> tuple[PhaseView, ...]:
    """The phases: every action of the focus ("now"), and of the later gaps only those with a saved entry."""
    buckets: list[list[ActionView]] = [[] for _ in (*PHASES, LATER)]
    last = len(PHASES) - 1
    for gap in gaps:
        # A focus gap starts now, or where its severity says (`plan_start_days`) when there is no focus; each
        # further action of the same gap moves one phase later. A saved due date wins.
        first = 0 if gap.id in now else _phase_for_days(rubric.severity_index[gap.severity].plan_start_days)
        for i, text in enumerate(gap.actions):
            item = assessment.action_plan.get(action_key(gap.id, i))
            if now and gap.id not in now and item is None:
                continue  # a later gap: named in the plan's later part, its actions come once the focus is done
            due = item.due if item else None
            phase = _phase_for_days((due - today).days) if due else min(first + i, last)
            done = bool(item and item.done)
            buckets[phase].append(
                ActionView(text, gap.title, gap.severity_label, item.owner if item else "", due, done,
                           overdue=bool(due and due < today and not done))
            )
    return tuple(PhaseView(phase.label, tuple(items)) for phase, items in zip((*PHASES, LATER), buckets, strict=True)
                 if items or phase is not LATER)


def build_report(rubric: Rubric, assessment: Assessment, result: Result | None = None,
                 today: dt.date | None = None, since: Assessment | None = None) -> Report:
    """Build the report model for a scored assessment (scores it if `result` is not given).

    The report is dated with the assessment's own date, else `today` (default: the current date).
    With `since` (an earlier assessment or snapshot of the same company), it starts with a
    "Progress since <date>" section; two assessments that cannot be compared raise InputError.
    """
    if result is None:
        result = score_assessment(rubric, assessment)
    front = () if since is None else (progress_section(compare(rubric, since, assessment, new_result=result)),)
    company = assessment.company
    date = company.date or today or dt.date.today()
    # The report's focus is made of findings: with no confirmed gap, the gaps to confirm are listed apart.
    first = focus(rubric, result) if result.confirmed_gaps else Focus((), (), {}, {})
    gaps = _gap_views(rubric, result, first)
    pillars = _pillar_views(rubric, assessment, result)
    level_ids = [lv.id for lv in rubric.levels]
    return Report(
        title=REPORT_TITLE,
        company=company.name,
        stage=company.stage,
        niche=company.niche,
        assessor=company.assessor,
        date=date,
        rubric_title=rubric.title,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rubric_source=rubric.source,
        rubric_description=rubric.description,
        overall=result.overall,
        level=_level(rubric, result.level.id),
        uncapped_level=_level(rubric, result.uncapped_level.id),
        levels=tuple(_level(rubric, i) for i in level_ids),
        # -1: no level stated
        level_index=level_ids.index(result.level.id) if result.enough_known and result.score_shown else -1,
        capped_by=tuple(g for g in gaps if g.caps_level),
        score_shown=result.score_shown,
        withheld="" if result.score_shown else withheld_headline(result),
        withheld_note=" ".join([withheld_detail(result), *([" ".join(rubric.not_enough_known.description.split())]
                                                          if not result.enough_known else [])]).strip(),
        provisional=result.provisional,
        provisional_below=rubric.provisional_below,
        answered=result.answered,
        total=result.total,
        dont_know=result.dont_know,
        skipped=len(result.skipped),
        pillars=pillars,
        gaps=gaps,
        strengths=_strengths(pillars),
        weakest=_weakest(pillars),
        plan=_plan(rubric, assessment, gaps, first.now, date),
        severities=tuple(
            (s.label, rubric.level_index[s.caps_level].label if s.caps_level else None)
            for s in sorted(rubric.severities, key=lambda s: s.rank)
        ),
        own_caps=rubric.own_caps(),
        sections=extra_sections(assessment),
        to_confirm=_to_confirm(rubric, result),
        not_enough_known=result.not_enough_known,
        not_enough_known_note=rubric.not_enough_known.description,
        would_cap=tuple(g.headline for g in (result.gap(i) for i in result.would_cap) if g is not None),
        upgraded_from=assessment.upgrades[-1].from_version if assessment.upgrades else "",
        front_sections=front,
        focus=tuple(g for gid in first.now for g in gaps if g.id == gid),
        later=_later(first, gaps),
    )

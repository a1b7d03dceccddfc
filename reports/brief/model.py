"""What the one-page brief says: the verdict, the focus gaps, the next three actions, the progress.

Computed from the full report's model (`reports.model.build_report`), so the brief and the report
never disagree. Text stays raw here; the renderer fits and escapes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assessment.answers import Assessment
from assessment.focus import focus as focus_of
from assessment.progress.compare import Comparison, compare, snapshot_assessment
from assessment.rubric import Rubric
from assessment.scoring import score_assessment
from reports.model import Report, build_report, first_sentence, fmt_score

FOCUS_N = 3
ACTIONS_N = 3
NOT_ENOUGH_KNOWN = "Not enough known"


@dataclass(frozen=True)
class FocusGap:
    title: str
    severity_label: str
    reasoning: str  # one line of the playbook's reasoning (the renderer shortens it further if needed)


@dataclass(frozen=True)
class NextAction:
    text: str
    gap: str
    owner: str  # user text
    due: str  # an ISO date, or the plan phase it falls in
    status: str


@dataclass(frozen=True)
class Brief:
    report: Report
    verdict: str  # "Readiness level: Ready", "Provisional: Ready (12 of 33 answered)", "Not enough known"
    score: str  # "62.3 / 100", or "n/a" when not enough is known or too few questions have a real answer
    verdict_note: str
    focus: tuple[FocusGap, ...]
    actions: tuple[NextAction, ...]
    progress: Comparison | None
    unconfirmed: bool = False  # the focus is what to find out first: no gap is confirmed yet


def _reasoning_line(reasoning: str, follow: int) -> str:
    line = first_sentence(reasoning)
    if follow:
        line += f" {follow} further gap{'s follow' if follow > 1 else ' follows'} from it."
    return line


def _verdict(report: Report) -> tuple[str, str, str]:
    if report.answered - report.dont_know <= 0:
        return (NOT_ENOUGH_KNOWN, "n/a",
                f"No question has a real answer yet: 0 of {report.total} answered, {report.dont_know} don't know."
                " Answer the questionnaire for a verdict.")
    if not report.score_shown:  # too few real answers for a score or level to mean anything
        return report.level_heading, "n/a", report.provisional_note
    score = f"{fmt_score(report.overall)} / 100"
    if report.provisional:
        return report.level_heading, score, report.provisional_note
    note = first_sentence(report.level.description)
    if report.capped_by:
        note = f"{report.cap_line} {note}"
    return report.level_heading, score, note


def _next_actions(report: Report) -> tuple[NextAction, ...]:
    out = []
    for phase in report.plan:
        for a in phase.actions:
            if a.done:
                continue
            out.append(NextAction(a.text, a.gap, a.owner, a.due.isoformat() if a.due else phase.label, a.status))
    # Overdue ones first: they are the ones a board asks about.
    out.sort(key=lambda a: a.status != "Overdue")
    return tuple(out[:ACTIONS_N])


def last_snapshot(rubric: Rubric, assessment: Assessment) -> Assessment | None:
    """The newest snapshot in the assessment's history that is comparable with it, as an assessment."""
    for snap in reversed(assessment.history):
        if snap.rubric == assessment.rubric == rubric.ref:
            old = snapshot_assessment(snap)
            if " ".join(old.company.name.split()).casefold() == " ".join(assessment.company.name.split()).casefold():
                return old
    return None


def build_brief(rubric: Rubric, assessment: Assessment, since: Assessment | None = None,
                today: dt.date | None = None, focus: tuple[str, ...] | None = None) -> Brief:
    """The brief's model. `since` defaults to the newest snapshot in the assessment's history; the focus
    gaps are the focus engine's (`assessment.focus`) unless `focus` names them."""
    result = score_assessment(rubric, assessment)
    report = build_report(rubric, assessment, result, today)
    since = since if since is not None else last_snapshot(rubric, assessment)
    progress = None if since is None else compare(rubric, since, assessment, new_result=result)
    plan = focus_of(rubric, result)
    wanted = focus if focus is not None else plan.now[:FOCUS_N]
    gaps = {g.id: g for g in report.gaps}
    verdict, score, note = _verdict(report)
    chosen = tuple(FocusGap(gaps[i].title, gaps[i].severity_label,
                            _reasoning_line(gaps[i].reasoning, len(plan.after.get(i, ()))))
                   for i in wanted if i in gaps)
    unconfirmed = not chosen and bool(report.to_confirm)
    if unconfirmed:  # no finding yet: the open questions to settle first, in the focus order
        open_questions = {t.id: t for t in report.to_confirm}
        order = [i for i in wanted if i in open_questions] or [t.id for t in report.to_confirm]
        chosen = tuple(FocusGap(open_questions[i].question, f"if so: {open_questions[i].severity_label.lower()}",
                                "Find out: " + " ".join(open_questions[i].asks))
                       for i in order[:FOCUS_N])
    return Brief(
        report=report,
        verdict=verdict,
        score=score,
        verdict_note=note,
        focus=chosen,
        actions=_next_actions(report),
        progress=progress,
        unconfirmed=unconfirmed,
    )

"""The report model: everything the readiness report says, computed once from a scored assessment.

The PDF and Markdown renderers only lay this model out, so both say the same thing with the same
figures. Text typed by a user stays raw here; each renderer escapes it for its own format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assessment.answers import Assessment, action_key
from assessment.rubric import Rubric
from assessment.scoring import Result, score_assessment
from reports.sections import Section, extra_sections

REPORT_TITLE = "Open LLM Readiness report"
STRENGTH_MIN_SCORE = 50.0  # a principle below this is not called a strength, even if it is the best one
TOP_N = 3
SKIP_NOTE = "does not apply to these answers."  # when a rubric gives no `skip_note`

# Section titles, in order: both renderers use these, and the tests compare them.
SECTIONS = (
    "Executive summary",
    "Scores at a glance",
    "Gaps",
    "Action plan",
    # one section per pillar follows, titled by the pillar
    "Methodology",
)


@dataclass(frozen=True)
class Phase:
    """A column of the action plan: actions due within `days` of the report date."""

    days: int
    label: str


PHASES = (Phase(30, "Next 30 days"), Phase(60, "Days 31-60"), Phase(90, "Days 61-90"))


def fmt_score(value: float | None) -> str:
    """A score as both renderers print it: one decimal, or "n/a" when nothing was answered."""
    return "n/a" if value is None else f"{value:.1f}"


def fmt_percent(value: float) -> str:
    return f"{value:.0%}"


def progress_text(answered: int, total: int, skipped: int, noun: str) -> str:
    """ "5 of 6 answered", with the questions that do not apply counted apart ("3 not asked")."""
    if not total and skipped:
        return f"not asked ({skipped} {'question does' if skipped == 1 else 'questions do'} not apply)"
    text = f"{answered} of {total} {noun}"
    return f"{text} ({skipped} not asked)" if skipped else text


@dataclass(frozen=True)
class LevelView:
    id: str
    label: str
    description: str
    min_score: float


@dataclass(frozen=True)
class QuestionView:
    id: str
    text: str
    answer: str  # the chosen label, or "Not answered" ("" when skipped)
    score: float | None  # the choice's score; None when not answered or skipped
    dont_know: bool
    evidence: str  # user text ("" when skipped)
    skip_note: str = ""  # why the question does not apply to these answers; set only when skipped

    @property
    def skipped(self) -> bool:
        return bool(self.skip_note)

    @property
    def answer_line(self) -> str:
        """What the report prints under the question."""
        if self.skipped:
            return f"Not asked: {self.skip_note}"
        if self.score is None:
            return f"Answer: {self.answer}"
        return f"Answer: {self.answer} (scores {self.score:g})"


@dataclass(frozen=True)
class PrincipleView:
    id: str
    title: str
    summary: str
    weight: float
    score: float | None  # effective (0 when blocked)
    raw_score: float | None
    answered: int
    total: int  # questions that apply (skipped ones left out)
    dont_know: int
    blocked_by: tuple[str, ...]  # gap titles
    questions: tuple[QuestionView, ...]

    @property
    def blocked(self) -> bool:
        return bool(self.blocked_by)

    @property
    def skipped(self) -> int:
        return sum(q.skipped for q in self.questions)

    @property
    def progress(self) -> str:
        """How much is answered, as the pillar sections print it."""
        return progress_text(self.answered, self.total, self.skipped, "answered")

    @property
    def answered_cell(self) -> str:
        """The same for a table cell."""
        return f"{self.answered} of {self.total}" if self.total else "not asked"


@dataclass(frozen=True)
class PillarView:
    id: str
    title: str
    summary: str
    weight: float
    score: float | None
    answered: int
    total: int  # questions that apply
    principles: tuple[PrincipleView, ...]

    @property
    def skipped(self) -> int:
        return sum(p.skipped for p in self.principles)

    @property
    def progress(self) -> str:
        return progress_text(self.answered, self.total, self.skipped, "questions answered")

    @property
    def answered_cell(self) -> str:
        return f"{self.answered} of {self.total}" if self.total else "not asked"


@dataclass(frozen=True)
class GapView:
    id: str
    title: str
    severity: str
    severity_label: str
    principle: str  # principle title
    reasoning: str
    actions: tuple[str, ...]
    caps_level: str | None  # label of the level it capped this result at, if it did
    blocks: tuple[str, ...]  # principle titles
    unblock: str

    @property
    def blocked_line(self) -> str:
        """The principles this gap blocks and what unblocks them, said once for all of them."""
        if not self.blocks:
            return ""
        return (f"Blocked until \"{self.title}\" is closed: {', '.join(self.blocks)} (each scored 0)."
                + (f" {self.unblock}" if self.unblock else ""))


@dataclass(frozen=True)
class ActionView:
    text: str
    gap: str  # gap title
    severity_label: str
    owner: str  # user text
    due: dt.date | None
    done: bool
    overdue: bool = False  # not done, and due before the report date

    @property
    def status(self) -> str:
        return "Done" if self.done else "Overdue" if self.overdue else "Open"


@dataclass(frozen=True)
class PhaseView:
    label: str
    actions: tuple[ActionView, ...]


@dataclass(frozen=True)
class Report:
    """One readiness report, ready to render."""

    title: str
    company: str  # user text, as typed ("" when unnamed)
    stage: str
    niche: str
    assessor: str
    date: dt.date
    rubric_title: str
    rubric_id: str
    rubric_version: str
    rubric_source: str
    rubric_description: str
    overall: float
    level: LevelView
    uncapped_level: LevelView
    levels: tuple[LevelView, ...]
    level_index: int
    capped_by: tuple[GapView, ...]
    provisional: bool
    provisional_below: float
    answered: int
    total: int  # questions that apply to these answers
    dont_know: int
    skipped: int  # questions that do not apply (rubric `skip_when`), left out of `total`
    pillars: tuple[PillarView, ...]
    gaps: tuple[GapView, ...]
    strengths: tuple[PrincipleView, ...]
    weakest: tuple[PrincipleView, ...]  # lowest scores first: where to look next when there are no gaps
    plan: tuple[PhaseView, ...]
    severities: tuple[tuple[str, str | None], ...]  # (label, label of the level it caps at)
    sections: tuple[Section, ...] = ()  # optional sections (reports.sections), after the pillars

    @property
    def company_display(self) -> str:
        return self.company if self.company.strip() else "Unnamed company"

    @property
    def completeness(self) -> float:
        return self.answered / self.total if self.total else 0.0

    @property
    def level_text(self) -> str:
        """The level's label, marked when the result is provisional (footer, document info)."""
        return f"{self.level.label} (provisional)" if self.provisional else self.level.label

    @property
    def level_heading(self) -> str:
        """The cover's headline: a firm level, or a provisional one with how much is answered."""
        if self.provisional:
            return f"Provisional: {self.level.label} ({self.answered} of {self.total} answered)"
        return f"Readiness level: {self.level.label}"

    @property
    def provisional_note(self) -> str:
        """Why a provisional level is not a verdict yet ("" when the result is firm)."""
        if not self.provisional:
            return ""
        unanswered = self.total - self.answered
        missing = []
        if unanswered:
            missing.append(f"{unanswered} of {self.total} questions are unanswered")
        if self.dont_know:
            missing.append(f"{self.dont_know} {'is' if self.dont_know == 1 else 'are'} answered \"Don't know\"")
        return (
            f"This level is provisional: {' and '.join(missing)}, so it may change as answers come in."
            f" It becomes firm once {fmt_percent(self.provisional_below)} of the questions that apply have a real"
            " answer (not \"Don't know\")."
        )

    @property
    def principles(self) -> tuple[PrincipleView, ...]:
        return tuple(p for pillar in self.pillars for p in pillar.principles)

    @property
    def top_gaps(self) -> tuple[GapView, ...]:
        return self.gaps[:TOP_N]

    @property
    def actions(self) -> tuple[ActionView, ...]:
        return tuple(a for phase in self.plan for a in phase.actions)

    def plan_status_line(self) -> str:
        """How the saved plan stands on the report date ("" when nothing is done or overdue)."""
        done = sum(a.done for a in self.actions)
        overdue = sum(a.overdue for a in self.actions)
        if not done and not overdue:
            return ""
        parts = [f"{done} of {len(self.actions)} actions done"] + ([f"{overdue} overdue"] if overdue else [])
        return f"On {self.date.isoformat()}: {', '.join(parts)}."

    @property
    def cap_line(self) -> str:
        """The cover's note on a capped level, naming the severity of the gap(s) that capped it."""
        if not self.capped_by:
            return ""
        kinds = sorted({g.severity_label.lower() for g in self.capped_by})
        what = f"a {kinds[0]} gap" if len(self.capped_by) == 1 else f"{' and '.join(kinds)} gaps"
        return f"Capped at {self.level.label} by {what}; on score alone: {self.uncapped_level.label}."

    @property
    def blocking_gaps(self) -> tuple[GapView, ...]:
        """The gaps that block benefits: the report groups the blocked principles under each one."""
        return tuple(g for g in self.gaps if g.blocks)

    @property
    def section_titles(self) -> tuple[str, ...]:
        """Every top-level section, in order, as both renderers title them."""
        return (*SECTIONS[:4], *(pillar_heading(p) for p in self.pillars), *(s.title for s in self.sections),
                SECTIONS[4])

    def figures(self) -> dict[str, str]:
        """Every number the report states, formatted as both renderers print it."""
        out = {
            "overall": fmt_score(self.overall),
            "completeness": fmt_percent(self.completeness),
            "answered": f"{self.answered} of {self.total}",
            "dont_know": str(self.dont_know),
        }
        for pillar in self.pillars:
            out[f"pillar:{pillar.id}"] = fmt_score(pillar.score)
            for p in pillar.principles:
                out[f"principle:{p.id}"] = fmt_score(p.score)
        return out


def pillar_heading(pillar: PillarView) -> str:
    return f"Pillar: {pillar.title}"


def _level(rubric: Rubric, level_id: str) -> LevelView:
    lv = rubric.level_index[level_id]
    return LevelView(lv.id, lv.label, lv.description, lv.min_score)


def _gap_views(rubric: Rubric, result: Result) -> tuple[GapView, ...]:
    principles = rubric.principle_index
    out = []
    for gap in result.gaps:
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
                caps_level=result.level.label if gap.id in result.capped_by else None,
                blocks=tuple(principles[b].title for b in gap.blocks),
                unblock=gap.rule.unblock,
            )
        )
    return tuple(out)


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
    return next((i for i, phase in enumerate(PHASES) if days <= phase.days), len(PHASES) - 1)


def _plan(rubric: Rubric, assessment: Assessment, gaps: tuple[GapView, ...], today: dt.date) -> tuple[PhaseView, ...]:
    buckets: list[list[ActionView]] = [[] for _ in PHASES]
    for gap in gaps:
        # The rubric's severity says when a gap's first action starts; each further action of the
        # same gap moves one phase later. A saved due date wins.
        first = _phase_for_days(rubric.severity_index[gap.severity].plan_start_days)
        for i, text in enumerate(gap.actions):
            item = assessment.action_plan.get(action_key(gap.id, i))
            due = item.due if item else None
            phase = _phase_for_days((due - today).days) if due else min(first + i, len(PHASES) - 1)
            done = bool(item and item.done)
            buckets[phase].append(
                ActionView(text, gap.title, gap.severity_label, item.owner if item else "", due, done,
                           overdue=bool(due and due < today and not done))
            )
    return tuple(PhaseView(phase.label, tuple(items)) for phase, items in zip(PHASES, buckets, strict=True))


def build_report(rubric: Rubric, assessment: Assessment, result: Result | None = None,
                 today: dt.date | None = None) -> Report:
    """Build the report model for a scored assessment (scores it if `result` is not given).

    The report is dated with the assessment's own date, else `today` (default: the current date).
    """
    if result is None:
        result = score_assessment(rubric, assessment)
    company = assessment.company
    date = company.date or today or dt.date.today()
    gaps = _gap_views(rubric, result)
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
        level_index=level_ids.index(result.level.id),
        capped_by=tuple(g for g in gaps if g.caps_level),
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
        plan=_plan(rubric, assessment, gaps, date),
        severities=tuple(
            (s.label, rubric.level_index[s.caps_level].label if s.caps_level else None)
            for s in sorted(rubric.severities, key=lambda s: s.rank)
        ),
        sections=extra_sections(assessment),
    )


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph of rubric text (for one-line summaries)."""
    text = " ".join(text.split())
    for end in (". ", "! ", "? "):
        i = text.find(end)
        if i != -1:
            return text[: i + 1]
    return text


def summary_lines(report: Report) -> dict[str, list[str]]:
    """The executive summary's sentences, shared by both renderers (plain text, no markup).

    User text never appears here, so renderers may escape these as ordinary text.
    """
    r = report
    if r.provisional:  # not a verdict yet: no level description, and say so first
        verdict = [f"Overall score {fmt_score(r.overall)} out of 100 from the answers so far: provisional"
                   f" readiness level {r.level.label}.", r.provisional_note]
    else:
        verdict = [f"Overall score {fmt_score(r.overall)} out of 100: readiness level {r.level.label}."
                   f" {r.level.description}"]
    if r.capped_by:
        names = ", ".join(f'"{g.title}" ({g.severity_label.lower()})' for g in r.capped_by)
        verdict.append(
            f"The level is capped at {r.level.label} by {names}. On score alone it would be"
            f" {r.uncapped_level.label}; close {'this gap' if len(r.capped_by) == 1 else 'these gaps'} to lift the cap."
        )
    completeness = [
        f"Completeness: {r.answered} of {r.total} questions answered ({fmt_percent(r.completeness)});"
        f" \"Don't know\" given {r.dont_know} {'time' if r.dont_know == 1 else 'times'}."
        + (f" {r.skipped} further {'question does' if r.skipped == 1 else 'questions do'} not apply to these"
           f" answers and {'is' if r.skipped == 1 else 'are'} not asked." if r.skipped else "")
    ]
    gaps = [f"{g.title} ({g.severity_label}): {first_sentence(g.reasoning)}" for g in r.top_gaps]
    if not gaps:
        gaps = ["No gaps were found in the answers given."]
    strengths = [f"{p.title} ({fmt_score(p.score)}): {first_sentence(p.summary)}" for p in r.strengths]
    if not strengths:
        strengths = [f"No principle scores {STRENGTH_MIN_SCORE:.0f} or more yet."]
    return {"verdict": verdict, "completeness": completeness, "gaps": gaps, "strengths": strengths}


def no_gap_lines(report: Report) -> tuple[str, list[str]]:
    """What the action plan says when no gap was found: a sentence, and where to look next (bullets)."""
    r = report
    if r.weakest:
        return ("No gaps found. Where to look next: the lowest-scoring principles, where better practice"
                " would raise the score.",
                [f"{p.title} ({fmt_score(p.score)}): {' '.join(p.summary.split())}" for p in r.weakest])
    if not r.answered:
        return "No gaps found, because nothing is answered yet. Answer the questions to get an action plan.", []
    return ("No gaps found, and every answered principle scores 100. Keep the evidence current and reassess"
            " after the next release.", [])


def methodology_lines(report: Report) -> list[str]:
    """How scores, weights, levels and gates work, stated from the rubric's own numbers."""
    r = report
    caps = [f"a {label.lower()} gap caps the level at {cap}" for label, cap in r.severities if cap]
    uncapped = [label.lower() for label, cap in r.severities if not cap]
    lines = [
        "Each answer scores 0 to 100. \"Don't know\" counts as answered and scores 0; questions left"
        " unanswered are left out of the averages and lower the completeness instead. A follow-up question"
        " that does not apply to the answers given (marked \"Not asked\") counts neither way.",
        "A principle's score is the weighted average of its answered questions. A pillar's score is the"
        " weighted average of its principles, and the overall score is the weighted average of the pillars."
        " The weights are listed below.",
        "The readiness level is the highest level whose minimum score the overall score reaches.",
        "Gates: some gaps cap the level whatever the score"
        + (f" ({'; '.join(caps)})" if caps else "")
        + (f"; {', '.join(uncapped)} gaps do not cap it" if uncapped else "")
        + ". Some gaps block principles: a blocked principle counts as 0 until the gap is closed, because"
        " the playbook's benefits only arrive once the weights are out.",
        f"A result is provisional while fewer than {fmt_percent(r.provisional_below)} of the questions that apply"
        " have a real answer (unanswered and \"Don't know\" both count as missing).",
        f"Rubric: {r.rubric_title}, {r.rubric_id} version {r.rubric_version}."
        f" Source: {' '.join(r.rubric_source.split())}",
    ]
    return lines

"""The report model's views: plain frozen records of everything the report says, and number formats.

Text typed by a user stays raw here; each renderer escapes it for its own format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reports.blocks import Section
from reports.model.items import ActionView, GapView, LaterGroup, PhaseView, ToConfirmView

STRENGTH_MIN_SCORE = 50.0  # a principle below this is not called a strength, even if it is the best one
TOP_N = 3
REPORT_TITLE = "Open LLM Readiness report"


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
# Only an action whose own due date is further out lands here (listed only when one does): an
# action due in 120 days is not "Days 61-90".
LATER = Phase(100 * 365, "After 90 days")
EMPTY_PHASE = "Nothing falls due in these 30 days."  # under a phase without actions (LATER is listed only with some)


def fmt_score(value: float | None) -> str:
    """A score as both renderers print it: one decimal, or "n/a" when nothing was answered."""
    return "n/a" if value is None else f"{value:.1f}"


def fmt_percent(value: float) -> str:
    return f"{value:.0%}"


def progress_text(answered: int, total: int, skipped: int, noun: str, dont_know: int = 0) -> str:
    """ "5 of 6 answered", with "don't know" and the questions that do not apply counted apart
    ("2 of 6 answered, 3 don't know (3 not asked)"); `answered` includes the don't-knows."""
    if not total and skipped:
        return f"not asked ({skipped} {'question does' if skipped == 1 else 'questions do'} not apply)"
    text = f"{answered - dont_know} of {total} {noun}" + (f", {dont_know} don't know" if dont_know else "")
    return f"{text} ({skipped} not asked)" if skipped else text


def answered_cell(answered: int, total: int, dont_know: int) -> str:
    """The same for a table cell: "2 of 6, 3 don't know"."""
    if not total:
        return "not asked"
    return f"{answered - dont_know} of {total}" + (f", {dont_know} don't know" if dont_know else "")


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
    def score_line(self) -> str:
        """The score as both renderers print it; a blocked one said in words."""
        if not self.blocked:
            return f"{fmt_score(self.score)} / 100"
        own = ("its own questions are unanswered" if self.raw_score is None
               else f"its own answers score {fmt_score(self.raw_score)}")
        return f"0 while blocked ({own})"

    @property
    def progress(self) -> str:
        """How much is answered, as the pillar sections print it."""
        return progress_text(self.answered, self.total, self.skipped, "answered", self.dont_know)

    @property
    def answered_cell(self) -> str:
        """The same for a table cell."""
        return answered_cell(self.answered, self.total, self.dont_know)


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
    def dont_know(self) -> int:
        return sum(p.dont_know for p in self.principles)

    @property
    def progress(self) -> str:
        return progress_text(self.answered, self.total, self.skipped, "questions answered", self.dont_know)

    @property
    def answered_cell(self) -> str:
        return answered_cell(self.answered, self.total, self.dont_know)


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
    gaps: tuple[GapView, ...]  # confirmed gaps only
    strengths: tuple[PrincipleView, ...]
    weakest: tuple[PrincipleView, ...]  # lowest scores first: where to look next when there are no gaps
    plan: tuple[PhaseView, ...]
    severities: tuple[tuple[str, str | None], ...]  # (label, label of the level it caps at)
    own_caps: tuple[str, ...] = ()  # rules whose cap differs from their severity's, in words (Rubric.own_caps)
    sections: tuple[Section, ...] = ()  # optional sections (reports.blocks), after the pillars
    front_sections: tuple[Section, ...] = ()  # near the front, after the summary ("Progress since <date>")
    focus: tuple[GapView, ...] = ()  # the 1-3 gaps to tackle first (assessment.focus); the plan's "now"
    later: tuple[LaterGroup, ...] = ()  # every other gap, grouped: the plan's later part
    to_confirm: tuple[ToConfirmView, ...] = ()  # gaps that hold only on "don't know" answers
    not_enough_known: str = ""  # the headline instead of a level while most answers are "don't know"
    not_enough_known_note: str = ""
    would_cap: tuple[str, ...] = ()  # open questions that would lower the level if confirmed
    upgraded_from: str = ""  # the rubric version the answers were carried over from ("" if none)
    # False while too few questions have a real answer (`score_shown_from`): then no score and no
    # level anywhere in the report; `withheld` is the headline instead, `withheld_note` says why.
    score_shown: bool = True
    withheld: str = ""
    withheld_note: str = ""

    @property
    def real_answers(self) -> int:
        return self.answered - self.dont_know

    @property
    def answered_text(self) -> str:
        """ "3 of 34 answered, 31 don't know": real answers and "don't know" apart, never added up."""
        return f"{self.real_answers} of {self.total} answered" + (
            f", {self.dont_know} don't know" if self.dont_know else "")

    @property
    def rubric_line(self) -> str:
        """The rubric version that scored this report (and the one its answers came from)."""
        line = f"{self.rubric_title}, version {self.rubric_version} ({self.rubric_id})"
        return line + (f"; answers carried over from version {self.upgraded_from}" if self.upgraded_from else "")

    @property
    def company_display(self) -> str:
        return self.company if self.company.strip() else "Unnamed company"

    @property
    def completeness(self) -> float:
        return self.real_answers / self.total if self.total else 0.0

    @property
    def level_text(self) -> str:
        """The level's label, marked when the result is provisional (footer, document info)."""
        if not self.score_shown:
            return self.withheld
        if self.not_enough_known:
            return self.not_enough_known
        return f"{self.level.label} (provisional)" if self.provisional else self.level.label

    @property
    def level_heading(self) -> str:
        """The cover's headline: a firm level, a provisional one with how much is answered, or none."""
        if not self.score_shown:
            return f"{self.withheld} ({self.answered_text})"
        if self.not_enough_known:
            return f"{self.not_enough_known} ({self.answered_text})"
        if self.provisional:
            return f"Provisional: {self.level.label} ({self.answered_text})"
        return f"Readiness level: {self.level.label}"

    @property
    def provisional_note(self) -> str:
        """Why a provisional level is not a verdict yet, or why there is none ("" when the result is firm)."""
        if not self.score_shown:
            return self.withheld_note
        if not self.provisional:
            return ""
        if self.not_enough_known:
            return " ".join(self.not_enough_known_note.split())
        if self.would_cap and self.real_answers >= self.provisional_below * self.total:
            return (f"This level is provisional: it would be lower if this is found true: {self.would_cap[0]}."
                    " Find out, and the level becomes firm.")
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
        """The gaps the summary names: the focus (the most serious gaps when there is none)."""
        return self.focus or self.gaps[:TOP_N]

    @property
    def later_count(self) -> int:
        return sum(len(group.gaps) for group in self.later)

    @property
    def full_gaps(self) -> tuple[GapView, ...]:
        """The gaps the Gaps section gives in full (reasoning and actions): the focus first, then every gap
        that waits for nothing. Without a focus (no focus block), every gap, most serious first."""
        if not self.focus:
            return self.gaps
        return (*self.focus, *(g for g in self.gaps if not g.waits and g not in self.focus))

    @property
    def waiting_gaps(self) -> tuple[GapView, ...]:
        """The gaps that follow from more basic ones: one line each, in the plan's grouped order."""
        return tuple(g for group in self.later for g in group.gaps if g.waits)

    @property
    def gaps_intro(self) -> str:
        """The Gaps section's first line."""
        n = len(self.gaps)
        text = f"{n} gap{'s' if n != 1 else ''}"
        if not self.focus:
            return f"{text}, most serious first."
        text += f"; start with the first {len(self.focus)}." if len(self.focus) > 1 else "; start with the first."
        waiting = len(self.waiting_gaps)
        if waiting:
            text += (f" The {waiting} that follow from more basic gaps are listed after, one line each:"
                     " their reasoning and actions matter once those are closed.")
        return text

    @property
    def actions(self) -> tuple[ActionView, ...]:
        return tuple(a for phase in self.plan for a in phase.actions)

    def plan_status_line(self) -> str:
        """How the saved plan stands on the report date ("" when nothing is done or overdue)."""
        done = sum(a.done for a in self.actions)
        overdue = sum(a.overdue for a in self.actions)
        if not done and not overdue:
            return ""
        parts = [f"{done} of the plan's {len(self.actions)} actions done"] + ([f"{overdue} overdue"] if overdue else [])
        return f"On {self.date.isoformat()}: {', '.join(parts)}."

    @property
    def cap_line(self) -> str:
        """The cover's note on a capped level, naming the severity of the gap(s) that capped it."""
        if not self.capped_by or not self.score_shown:
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
        return (SECTIONS[0], *(s.title for s in self.front_sections), *SECTIONS[1:4],
                *(pillar_heading(p) for p in self.pillars), *(s.title for s in self.sections), SECTIONS[4])

    def figures(self) -> dict[str, str]:
        """Every number the report states, formatted as both renderers print it."""
        out = {
            "overall": fmt_score(self.overall),
            "completeness": fmt_percent(self.completeness),
            "answered": f"{self.real_answers} of {self.total}",
            "dont_know": str(self.dont_know),
        }
        for pillar in self.pillars:
            out[f"pillar:{pillar.id}"] = fmt_score(pillar.score)
            for p in pillar.principles:
                out[f"principle:{p.id}"] = fmt_score(p.score)
        return out


def pillar_heading(pillar: PillarView) -> str:
    return f"Pillar: {pillar.title}"

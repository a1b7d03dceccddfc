"""Workshop aggregation: many participants per company -> consensus, disagreement, cohort tables.

Pure Python (plus pandas for the tables); no Streamlit, no SQL. The store hands in each company's
participants with their answers; everything the facilitator dashboard, the exports and the CLI
show is computed here, once.

Consensus rules (per question, per company):

- Unanswered questions (and choice ids the rubric does not know) are ignored: a participant who
  skipped a question does not pull the consensus anywhere. So are a participant's answers to
  questions that do not apply given their own other answers (`skip_when`, e.g. the model card
  question once they say no weights are released): a stale answer kept from before is not a vote.
- "Don't know" is a vote of its own. It becomes the consensus only when it is a strict majority of
  the participants who answered the question; otherwise the median is taken over the answers that
  are not "don't know". A company whose people mostly do not know is told so, while one unsure
  person does not erase what the others know.
- The median ranks answers by the choice's score (ties between choices with an equal score: the
  one listed first in the rubric ranks first). With an even number of answers the lower of the two
  middle answers is the consensus: a workshop should not claim more readiness than half the team
  reports.
- Nobody answered -> no consensus (the question counts as unanswered when the consensus is scored).
- A question that does not apply to the consensus answers themselves (e.g. the niche follow-ups
  when the consensus is "no niche") has no consensus answer and is not a disagreement: it is "not
  asked" of the company, as in its report.

Disagreement per question is the spread: the highest minus the lowest score among the answers that
are not "don't know" (0-100 points). Questions are ranked widest spread first, then by how many
different answers were given (so "don't know" next to a firm answer still shows up), then in rubric
order. The consensus answers are scored by the one scoring engine (`assessment.scoring.score`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from assessment.answers import Answer, Assessment, Company
from assessment.rubric import Rubric
from assessment.scoring import Gap, Result, score, skipped_questions
from assessment.verdict import withheld_headline

# Columns of the cohort tables (also the CSV / Excel export), in order.
COHORT_ID_COLUMNS = ("company", "participants", "active", "overall", "level", "provisional", "answered_share")


@dataclass(frozen=True, slots=True)
class ParticipantAnswers:
    """One participant's answers (question id -> choice id). `name` is the display name they chose."""

    name: str
    choices: Mapping[str, str]
    id: str = ""


@dataclass(frozen=True, slots=True)
class CompanyAnswers:
    """One workshop company and the answers of each of its participants."""

    name: str
    participants: Sequence[ParticipantAnswers]
    id: str = ""


@dataclass(frozen=True, slots=True)
class QuestionConsensus:
    question: str
    principle: str
    text: str
    choice: str | None  # consensus choice id; None when nobody answered
    label: str | None  # consensus choice label
    score: float | None  # consensus choice score ("don't know" scores 0)
    answered: int  # participants who answered (incl. "don't know")
    dont_know: int
    counts: tuple[tuple[str, str, int], ...]  # (choice id, label, participants) in rubric order, non-zero only
    spread: float  # max - min score among the answers that are not "don't know"
    distinct: int  # how many different answers were given
    asked: bool = True  # False: the question does not apply to the consensus answers (`skip_when`)

    @property
    def disagreement(self) -> bool:
        return self.asked and self.distinct > 1


@dataclass(frozen=True)
class CompanyConsensus:
    id: str
    name: str
    participants: int
    active: int  # participants who answered at least one question
    questions: tuple[QuestionConsensus, ...]  # rubric order
    choices: dict[str, str]  # the consensus answers, scored like any assessment
    result: Result

    @property
    def has_answers(self) -> bool:
        return self.active > 0

    @property
    def score_shown(self) -> bool:
        """Enough real consensus answers for a score and level to be shown (`score_shown_from`)."""
        return self.has_answers and self.result.score_shown

    @cached_property
    def disagreements(self) -> tuple[QuestionConsensus, ...]:
        """Questions on which the team gave different answers, widest spread first."""
        order = {q.question: i for i, q in enumerate(self.questions)}
        ranked = sorted(
            (q for q in self.questions if q.disagreement),
            key=lambda q: (-q.spread, -q.distinct, order[q.question]),
        )
        return tuple(ranked)


_Order = dict[str, tuple[dict[str, tuple[float, int]], dict[str, str]]]
_ORDERS: dict[int, tuple[Rubric, _Order]] = {}


def _answer_order(rubric: Rubric) -> _Order:
    """question id -> ({choice id: (score, rubric position)}, {choice id: label}), incl. "don't know"."""
    hit = _ORDERS.get(id(rubric))  # keyed on identity, like the scoring engine's compiled rubric
    if hit is not None and hit[0] is rubric:
        return hit[1]
    out: _Order = {}
    for q in rubric.questions:
        choices = rubric.choices_for(q)
        out[q.id] = ({c.id: (c.score, i) for i, c in enumerate(choices)}, {c.id: c.label for c in choices})
    if len(_ORDERS) > 64:
        _ORDERS.clear()
    _ORDERS[id(rubric)] = (rubric, out)
    return out


def _question_consensus(
    rubric: Rubric, qid: str, principle: str, text: str, ranks: dict[str, tuple[float, int]],
    labels: dict[str, str], votes: list[str],
) -> QuestionConsensus:
    dk_id = rubric.dont_know.id
    counts = Counter(votes)
    known = sorted((c for c in votes if c != dk_id), key=ranks.__getitem__)
    dont_know = counts.get(dk_id, 0)
    if not votes:
        choice = None
    elif dont_know * 2 > len(votes):
        choice = dk_id
    else:
        choice = known[(len(known) - 1) // 2]  # lower median
    spread = ranks[known[-1]][0] - ranks[known[0]][0] if known else 0.0
    ordered = tuple(
        (cid, labels[cid], counts[cid]) for cid in sorted(counts, key=lambda c: ranks[c][1])
    )
    return QuestionConsensus(
        question=qid,
        principle=principle,
        text=text,
        choice=choice,
        label=None if choice is None else labels[choice],
        score=None if choice is None else ranks[choice][0],
        answered=len(votes),
        dont_know=dont_know,
        counts=ordered,
        spread=spread,
        distinct=len(counts),
    )


def company_consensus(rubric: Rubric, company: CompanyAnswers) -> CompanyConsensus:
    """Median answer per question over the company's participants, scored by the normal engine."""
    order = _answer_order(rubric)
    votes: dict[str, list[str]] = {q.id: [] for q in rubric.questions}
    active = 0
    for person in company.participants:
        gave = False
        skipped = skipped_questions(rubric, person.choices)
        for qid, choice in person.choices.items():
            if qid in skipped:  # an old answer to a question that no longer applies to this person
                continue
            entry = order.get(qid)
            if entry is not None and choice in entry[0]:
                votes[qid].append(choice)
                gave = True
        active += gave
    questions = tuple(
        _question_consensus(rubric, q.id, p.id, q.text, *order[q.id], votes[q.id])
        for p in rubric.principles
        for q in p.questions
    )
    choices = {q.question: q.choice for q in questions if q.choice is not None}
    # A question that does not apply to the consensus (say, the niche follow-ups after a consensus of
    # "no niche") is not asked of the company, whatever a lone participant answered to it: it has no
    # consensus answer, like in the company's report. (`skip_when` only looks at questions that always
    # apply, so one pass is enough.)
    not_asked = skipped_questions(rubric, choices)
    if not_asked:
        questions = tuple(
            dataclasses.replace(q, asked=False, choice=None, label=None, score=None) if q.question in not_asked else q
            for q in questions
        )
        choices = {qid: cid for qid, cid in choices.items() if qid not in not_asked}
    return CompanyConsensus(
        id=company.id or company.name,
        name=company.name,
        participants=len(company.participants),
        active=active,
        questions=questions,
        choices=choices,
        result=score(rubric, choices),
    )


@dataclass(frozen=True)
class CommonGap:
    id: str
    title: str
    severity: str
    severity_rank: int
    principle: str
    companies: tuple[str, ...]  # company names that have the gap


@dataclass(frozen=True)
class Cohort:
    """Everything the facilitator dashboard shows, computed once."""

    rubric: Rubric
    companies: tuple[CompanyConsensus, ...]
    scored: int  # companies with at least one answer (the ones in the cohort comparison)

    def company(self, company_id: str) -> CompanyConsensus:
        return next(c for c in self.companies if c.id == company_id)

    @cached_property
    def pillar_table(self) -> pd.DataFrame:
        """Companies x pillars (consensus scores, 0-100; NaN when nothing was answered)."""
        return self._wide("pillar")

    @cached_property
    def principle_table(self) -> pd.DataFrame:
        """Companies x principles (consensus scores, 0-100; NaN when nothing was answered)."""
        return self._wide("principle")

    def _wide(self, kind: str) -> pd.DataFrame:
        items = self.rubric.pillars if kind == "pillar" else self.rubric.principles
        rows = []
        for c in self.companies:
            parts = c.result.pillars if kind == "pillar" else c.result.principles
            row = {"company": c.name}
            for item, part in zip(items, parts, strict=True):
                row[item.title] = _num(part.score) if c.has_answers else math.nan
            rows.append(row)
        frame = pd.DataFrame(rows, columns=["company", *(i.title for i in items)])
        return frame.set_index("company")

    @cached_property
    def cohort_table(self) -> pd.DataFrame:
        """One row per company: participation, overall score, level, pillar and principle scores.

        This is the CSV / Excel export; columns are stable (see COHORT_ID_COLUMNS).
        """
        rows = []
        for c in self.companies:
            r = c.result
            rows.append({
                "company": c.name,
                "participants": c.participants,
                "active": c.active,
                # no score or level from a handful of answers: the headline the app shows instead
                "overall": round(r.overall, 1) if c.score_shown else math.nan,
                "level": (r.level.label if c.score_shown else withheld_headline(r)) if c.has_answers else "",
                "provisional": r.provisional if c.has_answers else True,
                "answered_share": round(r.completeness, 3),
            })
        base = pd.DataFrame(rows, columns=list(COHORT_ID_COLUMNS))
        pillars = self.pillar_table.round(1).reset_index(drop=True).add_prefix("pillar: ")
        principles = self.principle_table.round(1).reset_index(drop=True).add_prefix("principle: ")
        return pd.concat([base, pillars, principles], axis=1)

    @cached_property
    def long_table(self) -> pd.DataFrame:
        """company, pillar, principle, score, rank: one row per company and principle (heatmap input)."""
        titles = {p.id: p.title for p in self.rubric.pillars}
        rows = [
            {"company": c.name, "pillar": titles[p.pillar], "principle": p.title,
             "score": _num(p.score), "blocked": p.blocked}
            for c in self.companies
            if c.has_answers
            for p in c.result.principles
        ]
        return pd.DataFrame(rows, columns=["company", "pillar", "principle", "score", "blocked"])

    @cached_property
    def ranking(self) -> pd.DataFrame:
        """Companies with a score to show, best overall score first (the ranked bar chart); those with
        too few real answers yet are in `unranked`."""
        rows = [
            {"company": c.name, "overall": round(c.result.overall, 1), "level": c.result.level.label,
             "provisional": c.result.provisional, "disagreements": len(c.disagreements)}
            for c in self.companies
            if c.score_shown
        ]
        frame = pd.DataFrame(rows, columns=["company", "overall", "level", "provisional", "disagreements"])
        return frame.sort_values(["overall", "company"], ascending=[False, True], kind="stable").reset_index(drop=True)

    @property
    def unranked(self) -> tuple[CompanyConsensus, ...]:
        """Companies with answers but too few real ones for a score or level (`score_shown_from`)."""
        return tuple(c for c in self.companies if c.has_answers and not c.score_shown)

    @cached_property
    def common_gaps(self) -> tuple[CommonGap, ...]:
        """Gaps of the consensus answers, most companies first, then most serious first."""
        found: dict[str, tuple[Gap, list[str]]] = {}
        for c in self.companies:
            if not c.has_answers:
                continue
            for g in c.result.gaps:
                found.setdefault(g.id, (g, []))[1].append(c.name)
        gaps = [
            CommonGap(g.id, g.title, g.severity, g.severity_rank, g.principle, tuple(names))
            for g, names in found.values()
        ]
        gaps.sort(key=lambda g: (-len(g.companies), g.severity_rank, g.id))
        return tuple(gaps)

    @cached_property
    def gap_table(self) -> pd.DataFrame:
        titles = {p.id: p.title for p in self.rubric.principles}
        rows = [
            {"gap": g.title, "severity": g.severity, "principle": titles[g.principle],
             "companies": len(g.companies), "share": round(len(g.companies) / self.scored, 3) if self.scored else 0.0,
             "which": ", ".join(g.companies), "id": g.id}
            for g in self.common_gaps
        ]
        return pd.DataFrame(rows, columns=["gap", "severity", "principle", "companies", "share", "which", "id"])

    @cached_property
    def progress_table(self) -> pd.DataFrame:
        """Participation: one row per company (participants, active, mean share answered)."""
        rows = [
            {"company": c.name, "participants": c.participants, "active": c.active,
             "answered_share": round(c.result.completeness, 3)}
            for c in self.companies
        ]
        return pd.DataFrame(rows, columns=["company", "participants", "active", "answered_share"])

    def dashboard_tables(self) -> dict[str, pd.DataFrame]:
        """Every table the facilitator dashboard draws (forces the lazy ones)."""
        return {
            "progress": self.progress_table,
            "pillars": self.pillar_table,
            "principles": self.principle_table,
            "heatmap": self.long_table,
            "ranking": self.ranking,
            "gaps": self.gap_table,
            "cohort": self.cohort_table,
        }


def _num(value: float | None) -> float:
    return math.nan if value is None else float(value)


def aggregate_cohort(rubric: Rubric, companies: Sequence[CompanyAnswers]) -> Cohort:
    """Consensus per company plus the cohort comparison, in the order the companies were given."""
    consensus = tuple(company_consensus(rubric, c) for c in companies)
    return Cohort(rubric=rubric, companies=consensus, scored=sum(c.has_answers for c in consensus))


def consensus_assessment(company: CompanyConsensus, rubric: Rubric, *, workshop: str = "",
                         date: dt.date | None = None) -> Assessment:
    """The company's consensus as an ordinary assessment (for the standard report and JSON export)."""
    people = f"{company.active} participant{'s' if company.active != 1 else ''}"
    assessor = f"Workshop consensus of {people}" + (f", {workshop}" if workshop else "")
    return Assessment(
        rubric=rubric.ref,
        company=Company(name=company.name[:200], assessor=assessor[:200], date=date),
        answers={qid: Answer(choice=cid) for qid, cid in company.choices.items()},
    )

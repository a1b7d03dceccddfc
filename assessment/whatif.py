"""What-if: the answers that would close chosen gaps, so the engine can score them unchanged.

Fixing a gap means changing the answers its rule checks to the best choice that makes the rule
false. The saved answers are never touched; callers score the returned copy.

A fix can make questions apply that did not (release details and the benefits, once weights are out),
and it can make "don't know" answers matter: questions asked only because of the answers the fix
assumes. Their answers are not known, so the what-if is a range: `low` with every such question at its
worst choice, `high` at its best. Every figure is rounded once (`shown`), and a change is the
difference of rounded figures, so "57.6 + 14.1" always reads "71.7".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assessment.rubric import Condition, Rubric
from assessment.scoring import Result, score

NO_CHANGE = 0.05  # a change below this shows as "+0.0"
DECIMALS = 1  # every score the what-if shows is rounded to this many decimals, once


def shown(value: float) -> float:
    """A score as the what-if shows it (and as the rest of the app prints it, with one decimal)."""
    return round(value, DECIMALS)


def shown_change(before: float, after: float) -> float:
    """The change between two scores as shown: the difference of the rounded figures, so they add up."""
    return round(shown(after) - shown(before), DECIMALS)


def _best(rubric: Rubric, question_id: str, allowed: Iterable[str] | None, excluded: frozenset[str]) -> str | None:
    _, question = rubric.question_index[question_id]
    options = [c for c in rubric.choices_for(question) if c.id not in excluded]
    if allowed is not None:
        keep = set(allowed)
        options = [c for c in options if c.id in keep]
    return max(options, key=lambda c: c.score).id if options else None


def steer(rubric: Rubric, cond: Condition, truth: bool, out: dict[str, str]) -> None:
    """Change `out` in place so that `cond` evaluates to `truth`, using the highest-scoring choices that do."""
    if cond.answer is not None:
        qid, chosen = cond.answer.question, frozenset(cond.answer.choices)
        pick = _best(rubric, qid, chosen if truth else None, frozenset() if truth else chosen)
        if pick is not None:
            out[qid] = pick
    elif cond.principle_below is not None:
        if not truth:  # lift the whole principle to its best answers
            for q in rubric.principle_index[cond.principle_below.principle].questions:
                out[q.id] = _best(rubric, q.id, None, frozenset()) or out.get(q.id, "")
    elif cond.not_ is not None:
        steer(rubric, cond.not_, not truth, out)
    else:
        children = cond.all_of if cond.all_of is not None else cond.any_of
        assert children is not None
        conjunctive = cond.all_of is not None
        # all -> false: break the first child; any -> true: satisfy the first child;
        # all -> true and any -> false: every child.
        if conjunctive != truth:
            steer(rubric, children[0], truth, out)
        else:
            for child in children:
                steer(rubric, child, truth, out)


def fix_gaps(rubric: Rubric, choices: Mapping[str, str], gap_ids: Iterable[str]) -> dict[str, str]:
    """A copy of `choices` with the answers behind each named gap changed so the gap closes."""
    out = dict(choices)
    rules = {r.id: r for r in rubric.gap_rules}
    for gap_id in gap_ids:
        rule = rules.get(gap_id)
        if rule is not None:
            steer(rubric, rule.when, False, out)
    return out


@dataclass(frozen=True, slots=True)
class AssumedAnswer:
    question: str
    choice: str  # the answer the what-if assumes
    before: str | None  # the saved answer (None: not answered)


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The picked gaps fixed, and everything that assumes: the hypothetical answers are not all consistent
    (fixing "weights not released" changes one answer, and the questions that then apply stay open),
    so the result says which answers it rests on and what it leaves out."""

    picked: tuple[str, ...]
    choices: dict[str, str]
    base: Result
    result: Result
    assumed: tuple[AssumedAnswer, ...]  # answers changed to close the picked gaps, in rubric order
    closed: tuple[str, ...]  # gaps of the saved answers that close, the picked ones and any closed along the way
    revealed: tuple[str, ...]  # gaps the saved answers do not show (e.g. inside a principle no longer blocked)
    now_asked: tuple[str, ...]  # questions asked only with the assumed answers and not answered: not in the score
    counted_again: tuple[str, ...]  # questions asked again whose earlier answers would count again
    left_open: tuple[str, ...]  # "don't know" answers to questions that apply only with the assumed answers
    new_questions: tuple[str, ...]  # every question whose answer the range spans (the three above, in rubric order)
    low: Result  # the range: every new question at its worst choice ...
    high: Result  # ... and at its best

    @property
    def change(self) -> float:
        return self.result.overall - self.base.overall


def what_if(rubric: Rubric, choices: Mapping[str, str], picked: Iterable[str]) -> WhatIf:
    """Score the answers that close the picked gaps, with what those answers assume."""
    picked = tuple(dict.fromkeys(picked))
    base = score(rubric, choices)
    changed = fix_gaps(rubric, choices, picked)
    outcome = score(rubric, changed)
    order = [q.id for q in rubric.questions]
    assumed = tuple(AssumedAnswer(qid, changed[qid], choices.get(qid)) for qid in order
                    if qid in changed and changed[qid] != choices.get(qid))
    changed_ids = {a.question for a in assumed}
    newly_asked = [qid for qid in order
                   if qid in base.skipped and qid not in outcome.skipped and qid not in changed_ids]
    unknown = set(_left_open(rubric, changed, outcome, changed_ids))
    open_ids = [qid for qid in order if qid in newly_asked or qid in unknown]
    low, high = bounds(rubric, changed, open_ids)
    return WhatIf(
        picked=picked,
        choices=changed,
        base=base,
        result=outcome,
        assumed=assumed,
        closed=tuple(g.id for g in base.gaps if outcome.gap(g.id) is None),
        revealed=tuple(g.id for g in outcome.gaps if base.gap(g.id) is None),
        now_asked=tuple(qid for qid in newly_asked if qid not in changed),
        counted_again=tuple(qid for qid in newly_asked if qid in changed),
        left_open=tuple(qid for qid in order if qid in unknown and qid not in newly_asked),
        new_questions=tuple(open_ids),
        low=low,
        high=high,
    )


def _real_extremes(rubric: Rubric, question_id: str) -> tuple[str, str]:
    """The question's worst and best real choice ("don't know" is no answer to range over)."""
    options = [c for c in rubric.choices_for(rubric.question_index[question_id][1]) if not c.dont_know]
    return min(options, key=lambda c: c.score).id, max(options, key=lambda c: c.score).id


def _left_open(rubric: Rubric, changed: Mapping[str, str], outcome: Result, assumed: set[str]) -> list[str]:
    """The questions answered "don't know" that apply only because of the answers the fix assumes: with each
    assumed answer at its worst real choice instead, they would not be asked. A "don't know" never hides a
    question, so they are asked today; once the fix is real their answers count, and nobody knows them."""
    probe = dict(changed) | {qid: _real_extremes(rubric, qid)[0] for qid in assumed}
    hidden = score(rubric, probe).skipped
    dont_know = rubric.dont_know.id
    return [q.id for q in rubric.questions if q.id not in assumed and changed.get(q.id) == dont_know
            and q.id in hidden and q.id not in outcome.skipped]


def open_questions_text(outcome: WhatIf) -> str:
    """What the range spans, in words: "12 questions would then be asked", "9 "don't know" answers would then
    matter", or both."""
    asked = len(outcome.new_questions) - len(outcome.left_open)
    parts = []
    if asked:
        parts.append(f"{asked} question{'s' if asked != 1 else ''} would then be asked")
    if outcome.left_open:
        n = len(outcome.left_open)
        parts.append(f"{n} \"don't know\" answer{'s' if n != 1 else ''} would then matter")
    return "; ".join(parts)


def bounds(rubric: Rubric, choices: Mapping[str, str], questions: Iterable[str]) -> tuple[Result, Result]:
    """The results with every one of `questions` at its worst choice and at its best, lowest first.

    A better answer never lowers a score, so any answers to those questions score within the two.
    """
    worst, best = dict(choices), dict(choices)
    for qid in questions:
        worst[qid], best[qid] = _real_extremes(rubric, qid)
    low, high = score(rubric, worst), score(rubric, best)
    return (low, high) if low.overall <= high.overall else (high, low)


def _range(rubric: Rubric, choices: Mapping[str, str], picked: Iterable[str]) -> tuple[float, float]:
    """The shown (rounded) low and high overall score with `picked` fixed."""
    outcome = what_if(rubric, choices, picked)
    return shown(outcome.low.overall), shown(outcome.high.overall)


def gain(rubric: Rubric, choices: Mapping[str, str], picked: Iterable[str], gap_id: str) -> tuple[float, float]:
    """What fixing `gap_id` adds on top of the other picks, at the low and the high end of the range (as shown)."""
    others = [g for g in picked if g != gap_id]
    (lo_with, hi_with), (lo_without, hi_without) = (_range(rubric, choices, [*others, gap_id]),
                                                    _range(rubric, choices, others))
    return round(lo_with - lo_without, DECIMALS), round(hi_with - hi_without, DECIMALS)


def no_gain_reason(rubric: Rubric, choices: Mapping[str, str], picked: Iterable[str], gap_id: str) -> str | None:
    """Why fixing `gap_id` (on top of the other picks) would not move the score; None when it does."""
    if any(abs(g) >= NO_CHANGE for g in gain(rubric, choices, picked, gap_id)):
        return None
    others = [g for g in picked if g != gap_id]
    without = fix_gaps(rubric, choices, others)
    with_it = fix_gaps(rubric, choices, [*others, gap_id])
    outcome = score(rubric, with_it)
    moved = [qid for qid in with_it if with_it[qid] != without.get(qid)]
    if not moved:
        return "the other fixes already assume the answers it needs"
    asked = [qid for qid in moved if qid not in outcome.skipped]
    if not asked:
        return "the answers it changes are not asked with your other answers"
    principles = dict.fromkeys(rubric.question_index[qid][0].id for qid in asked)
    blocked = [pid for pid in principles if outcome.principle(pid).blocked]
    if len(blocked) == len(principles):
        titles = ", ".join(rubric.principle_index[pid].title for pid in blocked)
        blockers = dict.fromkeys(g for pid in blocked for g in outcome.principle(pid).blocked_by)
        causes = " and ".join(f'"{outcome.gap(g).title}"' if outcome.gap(g) else g for g in blockers)
        return f"{titles} counts as 0 until {causes} is fixed"
    return "the answers it changes weigh too little to move the overall score by 0.1"

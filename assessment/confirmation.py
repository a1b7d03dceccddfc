"""Which gaps the answers confirm, and which hold only because of "don't know" answers.

A "don't know" stands for an answer nobody could give: any of the question's real choices, or none.
A gap is confirmed when its rule holds whatever those answers turn out to be (three-valued logic:
true, false or unknown), so a gap that holds only because of "don't know" answers is unconfirmed:
it is listed apart, as an open question, and caps no level and blocks no principle. A "don't know"
never makes a question not apply; a question whose `skip_when` could hold once the unknown answer is
known may drop out, so its answer counts as "maybe".

Pure Python. `assessment.scoring` calls `Knowledge` only when some answer is "don't know".
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

from assessment.rubric import Condition, GapRule, Question, Rubric

Truth = bool | None  # None: unknown


def _all(values: Iterable[Truth]) -> Truth:
    values = list(values)
    if any(v is False for v in values):
        return False
    return True if all(v is True for v in values) else None


def _any(values: Iterable[Truth]) -> Truth:
    values = list(values)
    if any(v is True for v in values):
        return True
    return False if all(v is False for v in values) else None


def _not(value: Truth) -> Truth:
    return None if value is None else not value


class Knowledge:
    """What a set of answers (some of them "don't know") establishes for certain."""

    def __init__(self, rubric: Rubric, choices: Mapping[str, str], skipped: frozenset[str]) -> None:
        self.rubric = rubric
        self.choices = choices
        self.skipped = skipped
        dk = rubric.dont_know.id
        self.unknown = frozenset(q for q, c in choices.items() if c == dk and q not in skipped)
        self.maybe_skipped = frozenset(
            q.id for q in rubric.questions
            if q.skip_when is not None and q.id not in skipped and self.truth(q.skip_when) is not False
        )
        self._below: dict[tuple[str, float], Truth] = {}

    def truth(self, cond: Condition) -> Truth:
        """The condition's value: True or False whatever the unknown answers are, else None."""
        if cond.answer is not None:
            return self._answer(cond.answer.question, frozenset(cond.answer.choices))
        if cond.principle_below is not None:
            key = (cond.principle_below.principle, cond.principle_below.score)
            if key not in self._below:
                self._below[key] = self._principle_below(*key)
            return self._below[key]
        if cond.all_of is not None:
            return _all(self.truth(c) for c in cond.all_of)
        if cond.any_of is not None:
            return _any(self.truth(c) for c in cond.any_of)
        assert cond.not_ is not None
        return _not(self.truth(cond.not_))

    def _question(self, qid: str) -> Question:
        return self.rubric.question_index[qid][1]

    def _answer(self, qid: str, allowed: frozenset[str]) -> Truth:
        if qid in self.skipped:
            return False
        choice = self.choices.get(qid)
        if choice is None:
            return False
        if qid in self.unknown:  # any real choice, or none at all
            return None if any(c.id in allowed for c in self._question(qid).choices) else False
        if choice not in allowed:
            return False
        return None if qid in self.maybe_skipped else True

    def _principle_below(self, principle_id: str, limit: float) -> Truth:
        fixed: list[tuple[float, float]] = []  # (weight, score) counted for certain
        optional: list[tuple[float, tuple[float, ...]]] = []  # (weight, possible scores); may also drop out
        for q in self.rubric.principle_index[principle_id].questions:
            if q.id in self.skipped or q.id not in self.choices:
                continue
            if q.id in self.unknown:
                scores = [c.score for c in q.choices]
                optional.append((q.weight, (min(scores), max(scores))))
                continue
            choice = q.choice(self.choices[q.id])
            if choice is None:
                continue
            if q.id in self.maybe_skipped:
                optional.append((q.weight, (choice.score,)))
            else:
                fixed.append((q.weight, choice.score))
        outcomes = set()
        # A weighted mean is extreme at the extremes of each item, so these cases cover every possibility.
        for picks in itertools.product(*[(None, *values) for _, values in optional]):
            items = fixed + [(w, s) for (w, _), s in zip(optional, picks, strict=True) if s is not None]
            den = sum(w for w, _ in items)
            outcomes.add(den > 0 and sum(w * s for w, s in items) / den < limit)
        return outcomes.pop() if len(outcomes) == 1 else None

    def confirms(self, rule: GapRule) -> bool:
        return self.truth(rule.when) is True

    def unknowns_of(self, rule: GapRule) -> tuple[str, ...]:
        """The "don't know" answers the rule looks at (directly, or through a question they may skip)."""
        looked_at: list[str] = []
        for _path, node in rule.when.walk("when"):
            if node.answer is not None:
                looked_at.append(node.answer.question)
            if node.principle_below is not None:
                looked_at += [q.id for q in self.rubric.principle_index[node.principle_below.principle].questions]
        out = dict.fromkeys(q for q in looked_at if q in self.unknown)
        for qid in looked_at:
            skip = self._question(qid).skip_when
            if qid in self.maybe_skipped and skip is not None:
                for _path, node in skip.walk("skip_when"):
                    if node.answer is not None and node.answer.question in self.unknown:
                        out[node.answer.question] = None
        order = {q.id: i for i, q in enumerate(self.rubric.questions)}
        return tuple(sorted(out, key=order.__getitem__))

"""What-if: the answers that would close chosen gaps, so the engine can score them unchanged.

Fixing a gap means changing the answers its rule checks to the best choice that makes the rule
false. The saved answers are never touched; callers score the returned copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assessment.rubric import Condition, Rubric


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

"""Cross-reference checks of a rubric: every id it refers to exists, thresholds make sense.

Called by the `Rubric` model's validator; each problem is one `key.path: message` line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from assessment.policies import policy_problems


def _duplicates(ids: Iterable[str]) -> list[str]:
    return [i for i, n in Counter(ids).items() if n > 1]


def reference_problems(r: Any) -> Iterator[str]:  # a Rubric (not imported: that would be a cycle)
    """Every broken cross-reference, as `key.path: message`."""
    for name, items in (("pillars", r.pillars), ("principles", r.principles), ("levels", r.levels),
                        ("severities", r.severities), ("gap_rules", r.gap_rules)):
        for dup in _duplicates(i.id for i in items):
            yield f"{name}: duplicate id '{dup}'"
    all_q = [q.id for p in r.principles for q in p.questions]
    for dup in _duplicates(all_q):
        yield f"principles: duplicate question id '{dup}'"
    pillars = {p.id for p in r.pillars}
    principles = {p.id: p for p in r.principles}
    questions = {q.id: q for p in r.principles for q in p.questions}
    for i, p in enumerate(r.principles):
        if p.pillar not in pillars:
            yield f"principles[{i}].pillar: unknown pillar '{p.pillar}'"
        for j, q in enumerate(p.questions):
            if any(c.id == r.dont_know.id for c in q.choices):
                yield (f"principles[{i}].questions[{j}].choices: '{r.dont_know.id}' is added to every"
                       " question by the rubric's dont_know; do not list it")
    conditional = {q.id for p in r.principles for q in p.questions if q.skip_when is not None}
    for i, p in enumerate(r.principles):
        for j, q in enumerate(p.questions):
            if q.skip_when is None:
                continue
            base = f"principles[{i}].questions[{j}].skip_when"
            if not q.skip_note:
                yield f"principles[{i}].questions[{j}].skip_note: say why the question is skipped"
            for path, node in q.skip_when.walk(base):
                if node.principle_below is not None:
                    yield f"{path}: skip_when may only use answer conditions"
                if node.answer is not None:
                    target = questions.get(node.answer.question)
                    if target is None:
                        yield f"{path}.answer.question: unknown question '{node.answer.question}'"
                    elif target.id in conditional:
                        yield f"{path}.answer.question: '{target.id}' is itself conditional; chains are not allowed"
                    else:
                        valid = {c.id for c in target.choices} | {r.dont_know.id}
                        for k, cid in enumerate(node.answer.choices):
                            if cid not in valid:
                                yield f"{path}.answer.choices[{k}]: question '{target.id}' has no choice '{cid}'"
    for pid in pillars - {p.pillar for p in r.principles}:
        yield f"pillars: pillar '{pid}' has no principles"
    scores = [lv.min_score for lv in r.levels]
    if scores != sorted(scores) or len(set(scores)) != len(scores):
        yield "levels: thresholds must be strictly increasing (min_score " + ", ".join(f"{s:g}" for s in scores) + ")"
    if scores and scores[0] != 0:
        yield "levels[0].min_score: the first level must start at 0"
    level_ids = {lv.id for lv in r.levels}
    for i, s in enumerate(r.severities):
        if s.caps_level is not None and s.caps_level not in level_ids:
            yield f"severities[{i}].caps_level: unknown level '{s.caps_level}'"
    severity_ids = {s.id for s in r.severities}
    for i, rule in enumerate(r.gap_rules):
        base = f"gap_rules[{i}]"
        if rule.principle not in principles:
            yield f"{base}.principle: unknown principle '{rule.principle}'"
        if rule.caps_level is not None and rule.caps_level not in level_ids:
            yield f"{base}.caps_level: unknown level '{rule.caps_level}'"
        if rule.severity not in severity_ids:
            yield f"{base}.severity: severity '{rule.severity}' is not defined in severities"
        for k, blocked in enumerate(rule.blocks):
            if blocked not in principles:
                yield f"{base}.blocks[{k}]: unknown principle '{blocked}'"
        if rule.blocks and not rule.unblock:
            yield f"{base}.unblock: a rule that blocks principles must say what unblocks them"
        for path, node in rule.when.walk(f"{base}.when"):
            if node.answer is not None:
                q = questions.get(node.answer.question)
                if q is None:
                    yield f"{path}.answer.question: unknown question '{node.answer.question}'"
                    continue
                valid = {c.id for c in q.choices} | {r.dont_know.id}
                for k, cid in enumerate(node.answer.choices):
                    if cid not in valid:
                        yield f"{path}.answer.choices[{k}]: question '{q.id}' has no choice '{cid}'"
            if node.principle_below is not None and node.principle_below.principle not in principles:
                yield f"{path}.principle_below.principle: unknown principle '{node.principle_below.principle}'"
    yield from policy_problems(r)

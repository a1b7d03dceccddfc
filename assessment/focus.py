"""Focus: the one to three gaps to tackle first, and the rest grouped under the gap they follow from.

The rubric's `focus` block holds the essay's dependency order between principles (the niche first,
the requirements before the actions, weights before any benefit). A gap *waits* while a principle it
builds on, directly or through others, has an open gap of a `holds_back` severity: fixing it first
would be building on sand, and the more basic gap is what to fix. Of the gaps that wait for nothing,
the most severe (within `severity_span` ranks of the most severe; ties in the essay's order) are the
focus, at most `max_gaps`. A company whose gaps mostly follow from one basic gap gets a short focus
and a short plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessment.focus_policy import closure
from assessment.rubric import Rubric
from assessment.scoring import Gap, Result


@dataclass(frozen=True, slots=True)
class Focus:
    now: tuple[str, ...]  # the gaps to tackle first, most urgent first (empty only when there are no gaps)
    also: tuple[str, ...]  # gaps that wait for nothing but are not in the focus, in priority order
    waits_for: dict[str, tuple[str, ...]]  # a waiting gap -> the open gaps it builds on, in priority order
    after: dict[str, tuple[str, ...]]  # a gap in `now` or `also` -> the waiting gaps grouped under it

    def reason(self, rubric: Rubric, gap: Gap) -> str:
        """Why a waiting gap waits, in the rubric's words ("" when it does not wait)."""
        if gap.id not in self.waits_for:
            return ""
        return next((p.reason for p in rubric.focus.prerequisites if p.principle == gap.principle), "")

    @property
    def later(self) -> tuple[str, ...]:
        """Every gap not in the focus, in the order screens and reports list them: the waiting ones grouped
        under the gap they follow from, then the other gaps that wait for nothing."""
        return (*(g for group in self.after.values() for g in group), *self.also)


@dataclass(frozen=True, slots=True)
class _Order:
    priority: dict[str, tuple[int, int, int]]  # gap id -> (severity rank, principle position, rule position)
    builds_on: dict[str, tuple[str, ...]]  # principle -> every principle it builds on, directly or not
    holding: frozenset[str]  # severities that hold later principles back
    span: int
    max_gaps: int


_CACHE: dict[int, tuple[Rubric, _Order]] = {}


def _order(rubric: Rubric) -> _Order:
    # Keyed on identity, like the scoring engine's compiled rubric: hashing a frozen rubric costs more than this.
    hit = _CACHE.get(id(rubric))
    if hit is not None and hit[0] is rubric:
        return hit[1]
    policy = rubric.focus
    principle_pos = {p.id: i for i, p in enumerate(rubric.principles)}
    ranks = rubric.severity_index
    order = _Order(
        priority={rule.id: (ranks[rule.severity].rank, principle_pos[rule.principle], i)
                  for i, rule in enumerate(rubric.gap_rules)},
        builds_on={p.id: closure(policy, p.id) for p in rubric.principles},
        holding=frozenset(policy.holds_back),
        span=policy.severity_span,
        max_gaps=policy.max_gaps,
    )
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[id(rubric)] = (rubric, order)
    return order


def focus(rubric: Rubric, result: Result) -> Focus:
    """The focus of a scored result: what to tackle first, and what follows from it."""
    order = _order(rubric)
    priority = order.priority
    # Confirmed gaps are findings; only when there are none do the gaps to confirm (those holding on
    # "don't know" answers) set the focus, so an all-don't-know run is told what to find out first.
    gaps = sorted(result.confirmed_gaps or result.to_confirm, key=lambda g: priority[g.id])
    holds_back: dict[str, list[str]] = {}  # principle -> its open gaps of a holding severity
    for g in gaps:
        if g.severity in order.holding:
            holds_back.setdefault(g.principle, []).append(g.id)
    waits_for: dict[str, tuple[str, ...]] = {}
    if holds_back:
        for g in gaps:
            basic = [gid for pid in order.builds_on[g.principle] for gid in holds_back.get(pid, ())]
            if basic:
                waits_for[g.id] = tuple(sorted(dict.fromkeys(basic), key=priority.__getitem__))
    ready = [g for g in gaps if g.id not in waits_for]
    now: list[str] = []
    if ready:
        top = ready[0].severity_rank
        now = [g.id for g in ready if g.severity_rank <= top + order.span][: order.max_gaps]
    also = tuple(g.id for g in ready if g.id not in now)
    after: dict[str, list[str]] = {}
    for g in gaps:
        if g.id not in waits_for:
            continue
        roots = [b for b in waits_for[g.id] if b not in waits_for] or list(waits_for[g.id][:1])
        home = next((b for b in now if b in roots), roots[0])
        after.setdefault(home, []).append(g.id)
    rank = {gid: i for i, gid in enumerate([*now, *also])}
    return Focus(
        now=tuple(now),
        also=also,
        waits_for=waits_for,
        after={k: tuple(v) for k, v in sorted(after.items(), key=lambda kv: rank.get(kv[0], len(rank)))},
    )


def focus_ids(rubric: Rubric, result: Result) -> list[str]:
    """The `focus` key of `assessment score --json`: 1-3 gap ids, most urgent first ([] without gaps)."""
    return list(focus(rubric, result).now)

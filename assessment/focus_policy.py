"""The rubric's `focus` block: the essay's dependency order between principles, as data.

A principle lists the principles it builds on (`prerequisites`). While one of those has an open gap of a
`holds_back` severity, the gaps of the principle wait: they follow from the more basic gap and are
planned later. `assessment.focus` interprets it; this module only describes and checks it, so the rubric
model can hold it without importing the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from pydantic import BaseModel, ConfigDict, Field

Id = str


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Prerequisite(_Frozen):
    """`principle` builds on each of `after`; `reason` says why, in the essay's words (shown with waiting gaps)."""

    principle: Id
    after: tuple[Id, ...] = Field(min_length=1)
    reason: str = Field(min_length=1)


class FocusPolicy(_Frozen):
    """How the one to three gaps to tackle first are chosen (README "Focus")."""

    max_gaps: int = Field(default=3, ge=1, le=3)
    # Of the gaps that wait for nothing, only those within this many severity ranks of the most severe are the focus.
    severity_span: int = Field(default=1, ge=0)
    holds_back: tuple[Id, ...] = ()  # severities whose gaps make later principles wait
    prerequisites: tuple[Prerequisite, ...] = ()

    def after(self, principle_id: str) -> tuple[str, ...]:
        """The principles `principle_id` builds on directly."""
        return next((p.after for p in self.prerequisites if p.principle == principle_id), ())


def focus_problems(policy: FocusPolicy, principles: Iterable[str], severities: Iterable[str]) -> Iterator[str]:
    """Every broken reference or cycle in the focus block, as `focus.key.path: message`."""
    known, severity_ids = set(principles), set(severities)
    for i, sev in enumerate(policy.holds_back):
        if sev not in severity_ids:
            yield f"focus.holds_back[{i}]: unknown severity '{sev}'"
    seen: set[str] = set()
    for i, pre in enumerate(policy.prerequisites):
        base = f"focus.prerequisites[{i}]"
        if pre.principle not in known:
            yield f"{base}.principle: unknown principle '{pre.principle}'"
        if pre.principle in seen:
            yield f"{base}.principle: '{pre.principle}' is listed twice"
        seen.add(pre.principle)
        for k, other in enumerate(pre.after):
            if other not in known:
                yield f"{base}.after[{k}]: unknown principle '{other}'"
            elif other == pre.principle:
                yield f"{base}.after[{k}]: a principle cannot build on itself"
    graph = {p.principle: p.after for p in policy.prerequisites}
    cycle = _cycle(graph)
    if cycle:
        yield "focus.prerequisites: the order has a cycle (" + " -> ".join(cycle) + ")"


def _cycle(graph: Mapping[str, tuple[str, ...]]) -> list[str]:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for start in graph:
        if start not in state:
            found = visit(start)
            if found:
                return found
    return []


def closure(policy: FocusPolicy, principle_id: str) -> tuple[str, ...]:
    """Every principle `principle_id` builds on, directly or through others, nearest first."""
    out: list[str] = []
    todo = list(policy.after(principle_id))
    while todo:
        nxt = todo.pop(0)
        if nxt not in out and nxt != principle_id:
            out.append(nxt)
            todo.extend(policy.after(nxt))
    return tuple(out)

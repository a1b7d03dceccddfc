"""Suggestions from a model card: the mapping's rules applied to the card's facts.

A suggestion never becomes an answer by itself: the app shows it against its question with its
evidence, and a person accepts or ignores it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessment.errors import InputError
from assessment.modelcard.card import MAX_CARD_BYTES, CardFacts, Fact, clip, read_facts
from assessment.modelcard.mapping import CardCondition, PrefillMapping, load_mapping
from assessment.rubric import Rubric

EVIDENCE_PREFIX = "From the model card"


@dataclass(frozen=True)
class Suggestion:
    question: str
    choice: str
    evidence: str  # the card line(s) it came from
    note: str = ""  # what the card cannot tell (from the mapping)

    def as_note(self, source: str = "") -> str:
        """The evidence as an answer's note: "From the model card (quill.md): line 2: license: mit"."""
        where = f" ({clip(source, 80)})" if source else ""
        return f"{EVIDENCE_PREFIX}{where}: {self.evidence}"


@dataclass(frozen=True)
class Unmapped:
    field: str
    evidence: str
    reason: str


@dataclass(frozen=True)
class Prefill:
    suggestions: dict[str, Suggestion]  # question id -> suggestion, in rubric order
    unmapped: tuple[Unmapped, ...]

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of `assessment prefill --json`."""
        return {
            "suggestions": {q: {"choice": s.choice, "evidence": s.evidence, "note": s.note}
                            for q, s in self.suggestions.items()},
            "unmapped": [{"field": u.field, "evidence": u.evidence, "reason": u.reason} for u in self.unmapped],
        }


def _licence_family(facts: CardFacts, mapping: PrefillMapping) -> str:
    """permissive, restricted or unknown; several licences count as the most restrictive one."""
    families = [mapping.licences.family(name) for name in facts.licence_names]
    if not families or None in families:
        return "unknown"
    return "restricted" if "restricted" in families else "permissive"


def _holds(cond: CardCondition, facts: CardFacts, family: str) -> tuple[bool, list[Fact]]:
    """Whether every fact the condition names holds, and the facts that are its evidence."""
    used: list[Fact] = []
    checks: list[tuple[bool | None, Fact | None]] = [
        (cond.gated, facts.gated), (cond.datasets, facts.datasets), (cond.usage_code, facts.usage_code),
        (cond.library_name, facts.library_name), (cond.base_model, facts.base_model),
    ]
    for wanted, fact in checks:
        if wanted is None:
            continue
        if wanted != (fact is not None):
            return False, []
        if fact is not None:
            used.append(fact)
    if cond.licence is not None:
        known = family != "unknown"
        ok = {"known": known, "unknown": not known}.get(cond.licence, family == cond.licence)
        if not ok:
            return False, []
        if facts.licence is not None:
            used.insert(0, facts.licence)
    count = len(facts.benchmarks)
    if cond.benchmarks_at_least is not None and count < cond.benchmarks_at_least:
        return False, []
    if cond.benchmarks_at_most is not None and count > cond.benchmarks_at_most:
        return False, []
    counted = cond.benchmarks_at_least is not None or cond.benchmarks_at_most is not None
    if counted and facts.benchmark_fact is not None:
        used.append(facts.benchmark_fact)
    return True, used


def suggest(facts: CardFacts, mapping: PrefillMapping, rubric: Rubric) -> Prefill:
    """Apply the mapping's rules in order: the first that holds for a question gives its suggestion."""
    family = _licence_family(facts, mapping)
    found: dict[str, Suggestion] = {}
    for rule in mapping.rules:
        if rule.question in found:
            continue
        ok, used = _holds(rule.when, facts, family)
        if ok:
            evidence = "; ".join(dict.fromkeys(f.evidence for f in used)) or "the model card"
            found[rule.question] = Suggestion(rule.question, rule.choice, clip(evidence, 600), rule.note)
    ordered = {q.id: found[q.id] for q in rubric.questions if q.id in found}
    unmapped = list(_unmapped(facts, family))
    return Prefill(ordered, tuple(unmapped))


def _unmapped(facts: CardFacts, family: str) -> list[Unmapped]:
    out = []
    if facts.licence is None:
        out.append(Unmapped("license", "", "the card names no licence"))
    elif family == "unknown":
        out.append(Unmapped("license", facts.licence.evidence,
                            "the licence is in neither licence list of the prefill mapping"))
    out += [Unmapped(p.field, p.evidence, p.value) for p in facts.problems]
    out += [Unmapped(f.field, f.evidence, "no prefill rule uses this field") for f in facts.other_fields]
    return out


def prefill_card(raw: bytes | str, rubric: Rubric, source: str = "model card",
                 mapping: PrefillMapping | None = None) -> Prefill:
    """Suggestions from a model card's bytes or text. Raises only InputError."""
    facts = read_facts(raw, source)
    return suggest(facts, mapping if mapping is not None else load_mapping(rubric), rubric)


def read_card_file(path: str | Path) -> bytes:
    """A card file's bytes, reading at most 1 MB and a byte (so an over-size file is named, not read whole)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_CARD_BYTES:
            raise InputError(str(path), f"the model card is {size:,} bytes; the limit is 1 MB", kind="too-large")
        with path.open("rb") as f:
            return f.read(MAX_CARD_BYTES + 1)
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})") from None

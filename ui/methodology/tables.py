"""The Methodology page's tables and rules, read straight from the rubric (no numbers typed twice)."""

from __future__ import annotations

import pandas as pd

from assessment.rubric import GapRule, Rubric

# An empty cell: st.table renders cells as Markdown, where a lone "-" is a list bullet.
NONE = "none"


def rules(rubric: Rubric) -> list[str]:
    """The scoring rules in words, with the rubric's own thresholds."""
    caps = [
        f"a {s.label.lower()} gap caps the level at {rubric.level_index[s.caps_level].label}"
        for s in sorted(rubric.severities, key=lambda s: s.rank)
        if s.caps_level
    ]
    blocking = [r for r in rubric.gap_rules if r.blocks]
    lines = [
        "Each answer scores 0 to 100. \"" + rubric.dont_know.label + "\" counts as answered and scores 0;"
        " unanswered questions are left out of the averages and lower the completeness instead.",
        "A principle's score is the weighted average of its answered questions; a pillar's score is the weighted"
        " average of its principles; the overall score is the weighted average of the pillars.",
        "The readiness level is the highest level whose minimum score the overall score reaches.",
    ]
    if caps:
        own = rubric.own_caps()
        lines.append("Gates: " + "; ".join(caps) + ", whatever the score"
                     + (f". These rules set their own cap: {'; '.join(own)}." if own else "."))
    if blocking:
        lines.append(
            f"{len(blocking)} gap rule{'s' if len(blocking) != 1 else ''} can block principles: a blocked"
            " principle counts"
            " as 0 until the gap is closed (the playbook's benefits only arrive once the weights are out)."
        )
    lines.append(
        f"A result is provisional while fewer than {rubric.provisional_below:.0%} of the questions that apply"
        " have a real answer (unanswered and \"don't know\" both count as missing)."
    )
    return lines


def weights(rubric: Rubric) -> pd.DataFrame:
    rows = []
    for pillar in rubric.pillars:
        for p in rubric.principles_of(pillar.id):
            rows.append({"Pillar": pillar.title, "Pillar weight": f"{pillar.weight:g}", "Principle": p.title,
                         "Principle weight": f"{p.weight:g}", "Questions": len(p.questions),
                         "Question weights": ", ".join(f"{q.weight:g}" for q in p.questions)})
    return pd.DataFrame(rows)


def levels(rubric: Rubric) -> pd.DataFrame:
    upper = [lv.min_score for lv in rubric.levels[1:]] + [100.0]
    return pd.DataFrame(
        [{"Level": lv.label, "Overall score": f"{lv.min_score:g} to {'under ' if hi < 100 else ''}{hi:g}",
          "What it means": " ".join(lv.description.split())}
         for lv, hi in zip(rubric.levels, upper, strict=True)]
    )


def severities(rubric: Rubric) -> pd.DataFrame:
    return pd.DataFrame(
        [{"Severity": s.label, "Caps the level at": rubric.level_index[s.caps_level].label if s.caps_level else NONE,
          "Gap rules": sum(1 for r in rubric.gap_rules if r.severity == s.id)}
         for s in sorted(rubric.severities, key=lambda s: s.rank)]
    )


def gap_rules(rubric: Rubric) -> pd.DataFrame:
    sev = rubric.severity_index
    return pd.DataFrame(
        [{"Gap": r.title, "Severity": sev[r.severity].label, "Principle": rubric.principle_index[r.principle].title,
          "Blocks": ", ".join(rubric.principle_index[b].title for b in r.blocks) or NONE,
          "Caps level at": _cap(rubric, r)}
         for r in sorted(rubric.gap_rules, key=lambda r: sev[r.severity].rank)]
    )


def _cap(rubric: Rubric, rule: GapRule) -> str:
    """The level a rule caps at: its own `caps_level`, else its severity's (as the engine applies it)."""
    cap = rule.caps_level or rubric.severity_index[rule.severity].caps_level
    return rubric.level_index[cap].label if cap else NONE

"""Rubric keys about how far answers can be trusted, and how older rubric versions are upgraded.

`not_enough_known`: when most answers are "don't know", the headline is a sentence, not a level.
`upgrades`: which earlier versions of the same rubric open under this one, and where renamed
action-plan entries go. Only described and checked here; `assessment.scoring` and
`assessment.upgrade` interpret them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

_PLAN_KEY = re.compile(r"^([a-z0-9][a-z0-9-]*):(\d+)$")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NotEnoughKnown(_Frozen):
    """More than `dont_know_above` of the answers given are "don't know": the headline is `label`."""

    dont_know_above: float = Field(default=0.5, ge=0, le=1)
    label: Annotated[str, Field(min_length=1)] = "Not enough known to judge"
    description: Annotated[str, Field(min_length=1)] = (
        "Most answers are \"don't know\", so the answers say too little about the company for a verdict."
    )


class Upgrade(_Frozen):
    """Assessments saved under `from_version` open under this rubric (answers kept where they still fit)."""

    from_version: Annotated[str, Field(min_length=1, max_length=64)]
    # Action-plan entries of renamed or split gaps: "old-gap:index" -> "new-gap:index".
    plan_keys: dict[str, str] = {}


def policy_problems(r: Any) -> Iterator[str]:  # a Rubric (not imported: that would be a cycle)
    """Broken references in the keys above, and skip conditions that a "don't know" would trigger."""
    dk = r.dont_know.id
    for i, p in enumerate(r.principles):
        for j, q in enumerate(p.questions):
            if q.skip_when is None:
                continue
            for path, node in q.skip_when.walk(f"principles[{i}].questions[{j}].skip_when"):
                if node.answer is not None and dk in node.answer.choices:
                    yield (f"{path}.answer.choices: '{dk}' cannot hide a question; only a real answer makes a"
                           " question not apply")
    actions = {rule.id: len(rule.actions) for rule in r.gap_rules}
    for i, upgrade in enumerate(r.upgrades):
        if upgrade.from_version == r.version:
            yield f"upgrades[{i}].from_version: '{r.version}' is this rubric's own version"
        for old, new in upgrade.plan_keys.items():
            base = f"upgrades[{i}].plan_keys.{old}"
            if not _PLAN_KEY.match(old):
                yield f"{base}: keys look like 'gap-id:index'"
            match = _PLAN_KEY.match(new)
            if match is None:
                yield f"{base}: '{new}' should look like 'gap-id:index'"
            elif int(match.group(2)) >= actions.get(match.group(1), 0):
                yield f"{base}: this rubric has no action '{new}'"

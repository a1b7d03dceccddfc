"""The README is part of the product: its commands exist and it documents every rubric key."""

from __future__ import annotations

import re

from pydantic import BaseModel

from assessment import rubric as rubric_module
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def _keys(model: type[BaseModel]) -> set[str]:
    keys = set()
    for name, field in model.model_fields.items():
        keys.add(field.alias or name)
    return keys


def test_every_rubric_key_is_documented() -> None:
    section = README[README.index("## Rubric format") :]
    documented = set(re.findall(r"`([a-z_]+)`", section))
    models = [rubric_module.Rubric, rubric_module.Pillar, rubric_module.Principle, rubric_module.Question,
              rubric_module.Choice, rubric_module.Level, rubric_module.Severity, rubric_module.GapRule,
              rubric_module.Condition, rubric_module.AnswerIn, rubric_module.PrincipleBelow, rubric_module.DontKnow]
    missing = {f"{m.__name__}.{k}" for m in models for k in _keys(m) if k not in documented}
    assert missing == set()


def test_first_two_commands_are_app_then_tests() -> None:
    commands = re.findall(r"^(bash scripts/\S+)", README, flags=re.MULTILINE)
    assert commands[:2] == ["bash scripts/app.sh", "bash scripts/test.sh"]
    for command in commands[:2]:
        assert (ROOT / command.split()[1]).exists()


def test_ci_runs_the_readme_test_command() -> None:
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_every_focus_key_is_documented() -> None:
    from assessment.focus_policy import FocusPolicy, Prerequisite

    section = README[README.index("## Focus: what to do first") : README.index("## Rubric format")]
    documented = set(re.findall(r"`([a-z_]+)`", section))
    missing = {f"{m.__name__}.{k}" for m in (FocusPolicy, Prerequisite) for k in _keys(m) if k not in documented}
    assert missing == set()

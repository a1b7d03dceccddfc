"""Shared fixtures: the shipped rubric and the example assessments."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.answers import Assessment, read_assessment
from assessment.rubric import Rubric, load_rubric

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric()


@pytest.fixture(scope="session")
def examples(rubric: Rubric) -> dict[str, Assessment]:
    """Every example assessment, by file stem (e.g. 'harbor-legal-ai')."""
    return {p.stem: read_assessment(p, rubric) for p in sorted(EXAMPLES.glob("*.json"))}


def best_choices(rubric: Rubric) -> dict[str, str]:
    return {q.id: max(q.choices, key=lambda c: c.score).id for q in rubric.questions}


def worst_choices(rubric: Rubric) -> dict[str, str]:
    return {q.id: min(q.choices, key=lambda c: c.score).id for q in rubric.questions}

"""The optional report sections, in the order they appear (after the pillars, before the methodology).

A feature that has something to add to the readiness report builds a `Section` from the assessment
(see `reports.blocks`); a builder returns None when the assessment has nothing for it. Register a
new section by adding its builder here: the features import only `reports.blocks`, so there is no loop.
"""

from __future__ import annotations

from collections.abc import Callable

from assessment.answers import Assessment
from reports.blocks import Section
from reports.workbench.section import price_performance_section

SECTION_BUILDERS: tuple[Callable[[Assessment], Section | None], ...] = (price_performance_section,)


def extra_sections(assessment: Assessment) -> tuple[Section, ...]:
    """Every optional section this assessment has something for."""
    return tuple(s for s in (build(assessment) for build in SECTION_BUILDERS) if s is not None)

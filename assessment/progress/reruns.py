"""Workshop re-runs: the same companies again, a follow-up session later, compared with the last run.

A re-run is a new workshop (new join links, new participants) linked to the one it follows. It keeps
the facilitator key of that workshop: whoever can open the re-run could open the earlier run, so the
re-run's exports may read the earlier consensus to compare with. Built on `WorkshopStore`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select, update

from assessment.progress.tables import WORKSHOP_RUNS
from assessment.rubric import Rubric
from assessment.workshop.cohort import CompanyAnswers
from assessment.workshop.store import _SEAL, Facilitator, JoinLink, WorkshopStore
from assessment.workshop.tables import NAME_LENGTH, WORKSHOPS


@dataclass(frozen=True)
class Rerun:
    id: str
    name: str
    previous_id: str
    joins: tuple[JoinLink, ...]  # secret: one new join link per company, shown once


def rerun_name(name: str) -> str:
    suffix = " (re-run)"
    return (name[: NAME_LENGTH - len(suffix)] + suffix) if not name.endswith(suffix) else name


class WorkshopReruns:
    """Re-run a workshop and read the run before it (see the module docstring)."""

    def __init__(self, workshops: WorkshopStore) -> None:
        self.workshops = workshops

    def rerun(self, facilitator: Facilitator, rubric: Rubric, name: str = "") -> Rerun:
        """A new workshop with the same companies, linked to this one, opened with the same key."""
        previous = self.workshops._check(facilitator)
        companies = self.workshops.companies(facilitator)
        created = self.workshops.create_workshop(name or rerun_name(facilitator.name), companies, rubric)
        with self.workshops.store.transaction() as conn:
            key_hash = conn.execute(select(WORKSHOPS.c.key_hash).where(WORKSHOPS.c.id == previous)).scalar_one()
            conn.execute(update(WORKSHOPS).where(WORKSHOPS.c.id == created.id).values(key_hash=key_hash))
            conn.execute(insert(WORKSHOP_RUNS).values(workshop_id=created.id, previous_id=previous))
        return Rerun(created.id, created.name, previous, created.joins)

    def previous(self, facilitator: Facilitator) -> Facilitator | None:
        """Access to the run this workshop re-runs (None for a first run or a previous run of another rubric)."""
        wid = self.workshops._check(facilitator)
        with self.workshops.store.transaction(read_only=True) as conn:
            row = conn.execute(
                select(WORKSHOPS.c.id, WORKSHOPS.c.name, WORKSHOPS.c.rubric_id, WORKSHOPS.c.rubric_version)
                .join(WORKSHOP_RUNS, WORKSHOP_RUNS.c.previous_id == WORKSHOPS.c.id)
                .where(WORKSHOP_RUNS.c.workshop_id == wid)
            ).first()
        if row is None or (row.rubric_id, row.rubric_version) != (facilitator.rubric.id, facilitator.rubric.version):
            return None
        # Same key by construction (see `rerun`): the checked key of this run opens that one too.
        return Facilitator(row.id, row.name, facilitator.rubric, _SEAL)

    def previous_answers(self, facilitator: Facilitator) -> list[CompanyAnswers] | None:
        """The previous run's answers per company, or None when there is no previous run."""
        earlier = self.previous(facilitator)
        return None if earlier is None else self.workshops.cohort_answers(earlier)

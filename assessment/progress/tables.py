"""Snapshot tables on the shared SQLAlchemy Base (built by Alembic revision `p001_snapshots`).

`assessment_snapshots`: dated, read-only copies of an assessment's answers, plan and profile (one
JSON document each, so a snapshot never changes when the live answers do). `assessment_rounds`: the
latest re-assessment of an assessment: when it started and which answers it carried over; a
carried-over answer is confirmed as soon as it is saved again (its `answers.updated_at` moves on).
`workshop_runs`: which earlier workshop a workshop re-runs, so its exports compare the consensus.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from assessment.storage.db import Base, JsonDoc, UTCDateTime

LABEL_LENGTH = 100


class SnapshotRow(Base):
    __tablename__ = "assessment_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), nullable=False, index=True
    )
    taken_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    reason: Mapped[str] = mapped_column(String(16), nullable=False)
    label: Mapped[str] = mapped_column(String(LABEL_LENGTH), nullable=False, default="")
    # rubric, company, answers and action_plan, as in the assessment file's `history` entries
    document: Mapped[dict[str, Any]] = mapped_column(JsonDoc, nullable=False)


class RoundRow(Base):
    __tablename__ = "assessment_rounds"

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    to_confirm: Mapped[list[str]] = mapped_column(JsonDoc, nullable=False)


class WorkshopRunRow(Base):
    """A workshop that re-runs an earlier one with the same companies (and the same facilitator key)."""

    __tablename__ = "workshop_runs"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    previous_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False,
                                             index=True)


SNAPSHOTS = SnapshotRow.__table__
ROUNDS = RoundRow.__table__
WORKSHOP_RUNS = WorkshopRunRow.__table__

"""Workshop tables on the shared SQLAlchemy Base (built by Alembic revision `w001_workshops`).

A workshop has companies; a company has participants; each participant owns one ordinary stored
assessment (`assessments` / `answers`), so their answers are autosaved like anyone's. Secrets are
stored only as hashes: the facilitator key as salted scrypt, join tokens as SHA-256.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from assessment.db import Base, UTCDateTime

NAME_LENGTH = 200
DISPLAY_NAME_LENGTH = 60


class WorkshopRow(Base):
    __tablename__ = "workshops"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # public workshop ID (not a secret)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), nullable=False)
    rubric_id: Mapped[str] = mapped_column(String(64), nullable=False)
    rubric_version: Mapped[str] = mapped_column(String(64), nullable=False)
    key_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    # Wrong-key throttle, shared by every server process: failures in a row, and no try before this time.
    failed_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


class WorkshopCompanyRow(Base):
    __tablename__ = "workshop_companies"
    __table_args__ = (UniqueConstraint("workshop_id", "name", name="uq_workshop_companies_workshop_id_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workshop_id: Mapped[str] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), nullable=False)
    join_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)


class WorkshopParticipantRow(Base):
    __tablename__ = "workshop_participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_companies.id", ondelete="CASCADE"), nullable=False, index=True
    )
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    display_name: Mapped[str] = mapped_column(String(DISPLAY_NAME_LENGTH), nullable=False)
    joined_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


WORKSHOPS = WorkshopRow.__table__
COMPANIES = WorkshopCompanyRow.__table__
PARTICIPANTS = WorkshopParticipantRow.__table__

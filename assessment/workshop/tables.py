"""Workshop tables on the shared SQLAlchemy Base (built by Alembic revision `w001_workshops`).

A workshop has companies; a company has participants; each participant owns one ordinary stored
assessment (`assessments` / `answers`), so their answers are autosaved like anyone's. Secrets are
stored only as hashes: the facilitator key as salted scrypt, join tokens as SHA-256.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from assessment.storage.db import Base, UTCDateTime

NAME_LENGTH = 200
DISPLAY_NAME_LENGTH = 60


class WorkshopRow(Base):
    __tablename__ = "workshops"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # public workshop ID (not a secret)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), nullable=False)
    rubric_id: Mapped[str] = mapped_column(String(64), nullable=False)
    rubric_version: Mapped[str] = mapped_column(String(64), nullable=False)
    key_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    # No longer read: the wrong-key throttle is per guesser since p002 (`workshop_key_attempts`).
    # Kept (written as 0 / NULL) so that older databases need no table rebuild.
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
    # One display name per company, compared case-insensitively (`name_key`), so rows can be told apart.
    __table_args__ = (UniqueConstraint("company_id", "name_key", name="uq_workshop_participants_company_id_name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_companies.id", ondelete="CASCADE"), nullable=False, index=True
    )
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    display_name: Mapped[str] = mapped_column(String(DISPLAY_NAME_LENGTH), nullable=False)
    name_key: Mapped[str] = mapped_column(String(4 * DISPLAY_NAME_LENGTH), nullable=False)  # casefolded name
    joined_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


class FacilitatorSessionRow(Base):
    """A signed-in facilitator's browser: a random token (kept in a cookie) stored as its SHA-256 digest.

    Short-lived (`expires_at`) and revocable: signing out deletes the row, and a token whose row is gone
    or expired opens nothing.
    """

    __tablename__ = "workshop_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workshop_id: Mapped[str] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


class KeyAttemptRow(Base):
    """Wrong facilitator keys of one guesser (a client) at one workshop, shared by every server process.

    The guesser is stored only as `sha256(workshop id + guesser)`, never as the address it came from.
    Rows a day old are forgotten, and a workshop keeps at most `attempts.MAX_GUESSERS` of them.
    """

    __tablename__ = "workshop_key_attempts"
    __table_args__ = (Index("ix_workshop_key_attempts_workshop_id_updated_at", "workshop_id", "updated_at"),)

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    guesser_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, nullable=False)  # wrong keys in a row
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)  # no try before this
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, index=True)


WORKSHOPS = WorkshopRow.__table__
COMPANIES = WorkshopCompanyRow.__table__
PARTICIPANTS = WorkshopParticipantRow.__table__
SESSIONS = FacilitatorSessionRow.__table__
KEY_ATTEMPTS = KeyAttemptRow.__table__

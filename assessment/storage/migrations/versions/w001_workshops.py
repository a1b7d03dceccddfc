"""Workshops: companies with join-token digests, participants linked to stored assessments.

Revision ID: w001
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from assessment.storage.db import UTCDateTime

revision: str = "w001"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("rubric_id", sa.String(64), nullable=False),
        sa.Column("rubric_version", sa.String(64), nullable=False),
        sa.Column("key_hash", sa.String(255), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshops")),
    )
    op.create_table(
        "workshop_companies",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("workshop_id", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("join_hash", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_workshop_companies_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_companies")),
        sa.UniqueConstraint("join_hash", name=op.f("uq_workshop_companies_join_hash")),
        sa.UniqueConstraint("workshop_id", "name", name="uq_workshop_companies_workshop_id_name"),
    )
    op.create_index(op.f("ix_workshop_companies_workshop_id"), "workshop_companies", ["workshop_id"])
    op.create_table(
        "workshop_participants",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(60), nullable=False),
        sa.Column("joined_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"], ["workshop_companies.id"],
            name=op.f("fk_workshop_participants_company_id_workshop_companies"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"],
            name=op.f("fk_workshop_participants_assessment_id_assessments"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_participants")),
        sa.UniqueConstraint("assessment_id", name=op.f("uq_workshop_participants_assessment_id")),
    )
    op.create_index(op.f("ix_workshop_participants_company_id"), "workshop_participants", ["company_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_workshop_participants_company_id"), table_name="workshop_participants")
    op.drop_table("workshop_participants")
    op.drop_index(op.f("ix_workshop_companies_workshop_id"), table_name="workshop_companies")
    op.drop_table("workshop_companies")
    op.drop_table("workshops")

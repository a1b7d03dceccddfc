"""Snapshots of assessments (progress over time), the latest re-assessment round, and workshop re-runs.

Revision ID: p001
Revises: w002
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from assessment.storage.db import JsonDoc, UTCDateTime

revision: str = "p001"
down_revision: str | None = "w002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assessment_snapshots",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("taken_at", UTCDateTime(), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("document", JsonDoc, nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name=op.f("fk_assessment_snapshots_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_snapshots")),
    )
    op.create_index(op.f("ix_assessment_snapshots_assessment_id"), "assessment_snapshots", ["assessment_id"])
    op.create_table(
        "assessment_rounds",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("to_confirm", JsonDoc, nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name=op.f("fk_assessment_rounds_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_assessment_rounds")),
    )
    op.create_table(
        "workshop_runs",
        sa.Column("workshop_id", sa.String(32), nullable=False),
        sa.Column("previous_id", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name=op.f("fk_workshop_runs_workshop_id_workshops"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["previous_id"], ["workshops.id"], name=op.f("fk_workshop_runs_previous_id_workshops"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("workshop_id", name=op.f("pk_workshop_runs")),
    )
    op.create_index(op.f("ix_workshop_runs_previous_id"), "workshop_runs", ["previous_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_workshop_runs_previous_id"), table_name="workshop_runs")
    op.drop_table("workshop_runs")
    op.drop_table("assessment_rounds")
    op.drop_index(op.f("ix_assessment_snapshots_assessment_id"), table_name="assessment_snapshots")
    op.drop_table("assessment_snapshots")

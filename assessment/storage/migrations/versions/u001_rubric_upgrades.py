"""Rubric upgrades: what moving an assessment to a newer rubric version could not carry over.

Revision ID: u001
Revises: w001
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from assessment.storage.db import JsonDoc

revision: str = "u001"
down_revision: str | None = "w001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("upgrades", JsonDoc, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("upgrades")

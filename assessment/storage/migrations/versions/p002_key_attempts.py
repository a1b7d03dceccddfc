"""Workshops: the wrong-key throttle per guesser (a hashed client), no longer one counter per workshop.

Revision ID: p002
Revises: p001
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from assessment.storage.db import UTCDateTime

revision: str = "p002"
down_revision: str | None = "p001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The old per-workshop columns (workshops.failed_attempts, locked_until) stay: dropping them would
    # rebuild `workshops` on SQLite, and the counters in them are at most a minute's wait anyway.
    op.create_table(
        "workshop_key_attempts",
        sa.Column("workshop_id", sa.String(32), nullable=False),
        sa.Column("guesser_hash", sa.String(64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name=op.f("fk_workshop_key_attempts_workshop_id_workshops"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("workshop_id", "guesser_hash", name=op.f("pk_workshop_key_attempts")),
    )
    op.create_index("ix_workshop_key_attempts_workshop_id_updated_at", "workshop_key_attempts",
                    ["workshop_id", "updated_at"])
    op.create_index(op.f("ix_workshop_key_attempts_updated_at"), "workshop_key_attempts", ["updated_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_workshop_key_attempts_updated_at"), table_name="workshop_key_attempts")
    op.drop_index("ix_workshop_key_attempts_workshop_id_updated_at", table_name="workshop_key_attempts")
    op.drop_table("workshop_key_attempts")

"""Workshops: facilitator sign-in sessions (token digests) and one display name per company.

Revision ID: w002
Revises: u001
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from assessment.storage.db import UTCDateTime

revision: str = "w002"
down_revision: str | None = "u001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "workshop_sessions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("workshop_id", sa.String(32), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name=op.f("fk_workshop_sessions_workshop_id_workshops"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_workshop_sessions_token_hash")),
    )
    op.create_index(op.f("ix_workshop_sessions_workshop_id"), "workshop_sessions", ["workshop_id"])
    with op.batch_alter_table("workshop_participants") as batch:
        batch.add_column(sa.Column("name_key", sa.String(240), nullable=True))
    # Existing participants: the lower-cased name; a name already taken in the company keeps its row id
    # as a suffix, so the unique constraint can be added without touching anyone's answers.
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, company_id, display_name FROM workshop_participants ORDER BY id")).all()
    seen: set[tuple[int, str]] = set()
    for row in rows:
        key = " ".join(row.display_name.split()).casefold()
        if (row.company_id, key) in seen:
            key = f"{key}#{row.id}"
        seen.add((row.company_id, key))
        conn.execute(sa.text("UPDATE workshop_participants SET name_key = :k WHERE id = :i"), {"k": key, "i": row.id})
    with op.batch_alter_table("workshop_participants") as batch:
        batch.alter_column("name_key", existing_type=sa.String(240), nullable=False)
        batch.create_unique_constraint("uq_workshop_participants_company_id_name_key", ["company_id", "name_key"])


def downgrade() -> None:
    with op.batch_alter_table("workshop_participants") as batch:
        batch.drop_constraint("uq_workshop_participants_company_id_name_key", type_="unique")
        batch.drop_column("name_key")
    op.drop_index(op.f("ix_workshop_sessions_workshop_id"), table_name="workshop_sessions")
    op.drop_table("workshop_sessions")

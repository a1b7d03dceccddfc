"""Revision p002 on a database at p001 with a workshop in it: the per-guesser key-attempts table appears."""

from __future__ import annotations

from alembic import command
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from assessment.storage.db import alembic_config, head_revision, make_engine, sqlite_path
from assessment.storage.store import Store

NOW = "2026-11-01 10:00:00"


def test_upgrade_from_p001_adds_the_key_attempts_table(db_url, rubric):
    if (path := sqlite_path(db_url)) is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "p001")
        assert "workshop_key_attempts" not in inspect(conn).get_table_names()
        conn.execute(text("INSERT INTO workshops (id, name, rubric_id, rubric_version, key_hash, failed_attempts,"
                          " created_at) VALUES ('abcdefgh1234', 'Old', :r, :v, 'x', 3, :t)"),
                     {"r": rubric.id, "v": rubric.version, "t": NOW})
    engine.dispose()
    store = Store(db_url, rubric=rubric)  # first use upgrades to head
    with store.transaction(read_only=True):
        pass
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        columns = {c["name"] for c in inspect(conn).get_columns("workshop_key_attempts")}
        assert columns == {"workshop_id", "guesser_hash", "failures", "locked_until", "updated_at"}
        assert inspect(conn).get_pk_constraint("workshop_key_attempts")["constrained_columns"] == [
            "workshop_id", "guesser_hash"]
        assert conn.execute(text("SELECT count(*) FROM workshop_key_attempts")).scalar() == 0
        assert conn.execute(text("SELECT name FROM workshops")).scalars().all() == ["Old"]  # untouched
    with store.engine.begin() as conn:  # and back down
        command.downgrade(alembic_config(conn), "p001")
        assert "workshop_key_attempts" not in inspect(conn).get_table_names()
    store.close()

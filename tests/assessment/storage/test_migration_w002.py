"""Revision w002 on a database with workshops in it: sessions table added, duplicate names kept apart."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from assessment.storage.db import alembic_config, make_engine
from assessment.storage.store import Store

NOW = "2026-11-01 10:00:00"


def test_two_participants_with_one_name_survive_the_upgrade(tmp_path, rubric):
    url = f"sqlite:///{tmp_path / 'w001.sqlite3'}"
    engine = make_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "w001")
        conn.execute(text("INSERT INTO workshops (id, name, rubric_id, rubric_version, key_hash, failed_attempts,"
                          " created_at) VALUES ('abcdefgh1234', 'Old', :r, :v, 'x', 0, :t)"),
                     {"r": rubric.id, "v": rubric.version, "t": NOW})
        conn.execute(text("INSERT INTO workshop_companies (id, workshop_id, position, name, join_hash)"
                          " VALUES (1, 'abcdefgh1234', 0, 'Acme', :h)"), {"h": "0" * 64})
        for i in (1, 2):
            conn.execute(text("INSERT INTO assessments (id, token_hash, rubric_id, rubric_version, company,"
                              " action_plan, created_at, updated_at) VALUES (:i, :h, :r, :v, :c, '{}', :t, :t)"),
                         {"i": i, "h": f"{i:064x}", "r": rubric.id, "v": rubric.version,
                          "c": '{"name": "Acme"}', "t": NOW})
            conn.execute(text("INSERT INTO workshop_participants (id, company_id, assessment_id, display_name,"
                              " joined_at) VALUES (:i, 1, :i, 'Ann', :t)"), {"i": i, "t": NOW})
    engine.dispose()
    store = Store(url, rubric=rubric)  # first use upgrades to head
    with store.transaction(read_only=True):
        pass
    with store.engine.connect() as conn:
        keys = conn.execute(text("SELECT name_key FROM workshop_participants ORDER BY id")).scalars().all()
        names = conn.execute(text("SELECT display_name FROM workshop_participants ORDER BY id")).scalars().all()
        assert keys == ["ann", "ann#2"]  # both kept, told apart by the key
        assert names == ["Ann", "Ann"]  # what people typed is untouched
        assert conn.execute(text("SELECT count(*) FROM workshop_sessions")).scalar() == 0
    store.close()

"""Databases made before the feature-folder move (migrations in assessment/migrations/) still open.

The dumps in data/ were written by the old layout's own code: one at revision 0001 (before
workshops), one at its head (w001). Revision ids are unchanged by the move, so the app brings either
to the new head by itself and every stored answer is still there.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from assessment.answers import Assessment
from assessment.rubric import Rubric
from assessment.storage.db import alembic_config, head_revision, make_engine
from assessment.storage.store import Store
from tests.assessment.storage.databases import postgres_base_url, postgres_schema
from tests.conftest import EXAMPLES

DATA = Path(__file__).parent / "data"
TOKEN = "old-layout-token-0123456789abcdefghijklmnopqrstu"


def _harbor(rubric: Rubric) -> Assessment:
    from assessment.answers import read_assessment

    return read_assessment(EXAMPLES / "harbor-legal-ai.json", rubric)


def _revision(store: Store) -> str:
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()


@pytest.mark.parametrize(("dump", "revision"), [("pre_layout_0001.sql", "0001"), ("pre_layout_head.sql", "w001")])
def test_a_sqlite_file_of_the_old_layout_upgrades_and_keeps_its_answers(tmp_path, rubric, dump, revision):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript((DATA / dump).read_text())
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
    store = Store(f"sqlite:///{path}", rubric=rubric)
    try:
        stored = store.load(TOKEN)
        assert _revision(store) == head_revision()
        tables = set(inspect(store.engine).get_table_names())
        assert {"workshops", "workshop_companies", "workshop_participants"} <= tables
        assert stored.assessment.answers == _harbor(rubric).answers
        assert stored.assessment.company.name == _harbor(rubric).company.name
    finally:
        store.close()


def _inserts(dump: str) -> list[str]:
    """The dump's INSERT statements for the assessment tables (portable SQL)."""
    lines = (DATA / dump).read_text().splitlines()
    wanted = [line for line in lines if re.match(r'INSERT INTO "(assessments|answers)"', line)]
    return sorted(wanted, key=lambda line: '"answers"' in line)  # assessments first: answers refer to them


@pytest.mark.postgres
def test_a_postgresql_schema_at_the_old_first_revision_upgrades_by_itself(rubric):
    with postgres_schema(postgres_base_url()) as (url, _schema):
        engine = make_engine(url)
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0001")  # the old layout's first revision, by its id
            for statement in _inserts("pre_layout_0001.sql"):
                conn.exec_driver_sql(statement)
        engine.dispose()
        store = Store(url, rubric=rubric)
        try:
            assert store.load(TOKEN).assessment.answers == _harbor(rubric).answers
            assert _revision(store) == head_revision()
        finally:
            store.close()


def test_the_alembic_command_line_finds_the_moved_migrations_and_logs_readable_lines(tmp_path):
    """`alembic upgrade head` from the repository root (alembic.ini), as the README tells developers."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    run = subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env={**os.environ, "ASSESSMENT_DATABASE_URL": url})
    assert run.returncode == 0, run.stderr[-2000:]
    assert "%(levelname)" not in run.stderr
    line = r"^INFO  \[alembic\.runtime\.migration\] Running upgrade 0001 -> w001"
    assert re.search(line, run.stderr, re.M), run.stderr
    with sqlite3.connect(tmp_path / "cli.sqlite3") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)

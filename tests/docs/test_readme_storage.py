"""The README's Storage section matches what the code does, and its developer command works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, inspect

from assessment.storage import db

ROOT = Path(__file__).resolve().parents[2]
SECTION = (ROOT / "README.md").read_text().split("## Storage", 1)[1].split("\n## ", 1)[0]


def test_storage_section_names_the_real_settings() -> None:
    assert db.DEFAULT_DATA_DIR == ROOT / "data"
    assert f"`data/{db.DB_FILE_NAME}`" in SECTION
    for name in ("ASSESSMENT_DATABASE_URL", "ASSESSMENT_DATA_DIR", "ASSESSMENT_TEST_POSTGRES_URL"):
        assert f"`{name}" in SECTION
    assert "`assessment/storage/migrations/versions/`" in SECTION and db.MIGRATIONS_DIR.joinpath("versions").is_dir()
    assert "256 random bits" in SECTION and "SHA-256" in SECTION
    assert "/data/" in (ROOT / ".gitignore").read_text().split()  # the repository's own data folder only


def test_alembic_upgrade_head_from_the_repository_root(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    env = {**os.environ, "ASSESSMENT_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    engine = create_engine(url)
    with engine.connect() as conn:
        assert {"assessments", "answers"} <= set(inspect(conn).get_table_names())
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == db.head_revision()
    engine.dispose()

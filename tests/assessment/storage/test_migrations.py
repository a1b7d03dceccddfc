"""The schema comes from Alembic, runs by itself on first use, also from an installed package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from assessment.storage import db
from assessment.storage.db import Base, alembic_config, database_url, head_revision, load_all_models
from assessment.storage.store import Store
from tests.assessment.storage.databases import postgres_base_url, postgres_schema, sqlite_url

ROOT = Path(__file__).resolve().parents[3]


def test_first_use_creates_the_schema_at_head(store: Store) -> None:
    store.ping()
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        tables = set(inspect(conn).get_table_names())
    assert {"assessments", "answers", "alembic_version"} <= tables


def test_migrations_build_exactly_the_models(store: Store) -> None:
    """A model changed without a migration (or the reverse) shows up here."""
    load_all_models()
    store.ping()
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []


def test_downgrade_to_nothing_and_up_again(store: Store, rubric) -> None:
    from assessment.answers import new_assessment

    store.ping()
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with store.engine.connect() as conn:
        assert not {"assessments", "answers"} & set(inspect(conn).get_table_names())
    db.forget_migration(store.engine)
    token = store.create(new_assessment(rubric, name="After re-creation"))
    assert store.load(token).assessment.company.name == "After re-creation"


def test_a_database_dropped_while_running_is_rebuilt_after_the_error(store: Store, rubric) -> None:
    """Tables gone (e.g. a fresh database put in place): one clear error, then the schema comes back."""
    from assessment.answers import new_assessment
    from assessment.storage.store import StoreError

    store.ping()
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with pytest.raises(StoreError):
        store.create(new_assessment(rubric))
    token = store.create(new_assessment(rubric))
    assert store.exists(token)


def test_default_url_is_a_sqlite_file_in_the_data_folder(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ASSESSMENT_DATABASE_URL", raising=False)
    monkeypatch.delenv("ASSESSMENT_DATA_DIR", raising=False)
    assert database_url() == f"sqlite:///{ROOT / 'data' / 'assessments.sqlite3'}"
    folder = tmp_path / "nested" / "data"
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(folder))
    assert database_url() == f"sqlite:///{folder / 'assessments.sqlite3'}"
    store = Store()
    store.ping()  # creates the folder and the file: zero set-up
    assert (folder / "assessments.sqlite3").is_file()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == 5_000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    store.close()
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", "postgresql+psycopg://u:p@db.example:5432/x")
    assert database_url() == "postgresql+psycopg://u:p@db.example:5432/x"


STARTER = textwrap.dedent(
    """
    import sys, time
    from assessment.storage.store import Store
    start_at = float(sys.argv[2])
    while time.time() < start_at:
        time.sleep(0.005)
    Store(sys.argv[1]).ping()
    print("ok")
    """
)


def _start_at_once(url: str, n: int, cwd: Path, env: dict[str, str] | None = None) -> list[subprocess.CompletedProcess]:
    start_at = str(time.time() + 4)  # every process has imported everything by then
    procs = [
        subprocess.Popen([sys.executable, "-c", STARTER, url, start_at], cwd=cwd, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(n)
    ]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=120)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


@pytest.mark.parametrize("backend_name", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_processes_starting_at_once_all_get_the_schema(backend_name: str, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def check(url: str) -> None:
        results = _start_at_once(url, 4, tmp_path, env)
        for r in results:
            assert r.returncode == 0, r.stderr[-2000:]
            assert r.stdout.strip() == "ok"
        store = Store(url)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head_revision()]
        store.close()

    if backend_name == "sqlite":
        check(sqlite_url(tmp_path))
    else:
        with postgres_schema(postgres_base_url()) as (url, _schema):
            check(url)


def test_migrations_run_from_an_installed_package(tmp_path: Path) -> None:
    """Built as a wheel and installed elsewhere, the package still finds and runs its migrations."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "pyproject.toml", src)
    shutil.copy(ROOT / "README.md", src)
    shutil.copytree(ROOT / "assessment", src / "assessment", ignore=shutil.ignore_patterns("__pycache__"))
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"), str(src)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    wheel = next((tmp_path / "dist").glob("*.whl"))
    site = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(site)!r})
        import assessment.storage.store
        assert assessment.storage.store.__file__.startswith({str(site)!r}), assessment.storage.store.__file__
        store = assessment.storage.store.Store({sqlite_url(tmp_path)!r})
        store.ping()
        print(store.engine.connect().exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one())
        """
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == head_revision()

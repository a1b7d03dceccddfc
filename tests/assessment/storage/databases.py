"""Fresh databases for tests: a SQLite file in a temporary folder, or a PostgreSQL schema of its own.

PostgreSQL comes from $ASSESSMENT_TEST_POSTGRES_URL (scripts/setup-system.sh prints one). Without it
the PostgreSQL tests skip, unless $ASSESSMENT_REQUIRE_POSTGRES=1 (CI), where they fail.
Other test packages (e.g. workshops) can use these helpers too.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

PG_ENV = "ASSESSMENT_TEST_POSTGRES_URL"


def postgres_base_url() -> str:
    """The test server's URL; skip (or fail, when PostgreSQL is required) if there is none."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        if os.environ.get("ASSESSMENT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{PG_ENV} is not set but ASSESSMENT_REQUIRE_POSTGRES=1: PostgreSQL tests cannot run")
        pytest.skip(f"{PG_ENV} is not set (bash scripts/setup-system.sh prints one)")
    return url


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'data' / 'assessments.sqlite3'}"


@contextmanager
def postgres_schema(base_url: str) -> Iterator[tuple[str, str]]:
    """A new, empty schema for one test; yields (url that uses only that schema, schema name)."""
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base_url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base_url).update_query_dict(
            {"options": f"-csearch_path={schema}", "application_name": schema}
        )
        yield url.render_as_string(hide_password=False), schema
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

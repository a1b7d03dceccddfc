"""Workshop test fixtures: a store on SQLite and (when configured) on a private PostgreSQL database."""

from __future__ import annotations

import os
import secrets

import psycopg
import pytest
from sqlalchemy import make_url

from assessment.storage.store import Store
from assessment.workshop.store import WorkshopStore


def postgres_admin_url() -> str | None:
    """$ASSESSMENT_TEST_POSTGRES_URL; fail (CI) or skip (local) when it is not set."""
    url = os.environ.get("ASSESSMENT_TEST_POSTGRES_URL", "").strip()
    if url:
        return url
    if os.environ.get("ASSESSMENT_REQUIRE_POSTGRES") == "1":
        pytest.fail("ASSESSMENT_TEST_POSTGRES_URL is not set but ASSESSMENT_REQUIRE_POSTGRES=1")
    pytest.skip("PostgreSQL tests need ASSESSMENT_TEST_POSTGRES_URL (see scripts/setup-system.sh)")
    return None


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh database of its own (created from the test URL's server, dropped afterwards)."""
    admin = postgres_admin_url()
    name = f"readiness_ws_{secrets.token_hex(4)}"
    with psycopg.connect(_libpq(admin), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(_libpq(admin), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'workshop.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture
def workshops(store):
    return WorkshopStore(store)

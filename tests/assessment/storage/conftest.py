"""Store fixtures: every `store` test runs against SQLite and against PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assessment.rubric import Rubric
from assessment.storage.store import Store
from tests.assessment.storage.databases import postgres_base_url, postgres_schema, sqlite_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database of the backend under test."""
    if backend == "sqlite":
        yield sqlite_url(tmp_path)
        return
    with postgres_schema(postgres_base_url()) as (url, _schema):
        yield url


@pytest.fixture
def store(db_url: str, rubric: Rubric) -> Iterator[Store]:
    s = Store(db_url, rubric=rubric)
    yield s
    s.close()

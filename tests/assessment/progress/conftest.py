"""Progress store fixtures: every test runs against SQLite and against PostgreSQL (as the store's)."""

from tests.assessment.storage.conftest import backend, db_url, store

__all__ = ["backend", "db_url", "store"]

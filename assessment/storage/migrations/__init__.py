"""Alembic migrations for the assessment database (run by `assessment.storage.db.migrate`)."""

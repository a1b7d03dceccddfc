"""Alembic migrations for the assessment database (run by `assessment.db.migrate`)."""

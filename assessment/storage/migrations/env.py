"""Alembic environment: uses the connection handed over by `assessment.storage.db.migrate`, or opens one.

From the command line (repository root): `alembic upgrade head`, `alembic revision --autogenerate -m "..."`;
the database is `$ASSESSMENT_DATABASE_URL` or the default SQLite file (see `assessment.storage.db.database_url`).
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from assessment.storage.db import Base, database_url, load_all_models, make_engine

load_all_models()  # every table, so autogenerate sees them all
target_metadata = Base.metadata
config = context.config
if config.config_file_name is not None:  # the alembic command line; the app configures no logging here
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _configure(**kwargs: object) -> None:
    # SQLite cannot ALTER most things in place; batch mode copies the table instead.
    context.configure(target_metadata=target_metadata, render_as_batch=True, compare_type=True, **kwargs)


def run_offline() -> None:
    _configure(url=config.get_main_option("sqlalchemy.url") or database_url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or database_url())
    try:
        with engine.connect() as conn:
            _configure(connection=conn)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()

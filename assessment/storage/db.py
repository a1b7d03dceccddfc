"""Database schema and engine set-up: SQLAlchemy 2 models, SQLite/PostgreSQL engines, Alembic.

The schema is owned by Alembic migrations in `assessment/storage/migrations/versions/`; the models
here are what those migrations build (and what `alembic revision --autogenerate` compares against).
Other features (e.g. workshops) add their tables to `Base.metadata` in their own `tables.py`
(`assessment/workshop/tables.py`), list it in `TABLE_MODULES`, and write a new revision
(down_revision = the current head).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib
import os
import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    create_engine,
    event,
    make_url,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.types import TypeDecorator

PACKAGE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
DEFAULT_DATA_DIR = PACKAGE_DIR.parents[1] / "data"  # the repository's data/ folder
DB_FILE_NAME = "assessments.sqlite3"
# Seconds a SQLite writer waits for another writer's lock before giving up ("database is locked"):
# ample for many writers of a few ms each, short enough that a page never hangs on a stuck lock.
SQLITE_BUSY_TIMEOUT = 5.0
# Seconds per connection attempt to a PostgreSQL server (unless the URL sets connect_timeout); with
# sslmode=prefer psycopg makes two attempts, so a server that never answers fails in about 6 s.
CONNECT_TIMEOUT = 3

JsonDoc = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite keeps no zone, so it is added back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime; use datetime.now(UTC)")
        return value.astimezone(dt.UTC) if value is not None else None

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    # Named constraints, so later migrations (and SQLite batch mode) can refer to them.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class AssessmentRow(Base):
    """One assessment: the company profile and plan as JSON; answers live in their own rows."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # SHA-256 (hex) of the private resume token; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    rubric_id: Mapped[str] = mapped_column(String(64), nullable=False)
    rubric_version: Mapped[str] = mapped_column(String(64), nullable=False)
    company: Mapped[dict[str, Any]] = mapped_column(JsonDoc, nullable=False)
    action_plan: Mapped[dict[str, Any]] = mapped_column(JsonDoc, nullable=False)
    workbench: Mapped[dict[str, Any] | None] = mapped_column(JsonDoc, nullable=True)
    # Rubric upgrades (assessment.upgrade): what could not be carried over, kept word for word.
    upgrades: Mapped[list[Any] | None] = mapped_column(JsonDoc, nullable=True)
    position: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


class AnswerRow(Base):
    """One answer. One row per question, so concurrent saves of different answers never collide."""

    __tablename__ = "answers"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    choice: Mapped[str] = mapped_column(String(64), nullable=False)
    evidence: Mapped[str] = mapped_column(Text, nullable=False, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)


@functools.cache
def answer_upsert(dialect_name: str) -> Any:
    """INSERT ... ON CONFLICT DO UPDATE of one answer row (values given at execution), or None where the
    database has no such statement. Built once per dialect: building it costs more than running it."""
    dialect = {"postgresql": postgresql, "sqlite": sqlite}.get(dialect_name)
    if dialect is None:
        return None
    stmt = dialect.insert(AnswerRow.__table__)
    return stmt.on_conflict_do_update(
        index_elements=[AnswerRow.__table__.c.assessment_id, AnswerRow.__table__.c.question_id],
        set_={"choice": stmt.excluded.choice, "evidence": stmt.excluded.evidence,
              "updated_at": stmt.excluded.updated_at},
    )


# Every module that adds tables to Base.metadata, by name (this module sits below the features, so it
# does not import them; Alembic's env.py and the schema tests load them all through this list).
TABLE_MODULES = ("assessment.workshop.tables", "assessment.progress.tables")


def load_all_models() -> None:
    """Import every feature's table module, so Base.metadata holds every table (for autogenerate)."""
    for name in TABLE_MODULES:
        importlib.import_module(name)


def database_url() -> str:
    """$ASSESSMENT_DATABASE_URL, else a SQLite file in the data folder ($ASSESSMENT_DATA_DIR or ./data)."""
    url = os.environ.get("ASSESSMENT_DATABASE_URL", "").strip()
    if url:
        return url
    folder = Path(os.environ.get("ASSESSMENT_DATA_DIR", "").strip() or DEFAULT_DATA_DIR)
    return f"sqlite:///{folder.resolve() / DB_FILE_NAME}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def prepare_sqlite_file(path: Path) -> None:
    """Create the SQLite file owner-only (0600) in an owner-only folder (0700) before SQLite does.

    The file holds company data; SQLite would create it with the umask (often 0644, world-readable),
    and its -wal and -shm files take the main file's permissions. An existing folder is left as it
    is (it may be shared on purpose); an existing file that others can read is made owner-only.
    """
    folder = path.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # mkdir's mode passes through the umask
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            with contextlib.suppress(OSError):  # not ours to change: leave it
                os.chmod(path, 0o600)


def _sqlite_on_connect(busy_timeout: float) -> Any:
    def on_connect(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
        # Autocommit at the driver level; the "begin" hook below emits BEGIN itself, so that
        # DDL is transactional too and writers take the write lock up front (no upgrade deadlocks).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA foreign_keys = ON")
        finally:
            cur.close()

    return on_connect


def _sqlite_on_begin(conn: Connection) -> None:
    # Writers use BEGIN IMMEDIATE (wait for the write lock at the start, within busy_timeout);
    # pure reads pass execution_options(sqlite_begin="DEFERRED") so they never wait for writers.
    mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str, *, busy_timeout: float = SQLITE_BUSY_TIMEOUT) -> Engine:
    """An engine for `url`: pre-ping (a restarted server is picked up again); SQLite with WAL."""
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"timeout": busy_timeout, "check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_on_connect(busy_timeout))
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    u = make_url(url)
    connect_args: dict[str, Any] = {}
    if u.get_backend_name() == "postgresql":
        # An unreachable host must fail in seconds (the page shows a warning), not hang the app;
        # tcp_user_timeout (ms) does the same for a server that vanishes mid-conversation.
        defaults = {"connect_timeout": CONNECT_TIMEOUT, "tcp_user_timeout": CONNECT_TIMEOUT * 5000}
        connect_args = {k: v for k, v in defaults.items() if k not in u.query}
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, pool_timeout=30,
                         connect_args=connect_args)


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configuration built in code, so migrations run from an installed package too."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


# Databases already brought to head by this process (by URL), so later calls cost nothing.
_migrated: set[str] = set()
_migrated_lock = threading.Lock()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, once per process and database.

    Safe when several processes start at once: the upgrade runs in one transaction that holds a
    lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), and re-reads the revision inside it.
    """
    key = engine.url.render_as_string(hide_password=True)
    with _migrated_lock:
        if key in _migrated:
            return
        head = head_revision()
        with engine.connect().execution_options(sqlite_begin="DEFERRED") as conn:
            up_to_date = current_revision(conn) == head
            conn.rollback()
        if not up_to_date:
            with engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key || current_schema()))"),
                                 {"key": "open-llm-readiness:migrate:"})
                if current_revision(conn) != head:
                    command.upgrade(alembic_config(conn), "head")
        _migrated.add(key)


def forget_migration(engine: Engine) -> None:
    """Make the next `migrate` check this database again (e.g. after it was unreachable or replaced)."""
    with _migrated_lock:
        _migrated.discard(engine.url.render_as_string(hide_password=True))

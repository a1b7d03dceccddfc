"""The database goes away and comes back: a clear one-line error meanwhile, and every answer arrives."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from assessment.answers import Answer, new_assessment
from assessment.rubric import Rubric
from assessment.storage.autosave import CreateAssessment, PendingWrites, SaveAnswer, SavePosition
from assessment.storage.store import NotFound, Store, StoreUnavailable, new_token
from tests.assessment.storage.databases import postgres_base_url, postgres_schema, sqlite_url
from tests.assessment.storage.tcp_proxy import TcpProxy


def _answers(rubric: Rubric, start: int, stop: int, note: str) -> dict[str, Answer]:
    out = {}
    for q in rubric.questions[start:stop]:
        out[q.id] = Answer(choice=rubric.choices_for(q)[-2].id, evidence=f"{note} {q.id}")
    return out


def _queue(pending: PendingWrites, token: str, answers: dict[str, Answer]) -> None:
    for qid, a in answers.items():
        pending.add(SaveAnswer(token, qid, a.choice, a.evidence))


def _assert_one_line_unavailable(message: str | None) -> None:
    assert message is not None
    # Exactly this line: the driver's text (host, port, user name) goes to the log only.
    assert message == "The database cannot be reached right now."


def _down_then_back(store: Store, rubric: Rubric, go_down, come_back) -> None:
    """Answers given before, during and after an outage all end up stored."""
    token = store.create(new_assessment(rubric, name="Outage Ltd"))
    pending = PendingWrites()
    before = _answers(rubric, 0, 10, "before")
    _queue(pending, token, before)
    assert pending.flush(store).saved == 10

    go_down()
    with pytest.raises(StoreUnavailable) as err:
        store.save_answer(token, rubric.questions[0].id, "dont-know")
    _assert_one_line_unavailable(str(err.value))
    during = _answers(rubric, 8, 25, "during")  # overlaps: questions 8 and 9 are answered again
    _queue(pending, token, during)
    pending.add(SavePosition(token, "data-pipeline"))
    result = pending.flush(store)
    assert (result.saved, result.pending) == (0, len(during) + 1)
    _assert_one_line_unavailable(result.error)
    again = pending.flush(store)  # still down: still queued, in order
    assert (again.saved, again.pending) == (0, len(during) + 1)

    come_back()
    after = _answers(rubric, 25, len(rubric.questions), "after")
    _queue(pending, token, after)
    result = pending.flush(store)
    assert result.ok and result.pending == 0 and result.saved == len(during) + 1 + len(after)
    got = store.load(token)
    assert got.assessment.answers == {**before, **during, **after}
    assert len(got.assessment.answers) == len(rubric.questions)
    assert got.position == "data-pipeline"


def test_sqlite_locked_by_another_process_then_free(tmp_path: Path, rubric) -> None:
    url = sqlite_url(tmp_path)
    store = Store(url, rubric=rubric, busy_timeout=0.2)
    store.ping()
    locker = sqlite3.connect(make_url(url).database, isolation_level=None)

    def lock() -> None:
        locker.execute("BEGIN EXCLUSIVE")

    def unlock() -> None:
        locker.execute("ROLLBACK")

    _down_then_back(store, rubric, lock, unlock)
    locker.close()


def test_sqlite_data_folder_gone_then_back(tmp_path: Path, rubric) -> None:
    url = sqlite_url(tmp_path)
    store = Store(url, rubric=rubric)
    folder = Path(make_url(url).database).parent
    away = tmp_path / "away"

    def unmount() -> None:
        folder.rename(away)
        store.engine.dispose()  # open connections would still reach the moved file; new ones cannot

    def remount() -> None:
        away.rename(folder)

    _down_then_back(store, rubric, unmount, remount)
    assert not away.exists()


def test_offline_start_creates_the_assessment_when_the_database_is_back(tmp_path: Path, rubric) -> None:
    url = sqlite_url(tmp_path)
    store = Store(url, rubric=rubric, busy_timeout=0.2)
    store.ping()
    locker = sqlite3.connect(make_url(url).database, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    token = new_token()  # the link can be shown at once
    pending = PendingWrites()
    pending.add(CreateAssessment(token, new_assessment(rubric, name="Started offline")))
    _queue(pending, token, _answers(rubric, 0, 5, "offline"))
    assert pending.flush(store).pending == 6
    locker.execute("ROLLBACK")
    result = pending.flush(store)
    assert result.ok and result.saved == 6
    got = store.load(token).assessment
    assert got.company.name == "Started offline" and got.answers == _answers(rubric, 0, 5, "offline")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_postgres_nobody_listening_is_unavailable_not_a_crash(rubric) -> None:
    store = Store(f"postgresql+psycopg://readiness:readiness@127.0.0.1:{_closed_port()}/readiness_test", rubric=rubric)
    for call in (lambda: store.load(new_token()), lambda: store.create(new_assessment(rubric)), store.ping):
        with pytest.raises(StoreUnavailable) as err:
            call()
        _assert_one_line_unavailable(str(err.value))
    with pytest.raises(NotFound):  # a malformed token is told apart without the database
        store.load("nonsense")


@pytest.mark.postgres
def test_postgres_connection_cut_then_back(rubric) -> None:
    """PostgreSQL vanishes (every connection dropped, port closed) and returns on the same address."""
    with postgres_schema(postgres_base_url()) as (url, _schema):
        target = make_url(url)
        proxy = TcpProxy(target.host or "127.0.0.1", target.port or 5432)
        proxy.start()
        try:
            store = Store(target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False),
                          rubric=rubric)
            _down_then_back(store, rubric, proxy.stop, proxy.start)
            store.close()
        finally:
            proxy.stop()


@pytest.mark.postgres
def test_postgres_restart_is_picked_up_again(rubric) -> None:
    """Server-side sessions killed (as by a restart): pooled connections are replaced, not reused."""
    with postgres_schema(postgres_base_url()) as (url, schema):
        store = Store(url, rubric=rubric)
        admin = create_engine(postgres_base_url())

        def kill_sessions() -> int:
            with admin.begin() as conn:
                return len(conn.execute(
                    text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE application_name = :app AND pid <> pg_backend_pid()"),
                    {"app": schema},
                ).all())

        token = store.create(new_assessment(rubric))
        assert kill_sessions() >= 1
        store.save_answer(token, "niche-objective", "written")  # pre-ping finds the dead connection
        assert store.load(token).assessment.answers["niche-objective"].choice == "written"

        # Killed in the middle of a transaction: StoreUnavailable, nothing half-written, then fine.
        with pytest.raises(StoreUnavailable), store.transaction() as conn:
            conn.execute(text("UPDATE assessments SET position = 'niche'"))
            kill_sessions()
            conn.execute(text("SELECT 1"))
        assert store.load(token).position is None
        store.save_position(token, "niche")
        assert store.load(token).position == "niche"
        admin.dispose()
        store.close()


def test_postgres_server_that_never_answers_fails_within_the_connect_timeout(monkeypatch) -> None:
    """A hung server (port open, no reply) must not freeze the app: StoreUnavailable within seconds."""
    import time

    from assessment.storage import db

    monkeypatch.setattr(db, "CONNECT_TIMEOUT", 1)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections complete in the backlog but are never accepted or answered
        store = Store(f"postgresql+psycopg://readiness:readiness@127.0.0.1:{silent.getsockname()[1]}/x")
        started = time.monotonic()
        with pytest.raises(StoreUnavailable) as err:
            store.ping()
        assert time.monotonic() - started < 10
        _assert_one_line_unavailable(str(err.value))


def test_sqlite_file_read_only_is_named_and_saving_resumes_when_writable(rubric) -> None:
    """A read-only file is said to be read-only (not "cannot be reached"), and once it is writable
    again the same store saves the queued changes: no restart. Run as an unprivileged user, since
    root writes to a read-only file anyway."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="olr-readonly-"))
    command = [sys.executable, "-m", "tests.assessment.storage.readonly_scenario", str(folder)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a file read-only for the store")
        os.chown(folder, 65534, 65534)
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    root = Path(__file__).resolve().parents[3]
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0] == ("read-only: pending=1 error=The database file is read-only, so changes cannot be saved"
                        " until it is writable again.")
    assert lines[1] == "writable: pending=0 error=None"
    assert lines[2] == f"stored: {sorted(q.id for q in rubric.questions[:2])}"  # both, the read-only one too

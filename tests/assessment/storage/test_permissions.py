"""The SQLite file holds company data: created owner-only (0600) in an owner-only folder (0700)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessment.answers import new_assessment
from assessment.rubric import Rubric
from assessment.storage.db import DB_FILE_NAME, database_url
from assessment.storage.store import Store


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The common default umask (files 0644, folders 0755), whatever the test runner's is."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_default_sqlite_file_and_folder_are_owner_only(tmp_path: Path, rubric: Rubric, open_umask: None,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    monkeypatch.delenv("ASSESSMENT_DATABASE_URL", raising=False)
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(folder))
    store = Store(database_url(), rubric=rubric)
    token = store.create(new_assessment(rubric, name="Private Co"))
    store.save_answer(token, rubric.questions[0].id, rubric.questions[0].choices[0].id, "a note")
    store.close()
    assert _mode(folder) == 0o700
    files = sorted(folder.iterdir())
    assert folder / DB_FILE_NAME in files
    for path in files:  # the database and its -wal / -shm files
        assert _mode(path) == 0o600, f"{path.name}: {oct(_mode(path))}"


def test_an_existing_world_readable_file_is_made_owner_only(tmp_path: Path, rubric: Rubric,
                                                            open_umask: None) -> None:
    before = _mode(tmp_path)
    path = tmp_path / "old.sqlite3"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    store = Store(f"sqlite:///{path}", rubric=rubric)
    store.create(new_assessment(rubric, name="Old Co"))
    store.close()
    assert _mode(path) == 0o600
    assert _mode(tmp_path) == before  # an existing folder is left as it was (it may be shared on purpose)

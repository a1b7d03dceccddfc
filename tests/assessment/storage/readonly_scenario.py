"""Run by test_unavailable as an unprivileged user (root writes to read-only files anyway).

Usage: python -m tests.assessment.storage.readonly_scenario FOLDER. Prints one line per step.
"""

from __future__ import annotations

import sys
from pathlib import Path

from assessment.answers import new_assessment
from assessment.rubric import load_rubric
from assessment.storage.autosave import PendingWrites, SaveAnswer
from assessment.storage.store import Store


def main(folder: Path) -> None:
    rubric = load_rubric()
    url = f"sqlite:///{folder}/app.sqlite3"
    token = Store(url, rubric=rubric).create(new_assessment(rubric, name="Read-only Ltd"))
    for path in folder.iterdir():
        path.chmod(0o444)
    store = Store(url, rubric=rubric)  # the app's store, opened while the file is read-only
    pending = PendingWrites()
    first, second = rubric.questions[:2]
    pending.add(SaveAnswer(token, first.id, first.choices[0].id, "typed while read-only"))
    result = pending.flush(store)
    print(f"read-only: pending={result.pending} error={result.error}")
    for path in folder.iterdir():
        path.chmod(0o644)
    pending.add(SaveAnswer(token, second.id, second.choices[0].id))
    result = pending.flush(store)
    print(f"writable: pending={result.pending} error={result.error}")
    print(f"stored: {sorted(store.load(token).assessment.answers)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

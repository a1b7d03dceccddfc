"""Key guessing on SQLite never holds the write lock while scrypt runs, so it does not starve saves.

Eight threads type wrong facilitator keys (with the throttle switched off, so every key is hashed)
while one person saves answers for a few seconds. Before the fix, each guess hashed inside a write
transaction: the saves fell from about 150 to 3 in 8 s, some failing with "database is locked".
Each thread has its own `Store` (its own engine and connections), like separate server processes.
The timings are printed (`pytest -s`) for the record.
"""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

from assessment.answers import new_assessment
from assessment.rubric import Rubric
from assessment.storage.store import Store
from assessment.workshop.auth import AccessDenied, Throttle
from assessment.workshop.store import WorkshopStore

GUESSERS = 8
SECONDS = 4.0


def _saves_in(url: str, rubric: Rubric, token: str, stop: threading.Event, out: dict[str, object]) -> None:
    store = Store(url, rubric=rubric)
    question = rubric.questions[0]
    latencies: list[float] = []
    errors: list[str] = []
    n = 0
    while not stop.is_set():
        started = time.perf_counter()
        try:
            store.save_answer(token, question.id, question.choices[n % 2].id, f"save {n}")
            latencies.append(time.perf_counter() - started)
        except Exception as exc:  # counted and reported, never hidden
            errors.append(str(exc))
        n += 1
    store.close()
    out.update(latencies=latencies, errors=errors)


def _run(url: str, rubric: Rubric, guessers: int) -> dict[str, object]:
    setup = Store(url, rubric=rubric)
    workshop = WorkshopStore(setup).create_workshop("Guessed", ["Acme"], rubric)
    token = setup.create(new_assessment(rubric, name="Saver Co"))
    setup.close()
    stop = threading.Event()
    result: dict[str, object] = {}
    guesses = [0] * guessers

    def guess(i: int) -> None:
        store = Store(url, rubric=rubric)
        workshops = WorkshopStore(store, throttle=Throttle(free_attempts=10**9))  # every guess is hashed
        while not stop.is_set():
            with contextlib.suppress(AccessDenied):
                workshops.authenticate(workshop.id, f"guess-{i}-{guesses[i]}", guesser=f"thread {i}")
            guesses[i] += 1
        store.close()

    threads = [threading.Thread(target=_saves_in, args=(url, rubric, token, stop, result))]
    threads += [threading.Thread(target=guess, args=(i,)) for i in range(guessers)]
    for t in threads:
        t.start()
    time.sleep(SECONDS)
    stop.set()
    for t in threads:
        t.join(60)
    result["guesses"] = sum(guesses)
    return result


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else float("nan")


def test_guessing_keys_does_not_block_other_peoples_saves(tmp_path: Path, rubric: Rubric) -> None:
    alone = _run(f"sqlite:///{tmp_path}/alone.sqlite3", rubric, guessers=0)
    attacked = _run(f"sqlite:///{tmp_path}/attacked.sqlite3", rubric, guessers=GUESSERS)
    saves_alone, saves_attacked = len(alone["latencies"]), len(attacked["latencies"])
    print(f"\nSQLite, {SECONDS:g} s: alone {saves_alone} saves (median {_median(alone['latencies']) * 1000:.1f} ms);"
          f" with {GUESSERS} guessing threads {saves_attacked} saves (median"
          f" {_median(attacked['latencies']) * 1000:.1f} ms,"
          f" max {max(attacked['latencies'], default=0) * 1000:.0f} ms),"
          f" {attacked['guesses']} keys hashed, errors {len(attacked['errors'])}")
    assert attacked["errors"] == [] and alone["errors"] == []
    assert attacked["guesses"] >= GUESSERS  # the guessers really ran
    # The guessers compete for the CPU (scrypt), not for the write lock: saves go on. A save
    # waits at most one short counter update, never a hash. Were hashes taken inside the write
    # transaction, every save would wait for one: as many saves as hashes at most, each as slow as a
    # hash. (Compared with the hash time of the same run, not with the saves alone: how fast a save
    # is alone says nothing about the lock, and how much CPU eight hashing threads leave varies.)
    hash_seconds = SECONDS * GUESSERS / attacked["guesses"]
    assert saves_attacked > 2 * attacked["guesses"], (saves_attacked, attacked["guesses"])
    assert _median(attacked["latencies"]) < hash_seconds / 5, (_median(attacked["latencies"]), hash_seconds)
    assert max(attacked["latencies"]) < 2.0

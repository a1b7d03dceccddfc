"""Store speed: one autosaved answer and one resume (load) on SQLite and PostgreSQL (issue 4).

Every click on an answer saves it, so a save must stay well inside the page's update budget.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessment.answers import Answer, new_assessment
from assessment.storage.store import Store
from tests.assessment.storage.databases import postgres_base_url, postgres_schema, sqlite_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bench_store(request: pytest.FixtureRequest, tmp_path: Path, rubric) -> Iterator[Store]:
    if request.param == "sqlite":
        store = Store(sqlite_url(tmp_path), rubric=rubric)
        yield store
        store.close()
        return
    with postgres_schema(postgres_base_url()) as (url, _schema):
        store = Store(url, rubric=rubric)
        yield store
        store.close()


def test_bench_save_answer(benchmark, bench_store: Store, rubric) -> None:
    token = bench_store.create(new_assessment(rubric))
    q = rubric.questions[0]
    choices = itertools.cycle(c.id for c in rubric.choices_for(q))
    benchmark(lambda: bench_store.save_answer(token, q.id, next(choices), "evidence note"))
    assert bench_store.load(token).assessment.answers[q.id].evidence == "evidence note"


def test_bench_load_full_assessment(benchmark, bench_store: Store, rubric) -> None:
    doc = new_assessment(rubric, name="Bench")
    doc.answers = {q.id: Answer(choice=q.choices[0].id, evidence="x" * 200) for q in rubric.questions}
    token = bench_store.create(doc)
    got = benchmark(lambda: bench_store.load(token))
    assert got.assessment == doc

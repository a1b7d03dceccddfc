"""Properties (hypothesis) over the file formats: any input gives a result or an InputError, never
another exception, and a bad file never changes stored data."""

from __future__ import annotations

import contextlib
import json
import math
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from assessment.answers import dump_assessment, new_assessment, parse_assessment
from assessment.errors import InputError
from assessment.rubric import DEFAULT_RUBRIC, load_rubric, parse_rubric, read_rubric
from assessment.storage.store import ASSESSMENTS, Store
from assessment.workbench import compute, parse_workbench
from tests.conftest import EXAMPLES

RUBRIC = load_rubric()
EXAMPLE = json.loads((EXAMPLES / "harbor-legal-ai.json").read_text())
RUBRIC_DATA = yaml.safe_load(DEFAULT_RUBRIC.read_text())

# Scalars a hostile or careless file holds: huge, tiny, non-finite, wrong type, odd text.
NASTY_NUMBERS = st.sampled_from([0, -1, 1, 5e-324, 1e-308, 1e308, 1e400, -1e400, float("nan"), 10**30, 2**63,
                                 0.1, 100, 101, 1e16, 1e-12])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    NASTY_NUMBERS, st.text(max_size=30), st.sampled_from(["", "yes", "\x00", "\u202e", "dont-know"]))
JSONISH = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                       max_leaves=12)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(doc: object, path: tuple, new: object) -> object:
    if not path:
        return new
    copy = json.loads(json.dumps(doc))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return copy


def _to_json(value: object) -> str:
    return json.dumps(value, allow_nan=True)


@st.composite
def mutated(draw: st.DrawFn, base: object) -> object:
    """The base document with one to three values anywhere replaced by anything."""
    doc = base
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        doc = _mutate(doc, draw(st.sampled_from(paths)), draw(JSONISH))
    return doc


FIXTURE_OK = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(mutated(EXAMPLE))
def test_any_assessment_file_gives_an_assessment_or_an_input_error(doc: object) -> None:
    try:
        assessment = parse_assessment(_to_json(doc), RUBRIC, "x.json")
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("x.json: ")
        return
    # Accepted: it saves as a file that is accepted again, and it scores and its worksheet computes.
    assert parse_assessment(dump_assessment(assessment), RUBRIC) == assessment
    if assessment.workbench is not None:
        result = compute(parse_workbench(assessment.workbench))
        assert all(math.isfinite(o.monthly_cost) for o in result.options)


@SETTINGS
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_give_an_assessment_or_an_input_error(raw: bytes) -> None:
    with contextlib.suppress(InputError):
        parse_assessment(raw, RUBRIC)


@SETTINGS
@given(mutated(EXAMPLE["workbench"]))
def test_any_worksheet_computes_or_gives_an_input_error(data: object) -> None:
    try:
        workbench = parse_workbench(data)
    except InputError:
        return
    result = compute(workbench)
    for option in result.options:
        assert math.isfinite(option.monthly_cost) and math.isfinite(option.cost_per_million)
    for pair in result.break_evens:
        for value in (pair.first_cheaper_tokens, pair.stays_cheaper_tokens):
            assert value is None or math.isfinite(value)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(RUBRIC_DATA))
def test_any_rubric_gives_a_rubric_or_an_input_error(data: object) -> None:
    try:
        rubric = parse_rubric(data, "r.yaml")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    from assessment.scoring import score

    result = score(rubric, {q.id: q.choices[0].id for q in rubric.questions})
    assert result.overall is None or 0 <= result.overall <= 100


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURE_OK)
@given(text=st.text(max_size=200))
def test_any_rubric_text_gives_a_rubric_or_an_input_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(DEFAULT_RUBRIC.read_text()[:2000] + text, encoding="utf-8")
    with contextlib.suppress(InputError):
        read_rubric(path)


def _rows(store: Store) -> int:
    with store.transaction(read_only=True) as conn:
        return conn.execute(select(func.count()).select_from(ASSESSMENTS)).scalar_one()


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURE_OK)
@given(doc=mutated(EXAMPLE))
def test_a_bad_file_never_changes_stored_data(tmp_path: Path, doc: object) -> None:
    """Import is parse, then create: a file refused by parsing never reaches the store."""
    store = Store(f"sqlite:///{tmp_path}/props.sqlite3", rubric=RUBRIC)
    try:
        token = store.create(new_assessment(RUBRIC, name="Stored Co"))
        before = store.load(token).assessment
        count = _rows(store)
        try:
            imported = parse_assessment(_to_json(doc), RUBRIC)
        except InputError:
            imported = None
        if imported is not None:
            store.create(imported)
        assert store.load(token).assessment == before
        assert _rows(store) == count + (imported is not None)
    finally:
        store.close()

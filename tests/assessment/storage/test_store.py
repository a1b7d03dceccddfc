"""The store keeps what a person entered, exactly, under a private token; bad data never lands."""

from __future__ import annotations

import datetime as dt
import hashlib
import time

import pytest
from sqlalchemy import select, text

from assessment.answers import ActionItem, Answer, Assessment, new_assessment
from assessment.errors import InputError
from assessment.storage.db import AnswerRow, AssessmentRow
from assessment.storage.store import (
    NOT_FOUND_MESSAGE,
    AlreadyExists,
    NotFound,
    Store,
    StoreError,
    new_token,
    token_hash,
)
from tests.conftest import best_choices


def _rich(examples: dict[str, Assessment]) -> Assessment:
    """An example with answers, evidence notes and a company profile, plus a plan and workbench."""
    doc = examples["harbor-legal-ai"].model_copy(deep=True)
    doc.action_plan = {"niche-undefined:0": ActionItem(owner="Ana", due=dt.date(2027, 1, 31), done=False)}
    doc.workbench = {"runs": [{"model": "ours-7b", "usd_per_mtok": 0.2, "score": 71.5}]}
    return doc


def test_create_then_load_gives_back_everything(store: Store, examples: dict[str, Assessment]) -> None:
    doc = _rich(examples)
    assert any(a.evidence for a in doc.answers.values())
    token = store.create(doc)
    got = store.load(token)
    assert got.assessment == doc
    assert got.position is None
    assert got.updated_at.tzinfo is not None
    assert abs((dt.datetime.now(dt.UTC) - got.updated_at).total_seconds()) < 60


def test_a_fresh_store_object_reads_what_another_wrote(db_url: str, rubric, examples) -> None:
    """A server restart: a new Store on the same database restores answers, notes and position."""
    first = Store(db_url, rubric=rubric)
    token = first.create(examples["open-commons-bio"])
    first.save_answer(token, "niche-objective", "informal", "Written down in the 2026 plan")
    first.save_position(token, "community-team")
    first.close()
    again = Store(db_url).load(token)
    assert again.position == "community-team"
    note = "Written down in the 2026 plan"
    assert again.assessment.answers["niche-objective"] == Answer(choice="informal", evidence=note)
    assert len(again.assessment.answers) == len(examples["open-commons-bio"].answers)


def test_token_is_long_random_and_only_its_hash_is_stored(store: Store, rubric) -> None:
    tokens = {store.create(new_assessment(rubric, name=f"Co {i}")) for i in range(3)}
    assert len(tokens) == 3
    for token in tokens:
        assert len(token) == 43  # 32 random bytes, URL-safe base64
        assert token.replace("-", "").replace("_", "").isalnum()
    with store.engine.connect() as conn:
        stored = [r[0] for r in conn.execute(select(AssessmentRow.token_hash))]
        dump = " ".join(str(tuple(r)) for r in conn.execute(select(AssessmentRow.__table__)))
    assert sorted(stored) == sorted(hashlib.sha256(t.encode()).hexdigest() for t in tokens)
    assert not any(t in dump for t in tokens)


@pytest.mark.parametrize(
    "token",
    ["", "short", "x" * 43, "has spaces in it and is long enough to pass", "a/b" * 15, "é" * 43, "z" * 500, None, 42],
)
def test_wrong_or_malformed_token_is_not_found_with_one_clear_message(store: Store, rubric, token) -> None:
    store.create(new_assessment(rubric))
    with pytest.raises(NotFound) as err:
        store.load(token)
    assert str(err.value) == NOT_FOUND_MESSAGE
    for call in (
        lambda: store.save_answer(token, "niche-objective", "written"),
        lambda: store.save_position(token, "niche"),
        lambda: store.save_assessment(token, new_assessment(rubric)),
    ):
        with pytest.raises(NotFound):
            call()


def test_well_formed_unknown_token_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="resume link"):
        store.load(new_token())


def test_save_answer_inserts_overwrites_and_removes(store: Store, rubric) -> None:
    token = store.create(new_assessment(rubric, name="Acme"))
    before = store.load(token).updated_at
    time.sleep(0.01)
    store.save_answer(token, "niche-objective", "written", "Board-approved memo")
    store.save_answer(token, "models-compute", "dont-know")
    got = store.load(token)
    assert got.assessment.answers == {
        "niche-objective": Answer(choice="written", evidence="Board-approved memo"),
        "models-compute": Answer(choice="dont-know"),
    }
    assert got.updated_at > before
    store.save_answer(token, "niche-objective", "informal")
    store.save_answer(token, "models-compute", None)
    assert store.load(token).assessment.answers == {"niche-objective": Answer(choice="informal", evidence="")}
    assert store.load(token).assessment.company.name == "Acme"


@pytest.mark.parametrize(
    ("question", "choice", "evidence", "message"),
    [
        ("no-such-question", "written", "", "unknown question id 'no-such-question'"),
        ("niche-objective", "maybe", "", "unknown choice 'maybe'"),
        ("niche-objective", "", "", "unknown choice ''"),
        ("niche-objective", "written", "x" * 100_001, "at most 100000 characters"),
        ("niche-objective", "c" * 65, "", "at most 64 characters"),
    ],
)
def test_bad_answer_is_rejected_and_nothing_changes(store: Store, rubric, question, choice, evidence, message) -> None:
    token = store.create(new_assessment(rubric))
    store.save_answer(token, "niche-objective", "informal", "kept")
    before = store.load(token)
    with pytest.raises(InputError, match=message):
        store.save_answer(token, question, choice, evidence)
    assert store.load(token) == before


def test_bad_document_is_rejected_on_create_and_save(store: Store, rubric, examples) -> None:
    doc = examples["harbor-legal-ai"]
    token = store.create(doc)
    before = store.load(token)
    bad_question = doc.model_copy(deep=True)
    bad_question.answers["invented-question"] = Answer(choice="yes")
    bad_choice = doc.model_copy(deep=True)
    bad_choice.answers["niche-objective"] = Answer(choice="perhaps")
    other_version = doc.model_copy(update={"rubric": doc.rubric.model_copy(update={"version": "0.1.0"})})
    mutated = doc.model_copy(deep=True)
    mutated.company.name = "n" * 500  # assigned after construction: must be re-validated
    for bad, message in [
        (bad_question, "unknown question id 'invented-question'"),
        (bad_choice, "unknown choice 'perhaps'"),
        (other_version, "version 0.1.0 is not available"),
        (mutated, "company.name"),
    ]:
        with pytest.raises(InputError, match=message):
            store.save_assessment(token, bad)
        with pytest.raises(InputError, match=message):
            store.create(bad)
    assert store.load(token) == before
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM assessments")).scalar_one() == 1


def test_save_assessment_replaces_the_whole_document(store: Store, rubric, examples) -> None:
    token = store.create(examples["harbor-legal-ai"])
    store.save_position(token, "release-weights")
    replacement = new_assessment(rubric, name="Renamed Inc.", stage="Seed")
    replacement.answers = {"niche-objective": Answer(choice="no", evidence="not yet")}
    replacement.action_plan = {"x:1": ActionItem(owner="Bo")}
    store.save_assessment(token, replacement)
    got = store.load(token)
    assert got.assessment == replacement
    assert got.position == "release-weights"  # the position is saved on its own


def test_interrupted_save_assessment_leaves_the_record_as_it_was(store: Store, rubric, examples, monkeypatch) -> None:
    token = store.create(examples["harbor-legal-ai"])
    before = store.load(token)
    replacement = Assessment.model_validate(
        {**examples["open-commons-bio"].model_dump(mode="json"), "company": {"name": "Half-written"}}
    )

    def crash(*_args, **_kwargs) -> None:
        raise RuntimeError("power cut between deleting the old answers and writing the new ones")

    monkeypatch.setattr(Store, "_insert_answers", staticmethod(crash))
    with pytest.raises(RuntimeError, match="power cut"):
        store.save_assessment(token, replacement)
    monkeypatch.undo()
    after = store.load(token)
    assert after == before
    assert after.assessment.company.name != "Half-written"


def test_interrupted_save_answer_leaves_the_record_as_it_was(store: Store, rubric, monkeypatch) -> None:
    token = store.create(new_assessment(rubric))
    store.save_answer(token, "niche-objective", "informal")
    before = store.load(token)
    real = Store._upsert_answer

    def upsert_then_crash(*args, **kwargs) -> None:
        real(*args, **kwargs)
        raise RuntimeError("process killed after the answer row was written")

    monkeypatch.setattr(Store, "_upsert_answer", staticmethod(upsert_then_crash))
    with pytest.raises(RuntimeError):
        store.save_answer(token, "niche-objective", "written", "lost?")
    monkeypatch.undo()
    assert store.load(token) == before


def test_position(store: Store, rubric) -> None:
    token = store.create(new_assessment(rubric))
    store.save_position(token, "price-performance")
    assert store.load(token).position == "price-performance"
    for bad in ["", "p" * 65, None]:
        with pytest.raises(InputError, match="position"):
            store.save_position(token, bad)
    assert store.load(token).position == "price-performance"


def test_create_under_a_given_token_and_twice(store: Store, rubric) -> None:
    token = new_token()
    assert store.create(new_assessment(rubric, name="Offline start"), token=token) == token
    assert store.load(token).assessment.company.name == "Offline start"
    with pytest.raises(AlreadyExists):
        store.create(new_assessment(rubric, name="Other"), token=token)
    assert store.load(token).assessment.company.name == "Offline start"
    with pytest.raises(NotFound):
        store.create(new_assessment(rubric), token="not a token")


def test_delete_removes_assessment_and_answers(store: Store, rubric) -> None:
    keep = store.create(new_assessment(rubric, name="Keep"))
    doc = new_assessment(rubric)
    doc.answers = {q: Answer(choice=c) for q, c in best_choices(rubric).items()}
    gone = store.create(doc)
    store.save_answer(keep, "niche-objective", "written")
    store.delete(gone)
    with pytest.raises(NotFound):
        store.load(gone)
    assert store.exists(keep) and not store.exists(gone)
    with store.engine.connect() as conn:
        assert conn.execute(select(AnswerRow.question_id)).scalars().all() == ["niche-objective"]


def test_token_hash_is_sha256_hex() -> None:
    token = new_token()
    assert token_hash(token) == hashlib.sha256(token.encode()).hexdigest()
    with pytest.raises(NotFound):
        token_hash("bad token")


def test_errors_and_reprs_never_show_the_token(store: Store, rubric) -> None:
    token = store.create(new_assessment(rubric))
    with pytest.raises(InputError) as err:
        store.save_answer(token, "nope", "x")
    assert token not in str(err.value)
    assert "readiness:readiness@" not in repr(store)


def test_nul_characters_are_refused_on_every_database(store: Store, rubric, examples) -> None:
    """PostgreSQL cannot store NUL; SQLite could, so both refuse it and behave the same."""
    token = store.create(examples["harbor-legal-ai"])
    before = store.load(token)
    with pytest.raises(InputError, match=r"answers\.niche-objective\.evidence: contains a NUL"):
        store.save_answer(token, "niche-objective", "written", "a\x00b")
    doc = examples["harbor-legal-ai"].model_copy(deep=True)
    doc.company.niche = "legal\x00ai"
    with pytest.raises(InputError, match=r"company\.niche: contains a NUL"):
        store.save_assessment(token, doc)
    doc = examples["harbor-legal-ai"].model_copy(update={"workbench": {"notes": ["ok", "bad\x00"]}})
    with pytest.raises(InputError, match=r"workbench\.notes\[1\]: contains a NUL"):
        store.create(doc)
    assert store.load(token) == before


def test_a_stored_record_that_no_longer_fits_the_model_is_a_clear_error(store: Store, rubric) -> None:
    token = store.create(new_assessment(rubric, name="Fine"))
    with store.engine.begin() as conn:
        conn.execute(AssessmentRow.__table__.update().values(company={"name": "x", "founded_on_mars": True}))
    with pytest.raises(StoreError, match=r"cannot be read \(company\.founded_on_mars: unknown key\)"):
        store.load(token)

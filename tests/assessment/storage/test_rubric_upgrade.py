"""Database rows saved under rubric 1.0.0 open, score and save under the current version; nothing typed is lost."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select, update

from assessment.rubric import Rubric
from assessment.scoring import score_assessment
from assessment.storage.store import ANSWERS, ASSESSMENTS, Store, token_hash


def _as_if_saved_under_1_0_0(store: Store, token: str) -> None:
    """Turn a stored row into what the app wrote under rubric 1.0.0: the version, an answer whose choice
    2.0.0 dropped (with a note), a plan entry of the gap 2.0.0 split."""
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as conn:
        row = conn.execute(select(ASSESSMENTS).where(ASSESSMENTS.c.token_hash == token_hash(token))).one()
        conn.execute(update(ASSESSMENTS).where(ASSESSMENTS.c.id == row.id).values(
            rubric_version="1.0.0",
            action_plan={"no-compute-or-runway:0": {"owner": "CEO", "due": "2027-01-15", "done": False},
                         "gone-gap:0": {"owner": "Ops", "due": None, "done": True}}))
        conn.execute(insert(ANSWERS).values(assessment_id=row.id, question_id="weights-cadence", choice="never",
                                            evidence="Nothing out yet", updated_at=now))


def test_a_row_of_rubric_1_0_0_opens_under_the_current_version(store: Store, rubric: Rubric, examples: dict) -> None:
    original = examples["closedwater-api"]
    token = store.create(original)
    _as_if_saved_under_1_0_0(store, token)

    opened = store.load(token).assessment
    assert opened.rubric.version == rubric.version
    assert {q: a.choice for q, a in opened.answers.items()} == {q: a.choice for q, a in original.answers.items()}
    assert opened.action_plan["no-compute:0"].owner == "CEO"
    note = opened.upgrades[-1]
    assert (note.from_version, note.to_version, note.seen) == ("1.0.0", rubric.version, False)
    assert [(a.question, a.choice, a.evidence) for a in note.dropped_answers] == [
        ("weights-cadence", "never", "Nothing out yet")]
    assert note.dropped_answers[0].question_text.startswith("Do you release iterations")
    assert [(p.key, p.owner, p.done) for p in note.dropped_plan] == [("gone-gap:0", "Ops", True)]
    assert score_assessment(rubric, opened).overall == score_assessment(rubric, original).overall

    # Stored under the new version at once: it opens the same again, and new answers are accepted.
    again = store.load(token).assessment
    assert again == opened
    store.save_answer(token, "data-platform-release", "all")
    assert store.load(token).assessment.answers["data-platform-release"].choice == "all"
    store.save_details(token, again.model_copy(update={"upgrades": [note.model_copy(update={"seen": True})]}))
    assert store.load(token).assessment.upgrades[-1].seen

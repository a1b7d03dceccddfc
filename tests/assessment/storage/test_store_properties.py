"""Property: whatever mix of good and bad writes arrives, the store holds exactly the good ones."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.answers import Answer, new_assessment
from assessment.errors import InputError
from assessment.rubric import load_rubric
from assessment.storage.store import Store

RUBRIC = load_rubric()
QUESTIONS = [q.id for q in RUBRIC.questions]
CHOICES = sorted({c.id for q in RUBRIC.questions for c in RUBRIC.choices_for(q)})

write = st.tuples(
    st.sampled_from([*QUESTIONS[:6], "not-a-question", ""]),
    st.one_of(st.none(), st.sampled_from(CHOICES), st.text(max_size=70)),
    st.text(max_size=50),
)


def _valid(question: str, choice: str | None, evidence: str) -> bool:
    """What the store accepts: a known question, one of its choices (or none), a note without NUL."""
    if question not in RUBRIC.question_index:
        return False
    if choice is not None and "\x00" in evidence:
        return False
    return choice is None or choice in {c.id for c in RUBRIC.choices_for(RUBRIC.question_index[question][1])}


def test_bad_writes_never_change_stored_answers(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'p.sqlite3'}", rubric=RUBRIC)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(write, max_size=12))
    def check(writes: list[tuple[str, str | None, str]]) -> None:
        token = store.create(new_assessment(RUBRIC))
        expected: dict[str, Answer] = {}
        for question, choice, evidence in writes:
            if _valid(question, choice, evidence):
                store.save_answer(token, question, choice, evidence)
                if choice is None:
                    expected.pop(question, None)
                else:
                    expected[question] = Answer(choice=choice, evidence=evidence)
            else:
                try:
                    store.save_answer(token, question, choice, evidence)
                except InputError:
                    pass
                else:
                    raise AssertionError(f"accepted {question!r}={choice!r}")
            assert store.load(token).assessment.answers == expected

    check()
    store.close()

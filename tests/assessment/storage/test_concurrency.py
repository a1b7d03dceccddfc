"""Many people saving at once (a workshop room): every answer arrives, none overwrites another."""

from __future__ import annotations

import threading
from collections.abc import Callable

from assessment.answers import Answer, new_assessment
from assessment.storage.store import Store

THREADS = 30


def _run_at_once(work: Callable[[int], None]) -> list[BaseException]:
    """Run work(0..THREADS-1) in THREADS threads released together; return what they raised."""
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=60)
            work(i)
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    return errors


def _choice(rubric, question_index: int, salt: int) -> str:
    q = rubric.questions[question_index]
    choices = rubric.choices_for(q)
    return choices[(question_index + salt) % len(choices)].id


def test_30_participants_each_answering_everything(store: Store, rubric) -> None:
    tokens = [store.create(new_assessment(rubric, name=f"Participant {i}")) for i in range(THREADS)]

    def answer_all(i: int) -> None:
        for n, q in enumerate(rubric.questions):
            store.save_answer(tokens[i], q.id, _choice(rubric, n, i), f"participant {i} on {q.id}")

    assert _run_at_once(answer_all) == []
    for i, token in enumerate(tokens):
        got = store.load(token).assessment
        assert got.company.name == f"Participant {i}"
        assert got.answers == {
            q.id: Answer(choice=_choice(rubric, n, i), evidence=f"participant {i} on {q.id}")
            for n, q in enumerate(rubric.questions)
        }


def test_30_writers_on_one_assessment_never_overwrite_each_others_answers(store: Store, rubric) -> None:
    token = store.create(new_assessment(rubric))
    questions = rubric.questions

    def answer_share(i: int) -> None:
        # Thread i owns questions i, i+30, ...; each is saved three times, the last one counts.
        for n in range(i, len(questions), THREADS):
            for round_ in range(3):
                store.save_answer(token, questions[n].id, _choice(rubric, n, round_), f"thread {i} round {round_}")
        store.save_position(token, rubric.principles[i % len(rubric.principles)].id)

    assert _run_at_once(answer_share) == []
    got = store.load(token)
    assert got.assessment.answers == {
        q.id: Answer(choice=_choice(rubric, n, 2), evidence=f"thread {n % THREADS} round 2")
        for n, q in enumerate(questions)
    }
    assert got.position in {p.id for p in rubric.principles}


def test_30_writers_on_the_same_question_leave_one_whole_answer(store: Store, rubric) -> None:
    token = store.create(new_assessment(rubric))
    q = rubric.questions[0]
    written = {(_choice(rubric, 0, i), f"note from writer {i}") for i in range(THREADS)}

    def overwrite(i: int) -> None:
        store.save_answer(token, q.id, _choice(rubric, 0, i), f"note from writer {i}")

    assert _run_at_once(overwrite) == []
    answers = store.load(token).assessment.answers
    assert list(answers) == [q.id]
    assert (answers[q.id].choice, answers[q.id].evidence) in written  # one write, never a mix of two

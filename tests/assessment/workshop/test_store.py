"""Workshops in the database (SQLite and PostgreSQL): create, join, facilitator key, progress, atomicity."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import threading

import pytest
from sqlalchemy import func, select

from assessment.errors import InputError
from assessment.scoring import score, skipped_questions
from assessment.storage.store import ASSESSMENTS, NotFound, Store
from assessment.workshop import attempts
from assessment.workshop import store as ws_module
from assessment.workshop.auth import AccessDenied, TooManyAttempts, WrongKey
from assessment.workshop.cohort import aggregate_cohort
from assessment.workshop.store import Facilitator, WorkshopStore
from assessment.workshop.tables import COMPANIES, KEY_ATTEMPTS, PARTICIPANTS, WORKSHOPS
from tests.conftest import best_choices

COMPANIES_3 = ["Acme Models", "Beta Labs", "Gamma AI"]


@pytest.fixture
def workshop(workshops, rubric):
    return workshops.create_workshop("Spring cohort", COMPANIES_3, rubric)


def all_text(store: Store) -> str:
    """Every value of every workshop row, as one string (to look for leaked secrets)."""
    with store.engine.connect() as conn:
        return " ".join(str(v) for t in (WORKSHOPS, COMPANIES, PARTICIPANTS) for row in conn.execute(select(t))
                        for v in row)


def test_create_gives_key_and_one_join_link_per_company_stored_only_as_hashes(workshops, workshop, store):
    assert [j.company for j in workshop.joins] == COMPANIES_3
    assert len({j.token for j in workshop.joins}) == 3
    assert len(workshop.key) >= 43
    stored = all_text(store)
    assert "Spring cohort" in stored and "Beta Labs" in stored
    assert workshop.key not in stored
    assert all(j.token not in stored for j in workshop.joins)
    assert "scrypt$" in stored


def test_workshop_ids_never_start_with_a_dash():
    """The ID is a command-line argument: "-abc..." would be taken for an option (1 in 64 before)."""
    ids = [ws_module.new_workshop_id() for _ in range(3000)]
    assert all(ws_module.WORKSHOP_ID_PATTERN.fullmatch(i) and not i.startswith("-") for i in ids)
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(
    ("name", "companies", "message"),
    [
        ("", ["A"], "workshop name: must not be empty"),
        ("W", [], "companies: list at least one company"),
        ("W", ["A", " a "], "'a' is listed twice"),
        ("W", ["A", "  "], "companies[1]: must not be empty"),
        ("W" * 201, ["A"], "the limit is 200"),
    ],
)
def test_create_rejects_bad_input(workshops, rubric, name, companies, message):
    with pytest.raises(InputError, match=re.escape(message)):
        workshops.create_workshop(name, companies, rubric)


def test_join_creates_a_private_assessment_for_the_participant(workshops, workshop, store, rubric):
    target = workshops.join_target(workshop.joins[1].token)
    assert (target.workshop, target.company) == ("Spring cohort", "Beta Labs")
    joined = workshops.join(workshop.joins[1].token, "  Ada   Lovelace ")
    assert joined.display_name == "Ada Lovelace" and joined.company == "Beta Labs"
    store.save_answer(joined.resume_token, "niche-objective", "written")
    loaded = store.load(joined.resume_token).assessment
    assert loaded.company.name == "Beta Labs" and loaded.company.assessor == "Ada Lovelace"
    assert {q: a.choice for q, a in loaded.answers.items()} == {"niche-objective": "written"}
    # A second participant's assessment is separate.
    other = workshops.join(workshop.joins[1].token, "Grace")
    assert store.load(other.resume_token).assessment.answers == {}


@pytest.mark.parametrize("token", ["", "x", "a" * 43, "a" * 500, None])
def test_bad_join_link_says_so(workshops, workshop, token):
    with pytest.raises(NotFound, match="join link is not valid"):
        workshops.join_target(token)
    with pytest.raises(NotFound, match="join link is not valid"):
        workshops.join(token, "Eve")


def test_join_needs_a_display_name(workshops, workshop):
    with pytest.raises(InputError, match="display name"):
        workshops.join(workshop.joins[0].token, "   ")
    with pytest.raises(InputError, match="limit is 60"):
        workshops.join(workshop.joins[0].token, "n" * 61)


def test_facilitator_key_opens_the_workshop(workshops, workshop, rubric):
    fac = workshops.authenticate(workshop.id, f" {workshop.key} ", guesser="test")
    assert fac.name == "Spring cohort" and fac.rubric == rubric.ref
    assert workshops.companies(fac) == COMPANIES_3


@pytest.mark.parametrize("workshop_id", ["", "nope", "a" * 12, "../../etc", "x" * 100])
def test_unknown_workshop(workshops, workshop, workshop_id):
    with pytest.raises(NotFound, match="No workshop has this ID"):
        workshops.authenticate(workshop_id, workshop.key, guesser="test")


def test_key_of_another_workshop_is_wrong(workshops, workshop, rubric):
    other = workshops.create_workshop("Other", ["X"], rubric)
    with pytest.raises(WrongKey):
        workshops.authenticate(workshop.id, other.key, guesser="test")


def test_wrong_keys_are_slowed_down_across_processes(workshops, workshop, db_url):
    t0 = dt.datetime.now(dt.UTC)
    for i in range(4):
        left = 4 - i
        with pytest.raises(WrongKey, match=f" {left} more {'try' if left == 1 else 'tries'} before"):
            workshops.authenticate(workshop.id, "guess", guesser="test", now=t0)
    with pytest.raises(WrongKey, match="must now wait"):
        workshops.authenticate(workshop.id, "guess", guesser="test", now=t0)
    # Another server process (its own engine) sees the same lock for wrong keys.
    elsewhere = WorkshopStore(Store(db_url))
    with pytest.raises(TooManyAttempts, match="Try again in 2 seconds") as err:
        elsewhere.authenticate(workshop.id, "guess during the wait", guesser="test", now=t0)
    assert err.value.retry_after == pytest.approx(2)
    later = t0 + dt.timedelta(seconds=3)
    with pytest.raises(WrongKey):
        elsewhere.authenticate(workshop.id, "guess again", guesser="test", now=later)
    with pytest.raises(TooManyAttempts, match="Try again in 4 seconds"):
        workshops.authenticate(workshop.id, "and again", guesser="test", now=later)
    elsewhere.store.close()


def _lock_out(workshops, workshop, guesser: str, moment: dt.datetime) -> dt.datetime:
    """Wrong keys from `guesser`, each as soon as the wait allows, until the wait is long; the last try's time."""
    for n in range(1, 13):
        with pytest.raises(WrongKey):
            workshops.authenticate(workshop.id, "guess", guesser=guesser, now=moment)
        if n < 12:
            moment += dt.timedelta(seconds=workshops.throttle.delay_after(n) + 0.01)
    return moment


def test_another_guessers_right_key_works_at_once_during_a_lock_out(workshops, workshop, db_url):
    """Knowing the workshop ID is not enough to lock the facilitator out: their browser is another guesser."""
    moment = _lock_out(workshops, workshop, "address 203.0.113.7", dt.datetime.now(dt.UTC))
    with pytest.raises(TooManyAttempts, match="Try again in 60 seconds"):
        workshops.authenticate(workshop.id, "guess", guesser="address 203.0.113.7", now=moment)
    # The right key, at once, from another client and another server process.
    elsewhere = WorkshopStore(Store(db_url))
    fac = elsewhere.authenticate(workshop.id, workshop.key, guesser="address 198.51.100.2", now=moment)
    assert fac.workshop_id == workshop.id
    # ... which does not lift the guesser's lock-out.
    with pytest.raises(TooManyAttempts):
        workshops.authenticate(workshop.id, "guess", guesser="address 203.0.113.7", now=moment)
    elsewhere.store.close()


def test_a_locked_guessers_right_key_waits_and_is_not_even_checked(workshops, workshop, monkeypatch):
    """During the wait no key is hashed (not even the right one), so guessing cannot go faster than the throttle."""
    t0 = dt.datetime.now(dt.UTC)
    for _ in range(5):
        with pytest.raises(WrongKey):
            workshops.authenticate(workshop.id, "guess", guesser="test", now=t0)
    checked: list[str] = []
    real_verify = ws_module.verify_key
    monkeypatch.setattr(ws_module, "verify_key", lambda key, encoded: checked.append(key) or real_verify(key, encoded))
    for key in (workshop.key, "guess", workshop.key):
        with pytest.raises(TooManyAttempts, match="Try again in 2 seconds"):
            workshops.authenticate(workshop.id, key, guesser="test", now=t0 + dt.timedelta(seconds=0.5))
    assert checked == []
    # Not counted either: after the 2 s wait, the next wrong key waits 4 s (not more).
    with pytest.raises(WrongKey):
        workshops.authenticate(workshop.id, "guess", guesser="test", now=t0 + dt.timedelta(seconds=2.01))
    assert checked == ["guess"]
    with pytest.raises(TooManyAttempts, match="Try again in 4 seconds"):
        workshops.authenticate(workshop.id, workshop.key, guesser="test", now=t0 + dt.timedelta(seconds=2.01))


def test_the_wait_doubles_up_to_a_minute(workshops, workshop):
    moment = dt.datetime.now(dt.UTC)
    for _ in range(4):
        with pytest.raises(WrongKey):
            workshops.authenticate(workshop.id, "guess", guesser="test", now=moment)
    waits = []
    for _ in range(7):
        with pytest.raises(WrongKey):
            workshops.authenticate(workshop.id, "guess", guesser="test", now=moment)
        with pytest.raises(TooManyAttempts) as err:
            workshops.authenticate(workshop.id, "guess", guesser="test", now=moment)
        waits.append(err.value.retry_after)
        moment += dt.timedelta(seconds=err.value.retry_after + 0.01)
    assert waits == pytest.approx([2, 4, 8, 16, 32, 60, 60])


def test_the_right_key_after_the_wait_clears_the_counter(workshops, workshop, store):
    moment = _lock_out(workshops, workshop, "test", dt.datetime.now(dt.UTC))
    moment += dt.timedelta(seconds=workshops.throttle.max_delay + 0.01)
    assert workshops.authenticate(workshop.id, workshop.key, guesser="test", now=moment).workshop_id == workshop.id
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(KEY_ATTEMPTS)
                            .where(KEY_ATTEMPTS.c.workshop_id == workshop.id)).scalar() == 0
    with pytest.raises(WrongKey, match="4 more tries"):
        workshops.authenticate(workshop.id, "guess", guesser="test", now=moment)


def test_guessers_are_stored_only_as_hashes(workshops, workshop, store):
    address = "address 203.0.113.7"
    with pytest.raises(WrongKey):
        workshops.authenticate(workshop.id, "guess", guesser=address)
    with store.engine.connect() as conn:
        rows = conn.execute(select(KEY_ATTEMPTS).where(KEY_ATTEMPTS.c.workshop_id == workshop.id)).all()
        text = " ".join(str(v) for t in (WORKSHOPS, KEY_ATTEMPTS)
                        for row in conn.execute(select(t).where(t.c[t.primary_key.columns.keys()[0]] == workshop.id))
                        for v in row)
    assert [r.guesser_hash for r in rows] == [hashlib.sha256(f"{workshop.id}\n{address}".encode()).hexdigest()]
    assert "203.0.113.7" not in text and "guess" not in text


def test_simultaneous_wrong_keys_of_one_guesser_cannot_pass_the_counter(workshops, workshop, db_url):
    """Twelve tries at once: five are checked (the fifth starts the wait), the other seven are refused unchecked."""
    t0 = dt.datetime.now(dt.UTC)
    outcomes: list[str] = []

    def guess() -> None:
        store = Store(db_url)
        try:
            WorkshopStore(store).authenticate(workshop.id, "guess", guesser="burst", now=t0)
        except AccessDenied as err:
            outcomes.append(type(err).__name__)
        finally:
            store.close()

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["TooManyAttempts"] * 7 + ["WrongKey"] * 5


def test_the_attempts_table_stays_small(workshops, workshop, store, monkeypatch):
    monkeypatch.setattr(attempts, "MAX_GUESSERS", 3)
    t0 = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    with pytest.raises(WrongKey):
        workshops.authenticate(workshop.id, "guess", guesser="long ago", now=t0)
    for i in range(5):
        with pytest.raises(WrongKey):
            workshops.authenticate(workshop.id, "guess", guesser=f"client {i}",
                                   now=t0 + dt.timedelta(days=2, seconds=i))
    with store.engine.connect() as conn:
        kept = set(conn.execute(select(KEY_ATTEMPTS.c.guesser_hash)
                                .where(KEY_ATTEMPTS.c.workshop_id == workshop.id)).scalars())
    # A day-old row is gone, and of five clients only the three most recent are kept.
    assert kept == {attempts.guesser_hash(workshop.id, f"client {i}") for i in (2, 3, 4)}


def test_throttle_is_per_workshop(workshops, workshop, rubric):
    other = workshops.create_workshop("Other", ["X"], rubric)
    t0 = dt.datetime.now(dt.UTC)
    for _ in range(6):
        with pytest.raises(AccessDenied):
            workshops.authenticate(workshop.id, "guess", guesser="test", now=t0)
    assert workshops.authenticate(other.id, other.key, guesser="test", now=t0).name == "Other"


def test_facilitator_data_needs_an_issued_facilitator(workshops, workshop, rubric):
    forged = Facilitator(workshop.id, "Spring cohort", rubric.ref)
    for read in (workshops.progress, workshops.cohort_answers, workshops.companies, workshops.reissue_join_links,
                 workshops.delete_workshop):
        with pytest.raises(AccessDenied, match="not been checked"):
            read(forged)


def test_progress_and_cohort_answers(workshops, workshop, store, rubric):
    a = workshops.join(workshop.joins[0].token, "Ann")
    b = workshops.join(workshop.joins[0].token, "Bob")
    c = workshops.join(workshop.joins[2].token, "Cy")
    for qid in ("niche-objective", "niche-customer"):
        store.save_answer(a.resume_token, qid, "no")
    store.save_answer(b.resume_token, "niche-objective", "written")
    store.save_answer(c.resume_token, "niche-objective", "dont-know")
    fac = workshops.authenticate(workshop.id, workshop.key, guesser="test")
    progress = [(p.company, p.name, p.answered, p.total) for p in workshops.progress(fac)]
    total = len(rubric.questions)
    # Without a niche the niche follow-ups and the in-domain data question are not asked (nor, for any real niche
    # answer but "platform", the platform-only data question); a "don't know" hides nothing.
    no_niche = score(rubric, {"niche-objective": "no"}).total
    assert no_niche == total - 5
    # Ann's niche-customer answer does not count: with no niche, that question is not asked of her.
    assert progress == [("Acme Models", "Ann", 1, no_niche), ("Acme Models", "Bob", 1, total - 1),
                        ("Gamma AI", "Cy", 1, total)]
    cohort = workshops.cohort_answers(fac)
    assert [c.name for c in cohort] == COMPANIES_3
    assert [(p.name, dict(p.choices)) for p in cohort[0].participants] == [
        ("Ann", {"niche-objective": "no", "niche-customer": "no"}), ("Bob", {"niche-objective": "written"})]
    assert cohort[1].participants == []
    agg = aggregate_cohort(rubric, cohort)
    # Two answers, lower median: "no".
    assert agg.companies[0].choices["niche-objective"] == "no"
    assert agg.companies[0].disagreements[0].question == "niche-objective"


def test_progress_counts_only_questions_that_apply(workshops, workshop, store, rubric):
    """No released weights: done without the model-card questions, like the participant's own sidebar."""
    done = workshops.join(workshop.joins[0].token, "Dee")
    stale = workshops.join(workshop.joins[0].token, "Eve")
    answers = {**best_choices(rubric), "weights-released": "no"}
    not_asked = skipped_questions(rubric, answers)
    assert {"weights-hub", "weights-cadence"} <= not_asked
    for qid, choice in answers.items():
        if qid not in not_asked:
            store.save_answer(done.resume_token, qid, choice)
    # Eve first said weights are open and described the model card, then changed to "no".
    store.save_answer(stale.resume_token, "weights-released", "open")
    store.save_answer(stale.resume_token, "weights-hub", "complete")
    store.save_answer(stale.resume_token, "weights-released", "no")
    fac = workshops.authenticate(workshop.id, workshop.key, guesser="test")
    by_name = {p.name: p for p in workshops.progress(fac)}
    assert (by_name["Dee"].answered, by_name["Dee"].total) == (len(rubric.questions) - len(not_asked),) * 2
    assert by_name["Dee"].share == 1.0
    asked_of_eve = len(rubric.questions) - len(skipped_questions(rubric, {"weights-released": "no"}))
    assert (by_name["Eve"].answered, by_name["Eve"].total) == (1, asked_of_eve)


def test_reissued_links_replace_the_old_ones(workshops, workshop):
    joined = workshops.join(workshop.joins[0].token, "Ann")
    fac = workshops.authenticate(workshop.id, workshop.key, guesser="test")
    links = workshops.reissue_join_links(fac)
    with pytest.raises(NotFound):
        workshops.join_target(workshop.joins[0].token)
    assert workshops.join_target(links[0].token).company == "Acme Models"
    assert [p.name for p in workshops.progress(fac)] == ["Ann"]
    assert workshops.store.exists(joined.resume_token)


def test_delete_workshop_removes_participants_assessments(workshops, workshop, store):
    joined = workshops.join(workshop.joins[0].token, "Ann")
    store.save_answer(joined.resume_token, "niche-objective", "no")
    fac = workshops.authenticate(workshop.id, workshop.key, guesser="test")
    workshops.delete_workshop(fac)
    assert not store.exists(joined.resume_token)
    with pytest.raises(NotFound):
        workshops.authenticate(workshop.id, workshop.key, guesser="test")


def count(store: Store, table) -> int:
    store.ping()  # the schema is migrated on first use
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_interrupted_create_leaves_nothing(workshops, rubric, store, monkeypatch):
    before = count(store, WORKSHOPS), count(store, COMPANIES)
    # Every company gets the same digest: the second insert fails inside the transaction.
    monkeypatch.setattr(ws_module, "token_digest", lambda token: "0" * 64)
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
        workshops.create_workshop("Broken", ["A", "B"], rubric)
    assert (count(store, WORKSHOPS), count(store, COMPANIES)) == before


def test_interrupted_join_leaves_no_orphan_assessment(workshops, workshop, store, monkeypatch):
    before = count(store, ASSESSMENTS), count(store, PARTICIPANTS)
    real = WorkshopStore._company_for_join
    calls = []

    def fail_second(self, conn, token):
        calls.append(token)
        if len(calls) == 2:
            raise RuntimeError("connection lost mid-way")
        return real(self, conn, token)

    monkeypatch.setattr(WorkshopStore, "_company_for_join", fail_second)
    with pytest.raises(RuntimeError):
        workshops.join(workshop.joins[0].token, "Ann")
    assert (count(store, ASSESSMENTS), count(store, PARTICIPANTS)) == before


def test_thirty_participants_saving_at_once_lose_nothing(workshops, workshop, db_url, rubric):
    """30 people (each with their own connection pool, like separate server processes) join and answer at once."""
    people = 30
    barrier = threading.Barrier(people)
    expected: dict[str, dict[str, str]] = {}
    errors: list[BaseException] = []

    def participant(i: int) -> None:
        own = Store(db_url)
        try:
            rnd = random.Random(i)
            company = workshop.joins[i % 3]
            barrier.wait(timeout=60)
            joined = WorkshopStore(own).join(company.token, f"person-{i:02d}")
            answers = {q.id: rnd.choice(rubric.choices_for(q)).id for q in rubric.questions}
            for qid, choice in answers.items():
                own.save_answer(joined.resume_token, qid, choice)
            expected[f"person-{i:02d}"] = answers
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=participant, args=(i,)) for i in range(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors[:3]
    fac = workshops.authenticate(workshop.id, workshop.key, guesser="test")
    got = {p.name: dict(p.choices) for c in workshops.cohort_answers(fac) for p in c.participants}
    assert len(got) == people
    assert got == expected
    progress = workshops.progress(fac)
    assert len(progress) == people
    for p in progress:  # everyone answered every question; only those that apply to them count
        assert p.answered == p.total == len(rubric.questions) - len(skipped_questions(rubric, expected[p.name]))


# -- facilitator sign-in sessions, display names, the dashboard's fingerprint (issue 12) ---------------


def test_a_sign_in_session_opens_the_workshop_until_it_ends(workshops, workshop, store):
    fac = workshops.authenticate(workshop.id, workshop.key, guesser="test")
    token = workshops.open_session(fac)
    assert token != workshop.key and len(token) >= 43
    assert workshops.resume_session(token).workshop_id == workshop.id
    assert token not in all_text(store)  # only its digest is stored
    workshops.end_session(token)
    with pytest.raises(AccessDenied, match="sign-in has ended"):
        workshops.resume_session(token)
    for bad in ("", "x" * 500, "not-a-token", workshop.key):
        with pytest.raises(AccessDenied):
            workshops.resume_session(bad)


def test_a_sign_in_session_expires(workshops, workshop):
    fac = workshops.authenticate(workshop.id, workshop.key, guesser="test")
    t0 = dt.datetime.now(dt.UTC)
    token = workshops.open_session(fac, lifetime=dt.timedelta(hours=1), now=t0)
    assert workshops.resume_session(token, now=t0 + dt.timedelta(minutes=59)).workshop_id == workshop.id
    with pytest.raises(AccessDenied):
        workshops.resume_session(token, now=t0 + dt.timedelta(minutes=61))


def test_a_session_of_another_process_is_shared(workshops, workshop, db_url):
    token = workshops.open_session(workshops.authenticate(workshop.id, workshop.key, guesser="test"))
    other = WorkshopStore(Store(db_url))
    assert other.resume_session(token).workshop_id == workshop.id
    other.end_session(token)  # signed out in one process: refused in every other
    with pytest.raises(AccessDenied):
        workshops.resume_session(token)
    other.store.close()


def test_a_display_name_is_taken_once_per_company(workshops, workshop):
    workshops.join(workshop.joins[0].token, "Ada (CTO)")
    for same in ("Ada (CTO)", "ada  (cto)", " ADA (CTO) "):
        with pytest.raises(InputError, match=rf'^Someone in {workshop.joins[0].company} already uses the name "'):
            workshops.join(workshop.joins[0].token, same)
    workshops.join(workshop.joins[1].token, "Ada (CTO)")  # another company may have its own Ada
    fac = workshops.authenticate(workshop.id, workshop.key, guesser="test")
    assert [p.name for p in workshops.progress(fac)] == ["Ada (CTO)", "Ada (CTO)"]
    assert [p.company for p in workshops.progress(fac)] == [workshop.joins[0].company, workshop.joins[1].company]


def test_the_fingerprint_changes_with_every_answer_and_join(workshops, workshop, store, rubric):
    fac = workshops.authenticate(workshop.id, workshop.key, guesser="test")
    first = workshops.changes(fac)
    joined = workshops.join(workshop.joins[0].token, "Ann")
    second = workshops.changes(fac)
    store.save_answer(joined.resume_token, "niche-objective", "written")
    third = workshops.changes(fac)
    store.save_answer(joined.resume_token, "niche-objective", "no")
    fourth = workshops.changes(fac)
    assert len({first, second, third, fourth}) == 4
    assert workshops.changes(fac) == fourth  # nothing changed: the same

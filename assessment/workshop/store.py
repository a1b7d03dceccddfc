"""Workshops in the database: create one, join it, check the facilitator key, read the cohort.

Built on `assessment.storage.store.Store` (same database, same transactions and error handling). Every
participant answers in an ordinary stored assessment, autosaved like any other. Facilitator data
(`progress`, `cohort_answers`, ...) is only reachable with a `Facilitator`, which only
`authenticate` issues after checking the key: the UI and the CLI cannot read workshop data without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import AbstractContextManager

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from assessment.answers import new_assessment
from assessment.errors import InputError
from assessment.rubric import Rubric, RubricRef
from assessment.scoring import score
from assessment.storage.db import utcnow
from assessment.storage.store import ANSWERS, ASSESSMENTS, NotFound, Store, token_hash
from assessment.workshop import attempts
from assessment.workshop.auth import (
    THROTTLE,
    AccessDenied,
    Throttle,
    WrongKey,
    digests_match,
    hash_key,
    new_secret,
    normalise,
    token_digest,
    verify_key,
)
from assessment.workshop.cohort import CompanyAnswers, ParticipantAnswers
from assessment.workshop.models import (
    _SEAL,
    JOIN_PAGE,
    JOIN_PARAM,
    Facilitator,
    Joined,
    JoinLink,
    JoinTarget,
    NewWorkshop,
    ParticipantProgress,
    join_url,
)
from assessment.workshop.names import (  # noqa: F401 - WORKSHOP_ID_PATTERN, new_workshop_id: re-exported
    UNKNOWN_WORKSHOP,
    WORKSHOP_ID_PATTERN,
    _clean_name,
    _name_taken,
    _workshop_id,
    new_workshop_id,
)
from assessment.workshop.tables import COMPANIES, DISPLAY_NAME_LENGTH, NAME_LENGTH, PARTICIPANTS, SESSIONS, WORKSHOPS

MAX_COMPANIES = 100
UNKNOWN_JOIN = "This join link is not valid. Ask the facilitator for your company's link."
SESSION_LIFETIME = dt.timedelta(hours=12)  # a workshop day; signing out ends it sooner
SESSION_ENDED = "Your dashboard sign-in has ended. Enter the workshop ID and the facilitator key again."

__all__ = ["JOIN_PAGE", "JOIN_PARAM", "AccessDenied", "Facilitator", "JoinLink", "JoinTarget", "Joined", "NewWorkshop",
           "ParticipantProgress", "WorkshopStore", "join_url"]


class WorkshopStore:
    """Workshop operations on top of a `Store` (one transaction per call)."""

    def __init__(self, store: Store, *, throttle: Throttle = THROTTLE) -> None:
        self.store = store
        self.throttle = throttle

    def _tx(self, *, read_only: bool = False) -> AbstractContextManager[Connection]:
        # The store's own transactions: same database, same migration and error handling.
        return self.store.transaction(read_only=read_only)

    # -- facilitator: create and authenticate ---------------------------------------------------

    def create_workshop(self, name: str, companies: Sequence[str], rubric: Rubric) -> NewWorkshop:
        """A new workshop with one join link per company. The key and tokens are only in the result."""
        name = _clean_name(name, "workshop name", NAME_LENGTH)
        cleaned = [_clean_name(c, f"companies[{i}]", NAME_LENGTH) for i, c in enumerate(companies)]
        if not cleaned:
            raise InputError("companies", "list at least one company")
        if len(cleaned) > MAX_COMPANIES:
            raise InputError("companies", f"{len(cleaned)} companies; the limit is {MAX_COMPANIES}")
        seen: set[str] = set()
        for c in cleaned:
            if c.casefold() in seen:
                raise InputError("companies", f"'{c}' is listed twice")
            seen.add(c.casefold())
        self.store.rubric_for(rubric.ref)  # the workshop's rubric must be one this tool can score
        key = new_secret()
        workshop_id = new_workshop_id()
        joins = tuple(JoinLink(company=c, token=new_secret()) for c in cleaned)
        with self._tx() as conn:  # all or nothing: a half-created workshop is never visible
            conn.execute(insert(WORKSHOPS).values(
                id=workshop_id, name=name, rubric_id=rubric.id, rubric_version=rubric.version,
                key_hash=hash_key(key), failed_attempts=0, locked_until=None, created_at=utcnow(),
            ))
            conn.execute(insert(COMPANIES), [
                {"workshop_id": workshop_id, "position": i, "name": j.company, "join_hash": token_digest(j.token)}
                for i, j in enumerate(joins)
            ])
        return NewWorkshop(id=workshop_id, name=name, key=key, joins=joins)

    def authenticate(self, workshop_id: str, key: str, *, guesser: str,
                     now: dt.datetime | None = None) -> Facilitator:
        """Check the facilitator key typed by `guesser`. NotFound, WrongKey or TooManyAttempts (one-line messages).

        `guesser` says who is typing (the app passes the client's address or browser session); it is
        stored only hashed. After a few wrong keys in a row from one guesser, that guesser waits a
        doubling delay (at most `Throttle.max_delay`) before its next try is even checked. Other
        guessers are not held back, so the right key from the facilitator's own browser always opens,
        and the right key clears the guesser's counter. See `assessment.workshop.attempts`.

        The try is counted in one short write transaction, the key is hashed (scrypt, tens of
        milliseconds) outside any transaction, and a right key then takes the count back: on SQLite a
        write transaction holds the database's only write lock, and every other save would wait for it.
        """
        wid = _workshop_id(workshop_id)
        moment = now or utcnow()
        with self._tx() as conn:
            row = attempts.lock_workshop(conn, wid)
            if row is None:
                raise NotFound(UNKNOWN_WORKSHOP)
            failures = attempts.count_try(conn, wid, guesser, moment, self.throttle)
        if not verify_key(key, row.key_hash):
            raise WrongKey(self.throttle.attempts_left(failures))
        with self._tx() as conn:
            attempts.clear(conn, wid, guesser)
        return Facilitator(row.id, row.name, RubricRef(id=row.rubric_id, version=row.rubric_version), _SEAL)

    # -- facilitator sign-in sessions -----------------------------------------------------------

    def open_session(self, facilitator: Facilitator, *, lifetime: dt.timedelta = SESSION_LIFETIME,
                     now: dt.datetime | None = None) -> str:
        """A new sign-in session for a browser: a random token (only its SHA-256 is stored), valid for `lifetime`."""
        wid = self._check(facilitator)
        token = new_secret()
        moment = now or utcnow()
        with self._tx() as conn:
            conn.execute(delete(SESSIONS).where(SESSIONS.c.expires_at <= moment))  # tidy up ended ones
            conn.execute(insert(SESSIONS).values(workshop_id=wid, token_hash=token_digest(token), created_at=moment,
                                                 expires_at=moment + lifetime))
        return token

    def resume_session(self, token: str, *, now: dt.datetime | None = None) -> Facilitator:
        """The facilitator a session token was issued to; AccessDenied when it is unknown, ended or expired."""
        typed = normalise(token)
        if typed is None:
            raise AccessDenied(SESSION_ENDED)
        digest = token_digest(typed)
        with self._tx(read_only=True) as conn:
            row = conn.execute(
                select(SESSIONS.c.token_hash, SESSIONS.c.expires_at, WORKSHOPS.c.id, WORKSHOPS.c.name,
                       WORKSHOPS.c.rubric_id, WORKSHOPS.c.rubric_version)
                .join(WORKSHOPS, WORKSHOPS.c.id == SESSIONS.c.workshop_id)
                .where(SESSIONS.c.token_hash == digest)
            ).first()
        if row is None or not digests_match(typed, row.token_hash) or row.expires_at <= (now or utcnow()):
            raise AccessDenied(SESSION_ENDED)
        return Facilitator(row.id, row.name, RubricRef(id=row.rubric_id, version=row.rubric_version), _SEAL)

    def end_session(self, token: str) -> None:
        """Sign out: the session token opens nothing from now on (in every server process)."""
        typed = normalise(token)
        if typed is None:
            return
        with self._tx() as conn:
            conn.execute(delete(SESSIONS).where(SESSIONS.c.token_hash == token_digest(typed)))

    def changes(self, facilitator: Facilitator) -> tuple[int, int, str, str]:
        """A cheap fingerprint of the workshop's data: participants, answers, last answer, last save.

        One small query. The dashboard refreshes itself on a timer and recomputes only when this changes.
        """
        wid = self._check(facilitator)
        with self._tx(read_only=True) as conn:
            row = conn.execute(
                select(func.count(func.distinct(PARTICIPANTS.c.id)), func.count(ANSWERS.c.question_id),
                       func.max(ANSWERS.c.updated_at), func.max(ASSESSMENTS.c.updated_at))
                .select_from(COMPANIES)
                .join(PARTICIPANTS, PARTICIPANTS.c.company_id == COMPANIES.c.id)
                .join(ASSESSMENTS, ASSESSMENTS.c.id == PARTICIPANTS.c.assessment_id)
                .outerjoin(ANSWERS, ANSWERS.c.assessment_id == PARTICIPANTS.c.assessment_id)
                .where(COMPANIES.c.workshop_id == wid)
            ).one()
        return int(row[0] or 0), int(row[1] or 0), str(row[2] or ""), str(row[3] or "")

    @staticmethod
    def _check(facilitator: Facilitator) -> str:
        if not isinstance(facilitator, Facilitator) or facilitator._seal is not _SEAL:
            raise AccessDenied("The facilitator key has not been checked.")
        return facilitator.workshop_id

    # -- participants ---------------------------------------------------------------------------

    def _company_for_join(self, conn: Connection, token: str) -> tuple[int, str, str, RubricRef]:
        typed = normalise(token)
        if typed is None:
            raise NotFound(UNKNOWN_JOIN)
        digest = token_digest(typed)
        row = conn.execute(
            select(COMPANIES.c.id, COMPANIES.c.name, COMPANIES.c.join_hash, WORKSHOPS.c.name.label("workshop"),
                   WORKSHOPS.c.rubric_id, WORKSHOPS.c.rubric_version)
            .join(WORKSHOPS, WORKSHOPS.c.id == COMPANIES.c.workshop_id)
            .where(COMPANIES.c.join_hash == digest)
        ).first()
        if row is None or not digests_match(typed, row.join_hash):
            raise NotFound(UNKNOWN_JOIN)
        return row.id, row.name, row.workshop, RubricRef(id=row.rubric_id, version=row.rubric_version)

    def join_target(self, token: str) -> JoinTarget:
        """Which workshop and company a join link is for (NotFound for a bad link)."""
        with self._tx(read_only=True) as conn:
            _, company, workshop, ref = self._company_for_join(conn, token)
        return JoinTarget(workshop=workshop, company=company, rubric=ref)

    def join(self, token: str, display_name: str) -> Joined:
        """Add a participant to the link's company, with a fresh assessment of their own.

        Display names are unique within a company (case and spacing aside), so the facilitator can tell
        the rows apart: a name already taken is refused with an InputError saying so.
        """
        name = _clean_name(display_name, "display name", DISPLAY_NAME_LENGTH)
        key = name.casefold()
        target = self.join_target(token)
        taken = _name_taken(target.company, name)
        with self._tx(read_only=True) as conn:
            company_id, *_ = self._company_for_join(conn, token)
            if conn.execute(select(PARTICIPANTS.c.id).where(PARTICIPANTS.c.company_id == company_id,
                                                            PARTICIPANTS.c.name_key == key)).first():
                raise taken
        rubric = self.store.rubric_for(target.rubric)
        resume = self.store.create(new_assessment(rubric, name=target.company, assessor=name))
        try:
            with self._tx() as conn:
                company_id, *_ = self._company_for_join(conn, token)
                assessment_id = conn.execute(
                    select(ASSESSMENTS.c.id).where(ASSESSMENTS.c.token_hash == token_hash(resume))
                ).scalar_one()
                conn.execute(insert(PARTICIPANTS).values(
                    company_id=company_id, assessment_id=assessment_id, display_name=name, name_key=key,
                    joined_at=utcnow()))
        except BaseException as error:
            # The assessment is only reachable through the participant row: do not leave it behind.
            self.store.delete(resume)
            if isinstance(error, IntegrityError):
                raise taken from None  # someone took the name a moment earlier
            raise
        return Joined(workshop=target.workshop, company=target.company, display_name=name, resume_token=resume)

    def participant(self, resume_token: str) -> Joined | None:
        """Who answers in the assessment behind this resume link, if a workshop participant does (else None)."""
        with self._tx(read_only=True) as conn:
            row = conn.execute(
                select(WORKSHOPS.c.name, COMPANIES.c.name.label("company"), PARTICIPANTS.c.display_name)
                .select_from(ASSESSMENTS)
                .join(PARTICIPANTS, PARTICIPANTS.c.assessment_id == ASSESSMENTS.c.id)
                .join(COMPANIES, COMPANIES.c.id == PARTICIPANTS.c.company_id)
                .join(WORKSHOPS, WORKSHOPS.c.id == COMPANIES.c.workshop_id)
                .where(ASSESSMENTS.c.token_hash == token_hash(resume_token))
            ).first()
        return None if row is None else Joined(row.name, row.company, row.display_name, resume_token)

    # -- facilitator data -----------------------------------------------------------------------

    def companies(self, facilitator: Facilitator) -> list[str]:
        wid = self._check(facilitator)
        with self._tx(read_only=True) as conn:
            return list(conn.execute(
                select(COMPANIES.c.name).where(COMPANIES.c.workshop_id == wid).order_by(COMPANIES.c.position)
            ).scalars())

    def progress(self, facilitator: Facilitator) -> list[ParticipantProgress]:
        """Every participant, in company order then by joining: answers saved and when.

        Counted by the scoring engine, like the participant's own sidebar: only questions that apply
        to their answers count (someone without released weights is done without the model-card
        questions), and an old answer to a question that no longer applies is not counted.
        """
        wid = self._check(facilitator)
        rubric = self.store.rubric_for(facilitator.rubric)
        with self._tx(read_only=True) as conn:
            rows = conn.execute(
                select(PARTICIPANTS.c.id.label("participant_id"), COMPANIES.c.name.label("company"),
                       PARTICIPANTS.c.display_name, ASSESSMENTS.c.updated_at, ANSWERS.c.question_id,
                       ANSWERS.c.choice)
                .select_from(COMPANIES)
                .join(PARTICIPANTS, PARTICIPANTS.c.company_id == COMPANIES.c.id)
                .join(ASSESSMENTS, ASSESSMENTS.c.id == PARTICIPANTS.c.assessment_id)
                .outerjoin(ANSWERS, ANSWERS.c.assessment_id == PARTICIPANTS.c.assessment_id)
                .where(COMPANIES.c.workshop_id == wid)
                .order_by(COMPANIES.c.position, PARTICIPANTS.c.id)
            ).all()
        people: dict[int, tuple[str, str, dt.datetime, dict[str, str]]] = {}
        for r in rows:
            _, _, _, choices = people.setdefault(r.participant_id, (r.company, r.display_name, r.updated_at, {}))
            if r.question_id is not None and r.choice is not None:
                choices[r.question_id] = r.choice
        out = []
        for company, name, updated_at, choices in people.values():
            result = score(rubric, choices)
            out.append(ParticipantProgress(company, name, result.answered, result.total, updated_at))
        return out

    def cohort_answers(self, facilitator: Facilitator) -> list[CompanyAnswers]:
        """Each company (in the order given at creation) with each participant's answers."""
        wid = self._check(facilitator)
        with self._tx(read_only=True) as conn:
            rows = conn.execute(
                select(COMPANIES.c.id.label("company_id"), COMPANIES.c.name.label("company"),
                       PARTICIPANTS.c.id.label("participant_id"), PARTICIPANTS.c.display_name,
                       ANSWERS.c.question_id, ANSWERS.c.choice)
                .select_from(COMPANIES)
                .outerjoin(PARTICIPANTS, PARTICIPANTS.c.company_id == COMPANIES.c.id)
                .outerjoin(ANSWERS, ANSWERS.c.assessment_id == PARTICIPANTS.c.assessment_id)
                .where(COMPANIES.c.workshop_id == wid)
                .order_by(COMPANIES.c.position, PARTICIPANTS.c.id)
            ).all()
        companies: dict[int, tuple[str, dict[int, tuple[str, dict[str, str]]]]] = {}
        for r in rows:
            _, people = companies.setdefault(r.company_id, (r.company, {}))
            if r.participant_id is None:
                continue
            _, choices = people.setdefault(r.participant_id, (r.display_name, {}))
            if r.question_id is not None:
                choices[r.question_id] = r.choice
        return [
            CompanyAnswers(
                name=name, id=str(cid),
                participants=[ParticipantAnswers(name=n, choices=ch, id=str(pid)) for pid, (n, ch) in people.items()],
            )
            for cid, (name, people) in companies.items()
        ]

    def reissue_join_links(self, facilitator: Facilitator) -> tuple[JoinLink, ...]:
        """New join links for every company (the old ones stop working; joined people keep their answers)."""
        wid = self._check(facilitator)
        with self._tx() as conn:
            rows = conn.execute(
                select(COMPANIES.c.id, COMPANIES.c.name).where(COMPANIES.c.workshop_id == wid)
                .order_by(COMPANIES.c.position)
            ).all()
            links = []
            for r in rows:
                link = JoinLink(company=r.name, token=new_secret())
                conn.execute(update(COMPANIES).where(COMPANIES.c.id == r.id)
                             .values(join_hash=token_digest(link.token)))
                links.append(link)
        return tuple(links)

    def delete_workshop(self, facilitator: Facilitator) -> None:
        """Remove the workshop, its companies, participants and their assessments."""
        wid = self._check(facilitator)
        with self._tx() as conn:
            ids = select(PARTICIPANTS.c.assessment_id).join(COMPANIES, COMPANIES.c.id == PARTICIPANTS.c.company_id) \
                .where(COMPANIES.c.workshop_id == wid)
            assessment_ids = list(conn.execute(ids).scalars())
            if assessment_ids:
                conn.execute(delete(ANSWERS).where(ANSWERS.c.assessment_id.in_(assessment_ids)))
            company_ids = select(COMPANIES.c.id).where(COMPANIES.c.workshop_id == wid)
            conn.execute(delete(PARTICIPANTS).where(PARTICIPANTS.c.company_id.in_(company_ids)))
            if assessment_ids:
                conn.execute(delete(ASSESSMENTS).where(ASSESSMENTS.c.id.in_(assessment_ids)))
            conn.execute(delete(COMPANIES).where(COMPANIES.c.workshop_id == wid))
            conn.execute(delete(WORKSHOPS).where(WORKSHOPS.c.id == wid))

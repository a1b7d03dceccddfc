"""Workshops in the database: create one, join it, check the facilitator key, read the cohort.

Built on `assessment.store.Store` (same database, same transactions and error handling). Every
participant answers in an ordinary stored assessment, autosaved like any other. Facilitator data
(`progress`, `cohort_answers`, ...) is only reachable with a `Facilitator`, which only
`authenticate` issues after checking the key: the UI and the CLI cannot read workshop data without it.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from urllib.parse import urlencode

from sqlalchemy import Connection, delete, insert, select, update

from assessment.answers import new_assessment
from assessment.db import utcnow
from assessment.errors import InputError
from assessment.rubric import Rubric, RubricRef
from assessment.scoring import score
from assessment.store import ANSWERS, ASSESSMENTS, NotFound, Store, token_hash
from assessment.workshop import CompanyAnswers, ParticipantAnswers
from assessment.workshop_auth import (
    THROTTLE,
    AccessDenied,
    Throttle,
    TooManyAttempts,
    WrongKey,
    digests_match,
    hash_key,
    new_secret,
    normalise,
    token_digest,
    verify_key,
)
from assessment.workshop_db import COMPANIES, DISPLAY_NAME_LENGTH, NAME_LENGTH, PARTICIPANTS, WORKSHOPS

WORKSHOP_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,32}")
MAX_COMPANIES = 100
UNKNOWN_WORKSHOP = "No workshop has this ID. Check the ID you were given when the workshop was created."
UNKNOWN_JOIN = "This join link is not valid. Ask the facilitator for your company's link."
JOIN_PAGE = "workshop_join"  # the participant page's URL path (ui/pages/workshop_join.py)
JOIN_PARAM = "join"

__all__ = ["AccessDenied", "Facilitator", "WorkshopStore"]


@dataclass(frozen=True)
class JoinLink:
    company: str
    token: str  # secret: goes into the company's join link, stored only as a digest


@dataclass(frozen=True)
class NewWorkshop:
    """What the facilitator sees once, right after creating a workshop."""

    id: str
    name: str
    key: str  # secret, shown once; only its scrypt hash is stored
    joins: tuple[JoinLink, ...]


_SEAL = object()


@dataclass(frozen=True)
class Facilitator:
    """Proof that the facilitator key was checked for `workshop_id` (issued by `authenticate` only)."""

    workshop_id: str
    name: str
    rubric: RubricRef
    _seal: object = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class JoinTarget:
    """All a participant learns from a join link: the workshop's and their own company's names."""

    workshop: str
    company: str
    rubric: RubricRef


@dataclass(frozen=True)
class Joined:
    workshop: str
    company: str
    display_name: str
    resume_token: str  # the participant's private link to their own assessment


@dataclass(frozen=True)
class ParticipantProgress:
    company: str
    name: str
    answered: int  # questions answered that apply to this participant (incl. "don't know")
    total: int  # questions that apply given their answers (the engine's Result.total)
    last_saved: dt.datetime

    @property
    def share(self) -> float:
        return self.answered / self.total if self.total else 0.0


def join_url(base_url: str, token: str) -> str:
    """A company's join link: the app's address, the join page and the token."""
    return f"{base_url.rstrip('/')}/{JOIN_PAGE}?{urlencode({JOIN_PARAM: token})}"


def new_workshop_id() -> str:
    """A fresh 12-character workshop ID (72 random bits) that never starts with "-".

    The ID is typed on the command line (`assessment workshop export ID`), where a leading "-" would
    be read as an option.
    """
    while True:
        workshop_id = secrets.token_urlsafe(9)
        if not workshop_id.startswith("-"):
            return workshop_id


def _clean_name(value: object, what: str, limit: int) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise InputError(what, "must not be empty")
    if len(text) > limit:
        raise InputError(what, f"is {len(text)} characters long; the limit is {limit}")
    return text


def _workshop_id(value: object) -> str:
    if not isinstance(value, str) or not WORKSHOP_ID_PATTERN.fullmatch(value.strip()):
        raise NotFound(UNKNOWN_WORKSHOP)
    return value.strip()


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

    def authenticate(self, workshop_id: str, key: str, *, now: dt.datetime | None = None) -> Facilitator:
        """Check the facilitator key. NotFound, WrongKey or TooManyAttempts (all one-line messages).

        The key is checked first: the right key always opens the workshop at once and resets the
        failure counter, so someone who only knows the workshop ID cannot lock the facilitator out
        by typing wrong keys. Only wrong keys are counted and, after a few, refused with a wait
        (a wrong key during the wait is refused without being counted). The check and the counter
        update happen in one locked transaction, so parallel guesses from several server processes
        are counted and throttled together.
        """
        wid = _workshop_id(workshop_id)
        denied: AccessDenied | None = None
        with self._tx() as conn:
            row = conn.execute(select(WORKSHOPS).where(WORKSHOPS.c.id == wid).with_for_update()).first()
            if row is None:
                raise NotFound(UNKNOWN_WORKSHOP)
            if verify_key(key, row.key_hash):
                if row.failed_attempts or row.locked_until is not None:
                    conn.execute(update(WORKSHOPS).where(WORKSHOPS.c.id == wid)
                                 .values(failed_attempts=0, locked_until=None))
                return Facilitator(row.id, row.name, RubricRef(id=row.rubric_id, version=row.rubric_version), _SEAL)
            moment = now or utcnow()
            if row.locked_until is not None and row.locked_until > moment:
                denied = TooManyAttempts((row.locked_until - moment).total_seconds())
            else:
                failures = row.failed_attempts + 1
                delay = self.throttle.delay_after(failures)
                conn.execute(update(WORKSHOPS).where(WORKSHOPS.c.id == wid).values(
                    failed_attempts=failures,
                    locked_until=moment + dt.timedelta(seconds=delay) if delay else None,
                ))
                denied = WrongKey(self.throttle.attempts_left(failures))
        raise denied

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
        """Add a participant to the link's company, with a fresh assessment of their own."""
        name = _clean_name(display_name, "display name", DISPLAY_NAME_LENGTH)
        target = self.join_target(token)
        rubric = self.store.rubric_for(target.rubric)
        resume = self.store.create(new_assessment(rubric, name=target.company, assessor=name))
        try:
            with self._tx() as conn:
                company_id, *_ = self._company_for_join(conn, token)
                assessment_id = conn.execute(
                    select(ASSESSMENTS.c.id).where(ASSESSMENTS.c.token_hash == token_hash(resume))
                ).scalar_one()
                conn.execute(insert(PARTICIPANTS).values(
                    company_id=company_id, assessment_id=assessment_id, display_name=name, joined_at=utcnow()))
        except BaseException:
            # The assessment is only reachable through the participant row: do not leave it behind.
            self.store.delete(resume)
            raise
        return Joined(workshop=target.workshop, company=target.company, display_name=name, resume_token=resume)

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

"""Where assessments live between visits: a database reached through a private resume token.

SQLite in a local data folder by default, PostgreSQL when $ASSESSMENT_DATABASE_URL is set
(see `assessment.storage.db`). Each public method is one transaction: an interrupted save leaves the
assessment as it was. Bad data is rejected with `InputError` before anything is written.

The resume token is 256 random bits (`secrets.token_urlsafe(32)`); only its SHA-256 is stored,
so a copy of the database does not give access to anyone's assessment. Tokens are never logged.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, delete, exc, insert, select, text, update

from assessment.answers import FORMAT_VERSION, Answer, Assessment, check_against_rubric
from assessment.errors import InputError, describe_validation_error
from assessment.rubric import Rubric, RubricRef, available_rubrics, load_rubric
from assessment.storage.db import (
    SQLITE_BUSY_TIMEOUT,
    AnswerRow,
    AssessmentRow,
    answer_upsert,
    database_url,
    forget_migration,
    make_engine,
    migrate,
    prepare_sqlite_file,
    sqlite_path,
    utcnow,
)
from assessment.storage.errors import (  # noqa: F401 - also re-exported for callers of the store
    MAX_POSITION_LENGTH,
    NOT_FOUND_MESSAGE,
    READ_ONLY_MESSAGE,
    TOKEN_PATTERN,
    AlreadyExists,
    NotFound,
    StoreError,
    StoreUnavailable,
    new_token,
    token_hash,
)
from assessment.storage.parts import PartWrites
from assessment.upgrade import upgrade_data, upgrading_rubric

log = logging.getLogger(__name__)

ASSESSMENTS = AssessmentRow.__table__
ANSWERS = AnswerRow.__table__
@dataclass(frozen=True)
class StoredAssessment:
    assessment: Assessment
    position: str | None  # last principle id the person was on in the questionnaire
    updated_at: dt.datetime


def _reason(error: BaseException) -> str:
    """The driver's first line, without SQL or parameters (which could hold a token hash)."""
    orig = getattr(error, "orig", None) or error
    first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    return first if len(first) <= 160 else first[:157] + "..."


def _reject_nul(value: object, source: str, path: str = "") -> None:
    """PostgreSQL cannot store NUL characters; refuse them on every database alike, naming the field."""
    if isinstance(value, str):
        if "\x00" in value:
            raise InputError(source, f"{path or 'text'}: contains a NUL character, which cannot be stored")
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            _reject_nul(str(key), source, where)
            _reject_nul(item, source, where)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _reject_nul(item, source, f"{path}[{i}]")


class Store(PartWrites):
    """Assessments and answers in a database; see the module docstring (one part at a time: `PartWrites`)."""

    def __init__(self, url: str | None = None, *, rubric: Rubric | None = None,
                 busy_timeout: float = SQLITE_BUSY_TIMEOUT) -> None:
        self.url = url or database_url()
        self.engine: Engine = make_engine(self.url, busy_timeout=busy_timeout)
        self._rubrics: dict[tuple[str, str], Rubric] = {}
        # The SQLite folder is created once; if it disappears later (unmounted, moved), writes wait
        # for it to come back instead of starting an empty database in its place.
        self._folder = sqlite_path(self.url)
        if rubric is not None:
            self._rubrics[(rubric.id, rubric.version)] = rubric

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # -- public API ---------------------------------------------------------------------------

    def create(self, assessment: Assessment, *, token: str | None = None) -> str:
        """Store a new assessment; returns its private resume token (or stores it under `token`)."""
        doc = self._checked(assessment)
        token = token if token is not None else new_token()
        digest = token_hash(token)
        now = utcnow()
        try:
            with self.transaction() as conn:
                new_id = conn.execute(
                    insert(ASSESSMENTS).values(token_hash=digest, created_at=now, **self._document_values(doc, now))
                ).inserted_primary_key[0]
                self._insert_answers(conn, new_id, doc.answers, now)
        except exc.IntegrityError:
            raise AlreadyExists("An assessment with this resume link already exists.") from None
        return token

    def load(self, token: str) -> StoredAssessment:
        """Everything saved for `token`: answers, notes, company, plan and position."""
        digest = token_hash(token)
        with self.transaction(read_only=True) as conn:
            row = self._find(conn, digest)
            answers = conn.execute(
                select(ANSWERS.c.question_id, ANSWERS.c.choice, ANSWERS.c.evidence)
                .where(ANSWERS.c.assessment_id == row.id)
                .order_by(ANSWERS.c.question_id)
            ).all()
        data = {
            "format_version": FORMAT_VERSION,
            "rubric": {"id": row.rubric_id, "version": row.rubric_version},
            "company": row.company,
            "answers": {a.question_id: {"choice": a.choice, "evidence": a.evidence} for a in answers},
            "action_plan": row.action_plan or {},
            "workbench": row.workbench,
            "upgrades": row.upgrades or [],
        }
        newer = upgrading_rubric(row.rubric_id, row.rubric_version)
        if newer is not None:
            data = upgrade_data(data, newer)
        try:
            assessment = Assessment.model_validate(data)
        except ValidationError as error:  # written by another tool or an older version of this one
            problem = describe_validation_error("", error).message
            raise StoreError(f"The stored assessment cannot be read ({problem}).") from None
        if newer is not None:  # stored under the new version at once: later saves check against it
            self.save_assessment(token, assessment)
        return StoredAssessment(assessment=assessment, position=row.position, updated_at=row.updated_at)

    def save_answer(self, token: str, question_id: str, choice: str | None, evidence: str = "") -> None:
        """Save one answer (choice None removes it). Other answers are untouched."""
        digest = token_hash(token)
        with self.transaction() as conn:
            row = self._find(conn, digest)
            now = utcnow()
            if choice is None:
                self._checked_question(row, question_id)
                conn.execute(
                    delete(ANSWERS).where(ANSWERS.c.assessment_id == row.id, ANSWERS.c.question_id == question_id)
                )
            else:
                answer = self._checked_answer(row, question_id, choice, evidence)
                self._upsert_answer(conn, row.id, question_id, answer, now)
            conn.execute(update(ASSESSMENTS).where(ASSESSMENTS.c.id == row.id).values(updated_at=now))

    def save_choice(self, token: str, question_id: str, choice: str) -> None:
        """Save one answer's choice; its stored note stays (a note saved from another tab is kept)."""
        self._save_half(token, question_id, choice=choice)

    def save_note(self, token: str, question_id: str, evidence: str, choice_if_missing: str) -> None:
        """Save one answer's note; its stored choice stays (a choice made in another tab is kept). Where
        no answer is stored (removed elsewhere) the note is kept with `choice_if_missing`."""
        self._save_half(token, question_id, evidence=evidence, choice_if_missing=choice_if_missing)

    def _save_half(self, token: str, question_id: str, *, choice: str | None = None, evidence: str | None = None,
                   choice_if_missing: str = "") -> None:
        with self.transaction() as conn:
            row, now = self._find(conn, token_hash(token)), utcnow()
            stored = conn.execute(select(ANSWERS.c.choice, ANSWERS.c.evidence).where(
                ANSWERS.c.assessment_id == row.id, ANSWERS.c.question_id == question_id)).first()
            new_choice = choice if choice is not None else (stored.choice if stored else choice_if_missing)
            new_evidence = evidence if evidence is not None else (stored.evidence if stored else "")
            answer = self._checked_answer(row, question_id, new_choice, new_evidence)
            self._upsert_answer(conn, row.id, question_id, answer, now)
            conn.execute(update(ASSESSMENTS).where(ASSESSMENTS.c.id == row.id).values(updated_at=now))

    def save_assessment(self, token: str, assessment: Assessment) -> None:
        """Replace the whole stored document (answers, company, plan, workbench) in one transaction."""
        doc = self._checked(assessment)
        digest = token_hash(token)
        with self.transaction() as conn:
            row = self._find(conn, digest)
            now = utcnow()
            conn.execute(
                update(ASSESSMENTS).where(ASSESSMENTS.c.id == row.id).values(**self._document_values(doc, now))
            )
            conn.execute(delete(ANSWERS).where(ANSWERS.c.assessment_id == row.id))
            self._insert_answers(conn, row.id, doc.answers, now)

    def save_details(self, token: str, assessment: Assessment) -> None:
        """Replace company profile, action plan and workbench; answers stay (one part at a time: `PartWrites`)."""
        doc = self._checked(assessment)
        digest = token_hash(token)
        with self.transaction() as conn:
            row = self._find(conn, digest)
            conn.execute(
                update(ASSESSMENTS).where(ASSESSMENTS.c.id == row.id).values(**self._document_values(doc, utcnow()))
            )

    def save_position(self, token: str, position: str) -> None:
        """Remember where the person was in the questionnaire (a principle id)."""
        if not isinstance(position, str) or not 0 < len(position) <= MAX_POSITION_LENGTH:
            raise InputError("position", f"must be a text of 1 to {MAX_POSITION_LENGTH} characters")
        digest = token_hash(token)
        with self.transaction() as conn:
            row = self._find(conn, digest)
            conn.execute(
                update(ASSESSMENTS).where(ASSESSMENTS.c.id == row.id).values(position=position, updated_at=utcnow())
            )

    def delete(self, token: str) -> None:
        """Remove an assessment and its answers for good."""
        digest = token_hash(token)
        with self.transaction() as conn:
            row = self._find(conn, digest)
            conn.execute(delete(ANSWERS).where(ANSWERS.c.assessment_id == row.id))
            conn.execute(delete(ASSESSMENTS).where(ASSESSMENTS.c.id == row.id))

    def exists(self, token: str) -> bool:
        try:
            self.load(token)
        except NotFound:
            return False
        return True

    def ping(self) -> None:
        """Raise StoreUnavailable unless the database answers (and its schema is up to date)."""
        with self.transaction(read_only=True) as conn:
            conn.execute(text("SELECT 1"))

    def close(self) -> None:
        self.engine.dispose()

    # -- transactions and errors --------------------------------------------------------------

    @contextmanager
    def transaction(self, *, read_only: bool = False) -> Iterator[Connection]:
        """One transaction, with the schema migrated first; database failures become StoreErrors.

        For features built on this store (e.g. workshops): their writes get the same guarantees.
        SQLite writers take the write lock at BEGIN; `read_only` reads never wait for writers.
        """
        try:
            if self._folder is not None:
                prepare_sqlite_file(self._folder)
                self._folder = None
            migrate(self.engine)
            if read_only:
                options: dict[str, Any] = {"sqlite_begin": "DEFERRED"}
                if self.engine.dialect.name == "postgresql":
                    options["isolation_level"] = "REPEATABLE READ"  # answers and row from one snapshot
                with self.engine.connect().execution_options(**options) as conn, conn.begin():
                    yield conn
            else:
                with self.engine.begin() as conn:
                    yield conn
        except (exc.OperationalError, exc.InterfaceError, exc.TimeoutError, OSError) as error:
            raise self._unavailable(error) from error
        except exc.DBAPIError as error:
            if error.connection_invalidated:
                raise self._unavailable(error) from error
            if isinstance(error, exc.IntegrityError):
                raise
            forget_migration(self.engine)  # e.g. a table is missing: check the schema next time
            log.warning("database refused a change: %s", _reason(error))
            raise StoreError("The database refused the change.") from error

    def _unavailable(self, error: BaseException) -> StoreUnavailable:
        forget_migration(self.engine)  # it may come back empty or replaced: check the schema again
        # The driver's text can name the host, port and database user: it goes to the log, not to people.
        reason = _reason(error)
        log.warning("database unavailable: %s", reason)
        if "readonly" in reason.lower().replace("read-only", "readonly"):
            # SQLite opens a file it cannot write read-only and its pooled connections stay so: drop
            # them, so saving resumes by itself once the file is writable again (no restart).
            self.engine.dispose()
            return StoreUnavailable(READ_ONLY_MESSAGE)
        return StoreUnavailable("The database cannot be reached right now.")

    # -- helpers ------------------------------------------------------------------------------

    _digest = staticmethod(token_hash)

    @staticmethod
    def _find(conn: Connection, digest: str, *, lock: bool = False) -> Any:
        query = select(ASSESSMENTS).where(ASSESSMENTS.c.token_hash == digest)
        row = conn.execute(query.with_for_update() if lock else query).first()
        if row is None or not hmac.compare_digest(row.token_hash, digest):
            raise NotFound
        return row

    def rubric_for(self, ref: RubricRef) -> Rubric:
        """The shipped (or given) rubric with this id and version; InputError if there is none."""
        key = (ref.id, ref.version)
        if key not in self._rubrics:
            for path in available_rubrics():
                try:
                    found = load_rubric(path)
                except InputError:
                    continue
                self._rubrics.setdefault((found.id, found.version), found)
        if key not in self._rubrics:
            raise InputError("rubric", f"rubric '{ref.id}' version {ref.version} is not available in this tool")
        return self._rubrics[key]

    def _checked(self, assessment: Assessment) -> Assessment:
        """A re-validated copy (fields may have been assigned after construction) that fits its rubric."""
        # Duck-typed on purpose: after a code reload a live session may hold an Assessment built from
        # an older copy of the class; re-validating its JSON works for both.
        dump = getattr(assessment, "model_dump", None)
        if not callable(dump):
            raise InputError("assessment", f"expected an Assessment, got {type(assessment).__name__}")
        try:
            doc = Assessment.model_validate(dump(mode="json"))
        except ValidationError as error:
            raise describe_validation_error("assessment", error) from None
        if doc.format_version != FORMAT_VERSION:
            raise InputError("assessment", f"format_version: expected {FORMAT_VERSION}")
        check_against_rubric(doc, self.rubric_for(doc.rubric), "assessment")
        _reject_nul(doc.model_dump(mode="json"), "assessment")
        return doc

    def _checked_question(self, row: Any, question_id: str) -> None:
        rubric = self.rubric_for(RubricRef(id=row.rubric_id, version=row.rubric_version))
        if not isinstance(question_id, str) or question_id not in rubric.question_index:
            raise InputError("answer", f"answers.{question_id}: unknown question id '{question_id}'")

    def _checked_answer(self, row: Any, question_id: str, choice: str, evidence: str) -> Answer:
        ref = RubricRef(id=row.rubric_id, version=row.rubric_version)
        self._checked_question(row, question_id)
        try:
            answer = Answer(choice=choice, evidence=evidence)
        except ValidationError as error:
            raise describe_validation_error(f"answers.{question_id}", error) from None
        check_against_rubric(Assessment(rubric=ref, answers={question_id: answer}), self.rubric_for(ref), "answer")
        _reject_nul(answer.evidence, "answer", f"answers.{question_id}.evidence")
        return answer

    @staticmethod
    def _document_values(doc: Assessment, now: dt.datetime) -> dict[str, Any]:
        return {
            "rubric_id": doc.rubric.id,
            "rubric_version": doc.rubric.version,
            "company": doc.company.model_dump(mode="json"),
            "action_plan": {k: v.model_dump(mode="json") for k, v in doc.action_plan.items()},
            "workbench": doc.workbench,
            "upgrades": [u.model_dump(mode="json") for u in doc.upgrades] or None,
            "updated_at": now,
        }

    @staticmethod
    def _insert_answers(conn: Connection, assessment_id: int, answers: Mapping[str, Answer], now: dt.datetime) -> None:
        if answers:
            conn.execute(
                insert(ANSWERS),
                [
                    {"assessment_id": assessment_id, "question_id": qid, "choice": a.choice,
                     "evidence": a.evidence, "updated_at": now}
                    for qid, a in answers.items()
                ],
            )

    @staticmethod
    def _upsert_answer(conn: Connection, assessment_id: int, question_id: str, answer: Answer,
                       now: dt.datetime) -> None:
        values = {"assessment_id": assessment_id, "question_id": question_id, "choice": answer.choice,
                  "evidence": answer.evidence, "updated_at": now}
        upsert = answer_upsert(conn.dialect.name)
        if upsert is None:  # another database: update, else insert (the transaction keeps it whole)
            done = conn.execute(
                update(ANSWERS)
                .where(ANSWERS.c.assessment_id == assessment_id, ANSWERS.c.question_id == question_id)
                .values(choice=answer.choice, evidence=answer.evidence, updated_at=now)
            ).rowcount
            if not done:
                conn.execute(insert(ANSWERS).values(**values))
            return
        conn.execute(upsert, values)

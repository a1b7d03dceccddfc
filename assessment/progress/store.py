"""Snapshots and re-assessment rounds in the database, built on `assessment.storage.store.Store`.

Same database, same transactions and error handling as the assessments themselves. A snapshot is a
copy of the answers, notes, plan and profile at one moment; nothing ever changes it. `reassess`
starts the next round: it keeps a snapshot of where things stood and marks every answer "to confirm"
until it is saved again (confirmed unchanged or changed), so a stale answer is never silently reused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import ValidationError
from sqlalchemy import Connection, delete, func, insert, select

from assessment.answers import Assessment, Snapshot, SnapshotReason
from assessment.errors import InputError
from assessment.progress.tables import LABEL_LENGTH, ROUNDS, SNAPSHOTS
from assessment.storage.db import utcnow
from assessment.storage.store import ANSWERS, Store, StoreError, token_hash

AUTOMATIC: frozenset[str] = frozenset({"report", "daily"})  # taken only when something changed


def clean_label(label: object) -> str:
    """A snapshot's label: one line of at most 100 characters (InputError otherwise)."""
    text = " ".join(str(label or "").split())
    if len(text) > LABEL_LENGTH:
        raise InputError("label", f"is {len(text)} characters long; the limit is {LABEL_LENGTH}")
    if "\x00" in text:
        raise InputError("label", "contains a NUL character, which cannot be stored")
    return text


def _same_content(a: Snapshot, b: Assessment) -> bool:
    return a.answers == b.answers and a.action_plan == b.action_plan and a.rubric == b.rubric


class ProgressStore:
    """An assessment's snapshots and its latest re-assessment round (see the module docstring)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _row_id(self, conn: Connection, token: str) -> int:
        return Store._find(conn, token_hash(token)).id

    def _last_answer_change(self, token: str) -> dt.datetime:
        with self.store.transaction(read_only=True) as conn:
            row_id = self._row_id(conn, token)
            latest = conn.execute(select(func.max(ANSWERS.c.updated_at)).where(ANSWERS.c.assessment_id == row_id)
                                  ).scalar()
        return latest if latest is not None else dt.datetime.min.replace(tzinfo=dt.UTC)

    def history(self, token: str) -> tuple[Snapshot, ...]:
        """Every snapshot of the assessment, oldest first."""
        with self.store.transaction(read_only=True) as conn:
            row_id = self._row_id(conn, token)
            rows = conn.execute(
                select(SNAPSHOTS.c.taken_at, SNAPSHOTS.c.reason, SNAPSHOTS.c.label, SNAPSHOTS.c.document)
                .where(SNAPSHOTS.c.assessment_id == row_id).order_by(SNAPSHOTS.c.taken_at, SNAPSHOTS.c.id)
            ).all()
        try:
            return tuple(Snapshot.model_validate({**r.document, "taken_at": r.taken_at, "reason": r.reason,
                                                  "label": r.label}) for r in rows)
        except ValidationError:
            raise StoreError("A stored snapshot cannot be read.") from None

    def snapshot(self, token: str, reason: SnapshotReason = "manual", label: str = "",
                 now: dt.datetime | None = None) -> Snapshot | None:
        """Keep a copy of the stored assessment as it is now. An automatic one ("report", "daily") is
        skipped (None) when nothing changed since the last snapshot, and "daily" when one was taken today
        or the answers were already changed today (it keeps how they stood at the end of an earlier day)."""
        label = clean_label(label)
        now = now or utcnow()
        current = self.store.load(token).assessment
        if reason in AUTOMATIC:
            history = self.history(token)
            last = history[-1] if history else None
            if last is not None and _same_content(last, current):
                return None
            if reason == "daily" and last is not None and last.taken_at.date() == now.date():
                return None
            if reason == "daily" and last is None and not current.answers:
                return None
            if reason == "daily" and self._last_answer_change(token).date() == now.date():
                return None  # answered today already (a first sitting, a reload): no earlier day to keep
        snap = Snapshot(taken_at=now, reason=reason, label=label, rubric=current.rubric, company=current.company,
                        answers=current.answers, action_plan=current.action_plan)
        with self.store.transaction() as conn:
            self._insert(conn, self._row_id(conn, token), [snap])
        return snap

    def add_history(self, token: str, history: Sequence[Snapshot], to_confirm: Sequence[str] = ()) -> None:
        """Store an imported file's history (and its answers still to confirm) with the assessment."""
        with self.store.transaction() as conn:
            row_id = self._row_id(conn, token)
            self._insert(conn, row_id, list(history))
            if to_confirm:
                self._set_round(conn, row_id, utcnow(), sorted(set(to_confirm)))

    def reassess(self, token: str, now: dt.datetime | None = None) -> Snapshot:
        """Start the next round: snapshot the answers as they stand and mark every one "to confirm"."""
        now = now or utcnow()
        current = self.store.load(token).assessment
        snap = Snapshot(taken_at=now, reason="reassess", rubric=current.rubric, company=current.company,
                        answers=current.answers, action_plan=current.action_plan)
        with self.store.transaction() as conn:
            row_id = self._row_id(conn, token)
            self._insert(conn, row_id, [snap])
            # The round starts on the database's clock, whatever date the snapshot is given: an answer
            # is confirmed by being saved after this moment.
            self._set_round(conn, row_id, utcnow(), sorted(current.answers))
        return snap

    def to_confirm(self, token: str) -> frozenset[str]:
        """The carried-over answers not saved since the re-assessment began (cleared answers drop out)."""
        with self.store.transaction(read_only=True) as conn:
            row_id = self._row_id(conn, token)
            found = conn.execute(select(ROUNDS.c.started_at, ROUNDS.c.to_confirm)
                                 .where(ROUNDS.c.assessment_id == row_id)).first()
            if found is None or not found.to_confirm:
                return frozenset()
            stale = conn.execute(
                select(ANSWERS.c.question_id).where(ANSWERS.c.assessment_id == row_id,
                                                    ANSWERS.c.updated_at <= found.started_at)
            ).scalars().all()
        return frozenset(stale) & frozenset(found.to_confirm)

    def with_history(self, token: str, assessment: Assessment) -> Assessment:
        """The assessment with its stored history and answers to confirm, as the JSON export carries it."""
        return assessment.model_copy(update={"history": list(self.history(token)),
                                             "to_confirm": sorted(self.to_confirm(token))})

    @staticmethod
    def _insert(conn: Connection, row_id: int, snapshots: list[Snapshot]) -> None:
        if not snapshots:
            return
        conn.execute(insert(SNAPSHOTS), [
            {"assessment_id": row_id,
             "taken_at": s.taken_at if s.taken_at.tzinfo else s.taken_at.replace(tzinfo=dt.UTC),
             "reason": s.reason, "label": clean_label(s.label),
             "document": s.model_dump(mode="json", include={"rubric", "company", "answers", "action_plan"})}
            for s in snapshots
        ])

    @staticmethod
    def _set_round(conn: Connection, row_id: int, started_at: dt.datetime, to_confirm: list[str]) -> None:
        conn.execute(delete(ROUNDS).where(ROUNDS.c.assessment_id == row_id))
        conn.execute(insert(ROUNDS).values(assessment_id=row_id, started_at=started_at, to_confirm=to_confirm))

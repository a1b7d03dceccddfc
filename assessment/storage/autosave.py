"""Writes waiting for the database: nothing a person enters is lost while the store is down.

The UI keeps one `PendingWrites` per session, `add`s every write to it and calls `flush(store)`
after each interaction. When the database is unreachable the writes stay queued, in order, and
the next flush (after the database is back) saves them. Writes that can never succeed (bad input,
unknown token) are dropped and reported, so they do not block the rest.

An op is any callable taking the store; the dataclasses below are the usual ones, and they let
the queue keep only the newest write for the same thing (e.g. the same question answered twice).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from assessment.answers import ActionItem, Assessment
from assessment.errors import InputError
from assessment.storage.store import AlreadyExists, Store, StoreError, StoreUnavailable

Op = Callable[[Store], Any]


@dataclass(frozen=True)
class SaveAnswer:
    token: str
    question_id: str
    choice: str | None
    evidence: str = ""

    @property
    def key(self) -> Hashable:
        return ("answer", self.token, self.question_id)

    def __call__(self, store: Store) -> None:
        store.save_answer(self.token, self.question_id, self.choice, self.evidence)


@dataclass(frozen=True)
class SaveChoice:
    """One answer's choice; the stored note stays (`Store.save_choice`)."""

    token: str
    question_id: str
    choice: str

    @property
    def key(self) -> Hashable:
        return ("choice", self.token, self.question_id)

    def __call__(self, store: Store) -> None:
        store.save_choice(self.token, self.question_id, self.choice)


@dataclass(frozen=True)
class SaveNote:
    """One answer's note; the stored choice stays (`Store.save_note`)."""

    token: str
    question_id: str
    evidence: str
    choice_if_missing: str

    @property
    def key(self) -> Hashable:
        return ("note", self.token, self.question_id)

    def __call__(self, store: Store) -> None:
        store.save_note(self.token, self.question_id, self.evidence, self.choice_if_missing)


@dataclass(frozen=True)
class SaveAssessment:
    token: str
    assessment: Assessment

    @property
    def key(self) -> Hashable:
        return ("assessment", self.token)

    def __call__(self, store: Store) -> None:
        store.save_assessment(self.token, self.assessment)


@dataclass(frozen=True)
class SaveDetails:
    """Company profile, action plan and workbench only (never answers, which may be newer elsewhere)."""

    token: str
    assessment: Assessment

    @property
    def key(self) -> Hashable:
        return ("details", self.token)

    def __call__(self, store: Store) -> None:
        store.save_details(self.token, self.assessment)


@dataclass(frozen=True)
class SavePlanItem:
    """One action-plan entry (None removes it); other entries, maybe set in another tab, stay."""

    token: str
    item_key: str
    item: ActionItem | None

    @property
    def key(self) -> Hashable:
        return ("plan", self.token, self.item_key)

    def __call__(self, store: Store) -> None:
        store.save_plan_item(self.token, self.item_key, self.item)


@dataclass(frozen=True)
class SaveProfileField:
    """One company-profile field (name, stage, niche, assessor)."""

    token: str
    field: str
    value: Any

    @property
    def key(self) -> Hashable:
        return ("profile", self.token, self.field)

    def __call__(self, store: Store) -> None:
        store.save_profile(self.token, {self.field: self.value})


@dataclass(frozen=True)
class SaveWorkbench:
    token: str
    workbench: dict[str, Any] | None

    @property
    def key(self) -> Hashable:
        return ("workbench", self.token)

    def __call__(self, store: Store) -> None:
        store.save_workbench(self.token, self.workbench)


@dataclass(frozen=True)
class SavePosition:
    token: str
    position: str

    @property
    def key(self) -> Hashable:
        return ("position", self.token)

    def __call__(self, store: Store) -> None:
        store.save_position(self.token, self.position)


@dataclass(frozen=True)
class CreateAssessment:
    """Create under a token made in advance (`store.new_token()`), so a new assessment can start offline."""

    token: str
    assessment: Assessment

    @property
    def key(self) -> Hashable:
        return ("create", self.token)

    def __call__(self, store: Store) -> None:
        try:
            store.create(self.assessment, token=self.token)
        except AlreadyExists:  # a retry after a save whose confirmation was lost: make it current
            store.save_assessment(self.token, self.assessment)


@dataclass(frozen=True)
class FlushResult:
    saved: int  # ops written by this flush
    pending: int  # ops still queued (the database was unavailable)
    error: str | None  # one line for the person, or None when all went well
    dropped: int = 0  # ops rejected for good (bad input, unknown token) and removed from the queue

    @property
    def ok(self) -> bool:
        return self.error is None


def _supersedes(new: Op, old: Op) -> bool:
    """True when `old` no longer matters once `new` is applied after it."""
    new_key, old_key = getattr(new, "key", None), getattr(old, "key", None)
    if new_key is None or old_key is None:
        return False
    if new_key == old_key:
        return not isinstance(new, CreateAssessment)
    # A whole document replaces every answer saved before it for the same assessment.
    if isinstance(new, SaveAssessment) and isinstance(old, SaveAnswer | SaveChoice | SaveNote):
        return old.token == new.token
    # A whole answer (or its removal) replaces its earlier halves; a half never replaces the other half.
    return (isinstance(new, SaveAnswer) and isinstance(old, SaveChoice | SaveNote)
            and (old.token, old.question_id) == (new.token, new.question_id))


class PendingWrites:
    """Writes not yet in the database, oldest first. Thread-safe."""

    def __init__(self) -> None:
        self._ops: list[Op] = []
        self._lock = threading.Lock()  # guards _ops
        self._flushing = threading.Lock()  # one flush at a time

    def add(self, op: Op) -> None:
        """Queue a write; an older queued write to the same thing is replaced (the newest wins)."""
        if not callable(op):
            raise TypeError(f"an op must be callable with the store, got {type(op).__name__}")
        with self._lock:
            self._ops = [old for old in self._ops if not _supersedes(op, old)]
            self._ops.append(op)

    def __len__(self) -> int:
        with self._lock:
            return len(self._ops)

    @property
    def ops(self) -> tuple[Op, ...]:
        with self._lock:
            return tuple(self._ops)

    def flush(self, store: Store) -> FlushResult:
        """Apply queued writes in order until done or the database is unavailable."""
        saved = dropped = 0
        error: str | None = None
        with self._flushing:
            while True:
                with self._lock:
                    if not self._ops:
                        break
                    op = self._ops[0]
                try:
                    op(store)
                except StoreUnavailable as exc:
                    return FlushResult(saved=saved, pending=len(self), error=str(exc), dropped=dropped)
                except (StoreError, InputError) as exc:
                    dropped += 1
                    error = str(exc)
                else:
                    saved += 1
                with self._lock:
                    # `add` may have replaced it meanwhile; remove this very op if it is still queued.
                    self._ops = [o for o in self._ops if o is not op]
        return FlushResult(saved=saved, pending=len(self), error=error, dropped=dropped)

"""The wrong-key throttle in the database: one counter per workshop and guesser, shared by every process.

A guesser is whoever the caller says is typing (the app passes the client's address, else its
browser session). Only `sha256(workshop id + guesser)` is stored, never the address itself.

A try is counted *before* the key is checked, in one short write transaction, and taken back when
the key was right. So the lock-out is real: a try during a guesser's wait is refused without
checking the key (and without being counted), and a burst of simultaneous tries cannot slip past
the counter. The key itself (scrypt) is checked between transactions, never inside one: on SQLite a
write transaction holds the database's only write lock.

Other guessers are never held back, so the facilitator's own browser always gets in with the right key.
The table stays small: rows untouched for a day are deleted on the way, and a workshop keeps at most
`MAX_GUESSERS` rows (the least recently used go first).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import ColumnElement, Connection, Row, delete, func, insert, select, update

from assessment.workshop.auth import Throttle, TooManyAttempts
from assessment.workshop.tables import KEY_ATTEMPTS, WORKSHOPS

FORGET_AFTER = dt.timedelta(days=1)  # a counter untouched this long starts again at zero
MAX_GUESSERS = 10_000  # rows kept per workshop


def guesser_hash(workshop_id: str, guesser: str) -> str:
    """What the table stores for a guesser: a SHA-256 of the workshop ID and the guesser, never the raw text."""
    return hashlib.sha256(f"{workshop_id}\n{guesser}".encode()).hexdigest()


def _row(workshop_id: str, guesser: str) -> ColumnElement[bool]:
    digest = guesser_hash(workshop_id, guesser)
    return (KEY_ATTEMPTS.c.workshop_id == workshop_id) & (KEY_ATTEMPTS.c.guesser_hash == digest)


def count_try(conn: Connection, workshop_id: str, guesser: str, moment: dt.datetime, throttle: Throttle) -> int:
    """Count one try as wrong (in `conn`, a write transaction); the guesser's wrong tries in a row now.

    TooManyAttempts (nothing counted) while the guesser must still wait. The caller has locked the
    workshop's row, so tries of one workshop are counted one after the other.
    """
    _forget_old(conn, moment)
    where = _row(workshop_id, guesser)
    row = conn.execute(select(KEY_ATTEMPTS.c.failures, KEY_ATTEMPTS.c.locked_until).where(where)).first()
    if row is not None and row.locked_until is not None and row.locked_until > moment:
        raise TooManyAttempts((row.locked_until - moment).total_seconds())
    failures = (row.failures if row is not None else 0) + 1
    delay = throttle.delay_after(failures)
    values = {"failures": failures, "updated_at": moment,
              "locked_until": moment + dt.timedelta(seconds=delay) if delay else None}
    if row is None:
        conn.execute(insert(KEY_ATTEMPTS).values(workshop_id=workshop_id,
                                                 guesser_hash=guesser_hash(workshop_id, guesser), **values))
        _cap(conn, workshop_id)
    else:
        conn.execute(update(KEY_ATTEMPTS).where(where).values(**values))
    return failures


def clear(conn: Connection, workshop_id: str, guesser: str) -> None:
    """The key was right: the guesser's counter starts again at zero."""
    conn.execute(delete(KEY_ATTEMPTS).where(_row(workshop_id, guesser)))


def lock_workshop(conn: Connection, workshop_id: str) -> Row | None:
    """The workshop's row, locked for this transaction on PostgreSQL (SQLite writers are serialised anyway).

    `FOR NO KEY UPDATE`: tries of one workshop wait for each other, joins and sign-ins (which only
    reference the row) do not.
    """
    return conn.execute(select(WORKSHOPS).where(WORKSHOPS.c.id == workshop_id)
                        .with_for_update(key_share=True)).first()


def _forget_old(conn: Connection, moment: dt.datetime) -> None:
    # Indexed on updated_at: usually deletes nothing and costs one index probe.
    conn.execute(delete(KEY_ATTEMPTS).where(KEY_ATTEMPTS.c.updated_at < moment - FORGET_AFTER))


def _cap(conn: Connection, workshop_id: str) -> None:
    # Only after adding a row, so a workshop never holds more than MAX_GUESSERS.
    rows = conn.execute(select(func.count()).select_from(KEY_ATTEMPTS)
                        .where(KEY_ATTEMPTS.c.workshop_id == workshop_id)).scalar_one()
    if rows <= MAX_GUESSERS:
        return
    oldest = (select(KEY_ATTEMPTS.c.guesser_hash).where(KEY_ATTEMPTS.c.workshop_id == workshop_id)
              .order_by(KEY_ATTEMPTS.c.updated_at, KEY_ATTEMPTS.c.guesser_hash).limit(rows - MAX_GUESSERS))
    conn.execute(delete(KEY_ATTEMPTS).where(KEY_ATTEMPTS.c.workshop_id == workshop_id,
                                            KEY_ATTEMPTS.c.guesser_hash.in_(oldest.scalar_subquery())))

"""The trend over an assessment's history: score and level at each snapshot, and now.

Each snapshot is scored by the one scoring engine (about 30 microseconds each), so a trend of 50
snapshots costs a couple of milliseconds and needs no stored scores that could go stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from assessment.answers import Assessment, Snapshot
from assessment.rubric import Rubric
from assessment.scoring import score, score_assessment

REASON_LABELS = {"manual": "Saved", "report": "Report downloaded", "daily": "Automatic", "reassess": "Re-assessed"}


@dataclass(frozen=True, slots=True)
class TrendPoint:
    taken_at: dt.datetime | None  # None: the current answers
    label: str
    overall: float
    level: str  # level label
    provisional: bool


def snapshot_name(snapshot: Snapshot) -> str:
    """ "Before the board meeting" (its label), else what took it: "Automatic", "Re-assessed"."""
    return snapshot.label.strip() or REASON_LABELS.get(snapshot.reason, snapshot.reason)


def snapshot_title(snapshot: Snapshot) -> str:
    """ "2026-11-03 - Before the board meeting" or "2026-11-03 - Automatic"."""
    return f"{snapshot.taken_at.date().isoformat()} - {snapshot_name(snapshot)}"


def trend(rubric: Rubric, history: Sequence[Snapshot], current: Assessment | None = None) -> tuple[TrendPoint, ...]:
    """One point per snapshot of this rubric version (oldest first), then the current answers."""
    points = []
    for snap in history:
        if snap.rubric != rubric.ref:
            continue  # scored under another rubric version: not on the same scale
        result = score(rubric, {qid: a.choice for qid, a in snap.answers.items()})
        points.append(TrendPoint(snap.taken_at, snapshot_title(snap), result.overall, result.level.label,
                                 result.provisional))
    if current is not None:
        result = score_assessment(rubric, current)
        points.append(TrendPoint(None, "Now", result.overall, result.level.label, result.provisional))
    return tuple(points)


def comparable(history: Sequence[Snapshot], current: Assessment) -> tuple[Snapshot, ...]:
    """The snapshots that can be compared with the current answers (same rubric and version)."""
    return tuple(s for s in history if s.rubric == current.rubric)


def baseline(history: Sequence[Snapshot], current: Assessment, today: dt.date) -> Snapshot | None:
    """What "since" means by default: the newest snapshot from before today, else the newest that differs
    from the current answers or plan (a snapshot just taken of these very answers says nothing)."""
    snaps = comparable(history, current)
    for snap in reversed(snaps):
        if snap.taken_at.date() < today or snap.answers != current.answers or snap.action_plan != current.action_plan:
            return snap
    return None


def as_of(snapshot: Snapshot, current: Assessment) -> Assessment:
    """A snapshot of the current assessment as an assessment under today's company name (a renamed
    company is still the same assessment), dated the day it was taken, for comparing."""
    company = snapshot.company.model_copy(update={"name": current.company.name, "date": snapshot.taken_at.date()})
    return Assessment(rubric=snapshot.rubric, company=company, answers=snapshot.answers,
                      action_plan=snapshot.action_plan)

"""The trend over the snapshots: one point per snapshot of this rubric version, then now."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.answers import Answer, Assessment, Snapshot
from assessment.progress.trend import snapshot_title, trend
from assessment.rubric import Rubric, RubricRef
from assessment.scoring import score_assessment

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def _snap(a: Assessment, days: int, **kw: object) -> Snapshot:
    return Snapshot(taken_at=T0 + dt.timedelta(days=days), rubric=a.rubric, company=a.company,
                    answers=a.answers, **kw)


def test_points_follow_the_snapshots(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    now = examples["harbor-legal-ai"]
    worse = now.model_copy(update={"answers": {**now.answers, "niche-objective": Answer(choice="no")}})
    history = [_snap(worse, 0, reason="daily"), _snap(now, 30, label="Board meeting")]
    points = trend(rubric, history, now)
    assert [p.label for p in points] == ["2026-03-01 - Automatic", "2026-03-31 - Board meeting", "Now"]
    assert points[0].overall == pytest.approx(score_assessment(rubric, worse).overall)
    assert points[0].level == "Emerging"
    assert points[-1].overall == pytest.approx(score_assessment(rubric, now).overall)
    assert points[-1].taken_at is None


def test_snapshots_of_another_rubric_version_are_left_out(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    now = examples["harbor-legal-ai"]
    old = _snap(now, 0).model_copy(update={"rubric": RubricRef(id=rubric.id, version="0.1.0")})
    assert [p.label for p in trend(rubric, [old], now)] == ["Now"]


def test_titles_say_why_a_snapshot_was_taken(rubric: Rubric, examples: dict[str, Assessment]) -> None:
    a = examples["harbor-legal-ai"]
    assert snapshot_title(_snap(a, 0, reason="report")) == "2026-03-01 - Report downloaded"
    assert snapshot_title(_snap(a, 0, reason="reassess")) == "2026-03-01 - Re-assessed"
    assert snapshot_title(_snap(a, 0, label="  Q1  ")) == "2026-03-01 - Q1"

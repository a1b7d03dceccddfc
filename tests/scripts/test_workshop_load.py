"""The load script itself works (a small run): participants join and answer every question that applies."""

from __future__ import annotations

import random
import re

import pytest

from assessment.scoring import skipped_questions
from scripts.workshop_load import main, plan_answers, run_load


def test_a_plan_counts_only_the_questions_that_apply(rubric):
    plan, expected = plan_answers(rubric, random.Random(1))
    assert set(plan) == {q.id for q in rubric.questions}
    assert expected == len(rubric.questions) - len(skipped_questions(rubric, plan))
    no_niche = {**plan, "niche-objective": "no"}
    assert len(skipped_questions(rubric, no_niche)) >= 3  # the niche follow-ups are not asked then


def test_small_load_run_answers_every_question_that_applies(tmp_path, rubric):
    summary = run_load(3, 2, f"sqlite:///{tmp_path / 'load.sqlite3'}", timeout=300)
    assert summary["errors"] == []
    assert summary["joined"] == 3
    expected = sum(plan_answers(rubric, random.Random(5 + i))[1] for i in range(3))
    assert expected > 3 * len(rubric.principles[0].questions)  # past the first page
    assert summary["answers_expected"] == summary["answers_sent"] == summary["answers_stored"] == expected
    assert summary["lost"] == 0
    assert summary["servers"] == 1 and summary["proxy"] == "none" and summary["database"] == "sqlite"
    assert 0 < summary["p50_ms"] <= summary["p95_ms"] <= summary["max_ms"]


def test_output_lines_scripts_read(tmp_path, capsys, monkeypatch):
    out = {"participants": 1, "joined": 1, "answers_expected": 5, "answers_sent": 4, "answers_stored": 4, "lost": 0,
           "errors": [], "p50_ms": 1.0, "p95_ms": 2.0, "max_ms": 3.0, "servers": 1, "proxy": "none",
           "database": "sqlite", "wall_s": 1.0, "load": "1.00/2"}
    monkeypatch.setattr("scripts.workshop_load.run_load", lambda *a, **k: out)
    assert main(["--participants", "1", "--companies", "1"]) == 1  # one answer expected was never sent
    text = capsys.readouterr().out
    keys = dict(re.findall(r"^([a-z_0-9]+): (\S+)", text, re.M))
    for key in ("answers_expected", "answers_sent", "answers_stored", "lost", "p50_ms", "p95_ms", "max_ms",
                "servers", "proxy", "database"):
        assert key in keys, key
    assert "PROBLEM" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--participants", "61"], "--participants must be 1-60"),
     (["--participants", "0"], "--participants must be 1-60"),
     (["--servers", "5"], "--servers must be 1-4"),
     (["--think", "600"], "--think must be 0-60 seconds"),
     (["--url", "http://example.org:8501", "--database-url", "sqlite://"], "must be a server on this machine"),
     (["--url", "http://127.0.0.1:8501"], "--url needs --database-url")],
)
def test_load_script_is_bounded_and_local(argv, message, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err

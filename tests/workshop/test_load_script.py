"""The load script itself works (a small run): participants join and answer through a real server."""

from __future__ import annotations

import pytest

from scripts.workshop_load import main, run_load


def test_small_load_run_loses_nothing(tmp_path, rubric):
    summary = run_load(3, 2, f"sqlite:///{tmp_path / 'load.sqlite3'}", pages=1, timeout=240)
    first_page = len(rubric.principles[0].questions)
    assert summary["errors"] == []
    assert summary["joined"] == 3
    assert summary["answers_sent"] == summary["answers_stored"] == 3 * first_page
    assert summary["lost"] == 0
    assert 0 < summary["p50_ms"] <= summary["p95_ms"] <= summary["max_ms"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--participants", "61"], "--participants must be 1-60"),
     (["--participants", "0"], "--participants must be 1-60"),
     (["--url", "http://example.org:8501", "--database-url", "sqlite://"], "must be a server on this machine"),
     (["--url", "http://127.0.0.1:8501"], "--url needs --database-url")],
)
def test_load_script_is_bounded_and_local(argv, message, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err

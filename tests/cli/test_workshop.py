"""`assessment workshop create|progress|export`: the key comes from the environment or a prompt only."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from assessment.scoring import score
from assessment.storage.store import Store
from assessment.workshop.auth import WrongKey
from assessment.workshop.store import WorkshopStore
from assessment.workshop.tables import KEY_ATTEMPTS
from cli import workshop as workshop_cli
from cli.main import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", url)
    monkeypatch.delenv("ASSESSMENT_FACILITATOR_KEY", raising=False)
    return url


@pytest.fixture
def created(env, capsys, tmp_path):
    companies = tmp_path / "companies.txt"
    companies.write_text("# cohort\nGamma AI\n\n", encoding="utf-8")
    code = main(["workshop", "create", "--name", "Spring cohort", "--company", "Acme", "--company", "Beta",
                 "--companies-file", str(companies), "--base-url", "https://ws.example.org/", "--json"])
    assert code == 0
    return json.loads(capsys.readouterr().out)


def test_create_prints_key_once_and_join_links(created, env):
    assert [j["company"] for j in created["join_links"]] == ["Acme", "Beta", "Gamma AI"]
    assert all(j["url"].startswith("https://ws.example.org/workshop_join?join=") for j in created["join_links"])
    # The printed join link works for its company.
    token = created["join_links"][1]["url"].split("join=")[1]
    assert WorkshopStore(Store(env)).join_target(token).company == "Beta"


def test_create_text_output(env, capsys):
    assert main(["workshop", "create", "--name", "W", "--company", "A"]) == 0
    out = capsys.readouterr().out
    assert "Workshop ID:" in out and "Facilitator key (shown only now" in out
    assert "A: http://localhost:8501/workshop_join?join=" in out


def test_create_needs_companies(env, capsys):
    assert main(["workshop", "create", "--name", "W"]) == 2
    assert "list at least one company" in capsys.readouterr().err


def answer(env, created, company: int, name: str, choices: dict[str, str]) -> None:
    store = Store(env)
    token = created["join_links"][company]["url"].split("join=")[1]
    joined = WorkshopStore(store).join(token, name)
    for qid, choice in choices.items():
        store.save_answer(joined.resume_token, qid, choice)


def test_export_with_key_from_environment(created, env, tmp_path, monkeypatch, capsys, rubric):
    answer(env, created, 0, "Ann", {"niche-objective": "written", "niche-customer": "some"})
    answer(env, created, 0, "Bob", {"niche-objective": "no"})
    monkeypatch.setenv("ASSESSMENT_FACILITATOR_KEY", created["facilitator_key"])
    csv, xlsx, reports = tmp_path / "c.csv", tmp_path / "c.xlsx", tmp_path / "r.zip"
    code = main(["workshop", "export", created["id"], "--csv", str(csv), "--excel", str(xlsx),
                 "--reports", str(reports)])
    assert code == 0, capsys.readouterr().err
    frame = pd.read_csv(csv)
    assert list(frame["company"]) == ["Acme", "Beta", "Gamma AI"]
    assert list(frame["participants"]) == [2, 0, 0]
    assert xlsx.read_bytes()[:2] == b"PK"
    with zipfile.ZipFile(io.BytesIO(reports.read_bytes())) as zf:
        assert zf.namelist() == ["acme.pdf", "README.txt"]  # one report: not numbered
    assert main(["workshop", "progress", created["id"]]) == 0
    out = capsys.readouterr().out
    asked = score(rubric, {"niche-objective": "written"}).total  # a niche: the platform-only question is not asked
    assert f"Ann: 2/{asked} answered" in out and "Gamma AI: 0 joined" in out


def test_export_without_key_shows_nothing_and_writes_nothing(created, tmp_path, capsys):
    out = tmp_path / "c.csv"
    assert main(["workshop", "export", created["id"], "--csv", str(out)]) == 2
    err = capsys.readouterr().err
    assert "set ASSESSMENT_FACILITATOR_KEY" in err
    assert not out.exists()
    assert main(["workshop", "progress", created["id"]]) == 2
    assert "Acme" not in capsys.readouterr().out


def test_wrong_key_is_refused(created, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSESSMENT_FACILITATOR_KEY", "not-the-key")
    out = tmp_path / "c.csv"
    assert main(["workshop", "export", created["id"], "--csv", str(out)]) == 2
    assert "facilitator key is not right" in capsys.readouterr().err
    assert not out.exists()


def test_key_is_never_a_command_line_argument(created, capsys):
    for flag in ("--key", "--facilitator-key", "-k"):
        with pytest.raises(SystemExit) as exc:
            main(["workshop", "export", created["id"], flag, created["facilitator_key"], "--csv", "x.csv"])
        assert exc.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_key_typed_at_a_hidden_prompt(created, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    prompts = []

    def typed(prompt):
        prompts.append(prompt)
        return created["facilitator_key"]

    monkeypatch.setattr(workshop_cli.getpass, "getpass", typed)
    out = tmp_path / "c.csv"
    assert main(["workshop", "export", created["id"], "--csv", str(out)]) == 0
    assert prompts == ["Facilitator key: "] and out.exists()


def test_unknown_workshop(env, monkeypatch, capsys):
    monkeypatch.setenv("ASSESSMENT_FACILITATOR_KEY", "whatever")
    assert main(["workshop", "export", "NoSuchWorkshop", "--csv", "x.csv"]) == 2
    assert "No workshop has this ID" in capsys.readouterr().err


def test_export_needs_an_output(created, capsys):
    assert main(["workshop", "export", created["id"]]) == 2
    assert "--csv, --excel or --reports" in capsys.readouterr().err


def test_wrong_keys_slow_the_command_line_but_never_the_right_key_elsewhere(created, env, monkeypatch, capsys,
                                                                           tmp_path):
    monkeypatch.setenv("ASSESSMENT_FACILITATOR_KEY", "guess")
    for _ in range(5):
        assert main(["workshop", "progress", created["id"]]) == 2
    assert "Further tries must now wait" in capsys.readouterr().err
    # The command line's tries are one guesser (this user), shared by its processes through the database.
    monkeypatch.setenv("ASSESSMENT_FACILITATOR_KEY", created["facilitator_key"])
    assert main(["workshop", "progress", created["id"]]) == 2
    assert "Too many wrong facilitator keys" in capsys.readouterr().err
    wait = dt.timedelta(seconds=60)  # longer than a new process takes to start on a busy machine
    lock = Store(env)
    with lock.engine.begin() as conn:
        conn.execute(KEY_ATTEMPTS.update().values(locked_until=dt.datetime.now(dt.UTC) + wait))
    lock.close()
    run = subprocess.run(
        [sys.executable, "-m", "assessment", "workshop", "export", created["id"], "--csv", str(tmp_path / "c.csv")],
        cwd=ROOT, env={**_clean_env(), "ASSESSMENT_DATABASE_URL": env,
                       "ASSESSMENT_FACILITATOR_KEY": created["facilitator_key"]},
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert run.returncode == 2 and "Too many wrong facilitator keys" in run.stderr
    # Another client (the facilitator's browser) gets in at once with the right key.
    workshops = WorkshopStore(Store(env))
    assert workshops.authenticate(created["id"], created["facilitator_key"], guesser="browser").workshop_id
    # After the wait, the right key from the command line opens, and clears its counter.
    later = dt.datetime.now(dt.UTC) + wait + dt.timedelta(seconds=1)
    assert workshops.authenticate(created["id"], created["facilitator_key"], guesser=workshop_cli.guesser(), now=later)
    with pytest.raises(WrongKey, match="4 more tries"):
        workshops.authenticate(created["id"], "guess", guesser=workshop_cli.guesser(), now=later)
    workshops.store.close()


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("ASSESSMENT_")}

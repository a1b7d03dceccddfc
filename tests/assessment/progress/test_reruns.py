"""Workshop re-runs: same companies, same key, and exports that compare each consensus with the last run."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from assessment.progress.cohorts import company_changes, since_last_run_table
from assessment.progress.reruns import WorkshopReruns
from assessment.rubric import Rubric
from assessment.storage.store import Store
from assessment.workshop.auth import WrongKey
from assessment.workshop.cohort import aggregate_cohort
from assessment.workshop.store import WorkshopStore
from cli.main import main
from reports.workshop.exports import SINCE_SHEET, cohort_csv, cohort_excel


@pytest.fixture
def workshops(tmp_path, rubric: Rubric) -> WorkshopStore:
    store = Store(f"sqlite:///{tmp_path / 'ws.sqlite3'}", rubric=rubric)
    yield WorkshopStore(store)
    store.close()


def _answer_all(workshops: WorkshopStore, join_token: str, choice_of) -> None:
    joined = workshops.join(join_token, "Ana")
    for q in workshops.store.rubric_for(workshops.join_target(join_token).rubric).questions:
        workshops.store.save_answer(joined.resume_token, q.id, choice_of(q))


def test_a_rerun_has_the_same_companies_and_key_and_compares_with_the_last_run(workshops, rubric):
    first = workshops.create_workshop("Spring cohort", ["Acme Models", "Beta Labs", "Gamma AI"], rubric)
    worst = lambda q: min(q.choices, key=lambda c: c.score).id  # noqa: E731
    best = lambda q: max(q.choices, key=lambda c: c.score).id  # noqa: E731
    _answer_all(workshops, first.joins[0].token, worst)  # Acme, first run
    _answer_all(workshops, first.joins[1].token, best)  # Beta, first run
    fac = workshops.authenticate(first.id, first.key, guesser="test")
    again = WorkshopReruns(workshops).rerun(fac, rubric)
    assert again.name == "Spring cohort (re-run)" and again.previous_id == first.id
    assert [j.company for j in again.joins] == ["Acme Models", "Beta Labs", "Gamma AI"]
    assert {j.token for j in again.joins}.isdisjoint({j.token for j in first.joins})  # new links
    rerun_fac = workshops.authenticate(again.id, first.key, guesser="test")  # the facilitator's key opens the re-run
    with pytest.raises(WrongKey):
        workshops.authenticate(again.id, "wrong-" + first.key, guesser="test")
    _answer_all(workshops, again.joins[0].token, best)  # Acme improved to the best answers
    _answer_all(workshops, again.joins[1].token, best)  # Beta unchanged
    reruns = WorkshopReruns(workshops)
    assert reruns.previous(fac) is None  # a first run has nothing before it
    previous = aggregate_cohort(rubric, reruns.previous_answers(rerun_fac))
    current = aggregate_cohort(rubric, workshops.cohort_answers(rerun_fac))
    changes = company_changes(previous, current)
    acme, beta, gamma = (changes[n] for n in ("Acme Models", "Beta Labs", "Gamma AI"))
    assert acme.overall.delta > 50 and acme.gaps_closed and not acme.gaps_opened
    assert beta.overall.delta == 0 and not beta.answers_changed
    assert gamma is None  # nobody answered for Gamma in either run
    table = since_last_run_table(previous, current)
    assert list(table["company"]) == ["Acme Models", "Beta Labs", "Gamma AI"]
    row = table.iloc[0]
    assert row["overall_delta"] == round(row["overall"] - row["previous_overall"], 1)
    assert row["gaps_closed"].split(", ") == [g.id for g in acme.gaps_closed]
    csv = pd.read_csv(io.BytesIO(cohort_csv(current, previous)))
    assert {"previous_overall", "overall_delta", "gaps_closed"} <= set(csv.columns)
    assert csv.loc[0, "overall_delta"] == row["overall_delta"]
    sheets = pd.read_excel(io.BytesIO(cohort_excel(current, previous)), sheet_name=None)
    assert SINCE_SHEET in sheets and list(sheets[SINCE_SHEET]["Company"]) == list(table["company"])
    assert SINCE_SHEET not in pd.read_excel(io.BytesIO(cohort_excel(previous)), sheet_name=None)


def test_rerun_from_the_command_line(tmp_path, monkeypatch, capsys, rubric):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", url)
    assert main(["workshop", "create", "--name", "W", "--company", "A", "--company", "B", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    monkeypatch.setenv("ASSESSMENT_FACILITATOR_KEY", created["facilitator_key"])
    assert main(["workshop", "rerun", created["id"], "--json"]) == 0
    rerun = json.loads(capsys.readouterr().out)
    assert rerun["previous"] == created["id"] and [j["company"] for j in rerun["join_links"]] == ["A", "B"]
    out = tmp_path / "cohort.csv"
    assert main(["workshop", "export", rerun["id"], "--csv", str(out)]) == 0
    assert "previous_overall" in out.read_text(encoding="utf-8").splitlines()[0]
    monkeypatch.setenv("ASSESSMENT_FACILITATOR_KEY", "not-the-key-at-all-0000")
    assert main(["workshop", "rerun", created["id"]]) == 2

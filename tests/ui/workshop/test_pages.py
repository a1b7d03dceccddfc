"""Workshop pages in AppTest: create, join, and the facilitator dashboard (with and without the key)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assessment.scoring import skipped_questions
from assessment.storage.store import Store, StoreUnavailable
from assessment.workshop.store import WorkshopStore
from tests.conftest import best_choices, worst_choices

APP = str(Path(__file__).resolve().parents[3] / "app.py")
CREATE, JOIN, DASHBOARD = "ui/pages/workshop/create.py", "ui/pages/workshop/join.py", "ui/pages/workshop/dashboard.py"


@pytest.fixture
def db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'ui.sqlite3'}"
    monkeypatch.setenv("ASSESSMENT_DATABASE_URL", url)
    st.cache_resource.clear()  # the app's store is cached per process
    yield url
    st.cache_resource.clear()


@pytest.fixture
def workshop(db, rubric):
    """A workshop with three companies; Acme's two people disagree on the niche, Beta has one, Gamma none."""
    store = Store(db)
    workshops = WorkshopStore(store)
    new = workshops.create_workshop("Spring cohort", ["Acme Models", "Beta Labs", "Gamma AI"], rubric)
    best, worst = best_choices(rubric), worst_choices(rubric)
    mixed = {**best, "niche-objective": "no"}
    for company, name, choices in ((0, "Ann", best), (0, "Bob", mixed), (1, "Cy", worst)):
        joined = workshops.join(new.joins[company].token, name)
        for qid, choice in choices.items():
            store.save_answer(joined.resume_token, qid, choice)
    store.close()
    return new


def app(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def plain(text: str) -> str:
    """Markdown as read on screen: backslash escapes removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def errors(at: AppTest) -> str:
    return "\n".join(plain(str(e.value)) for e in at.error)


def page_text(at: AppTest) -> str:
    """Everything a person can read on the page (text elements, tables, metrics, code blocks)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "code", "success", "info", "warning",
                 "error", "text"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [e.value.to_string() for e in [*at.dataframe, *at.table]]
    parts += [str(o) for s in at.selectbox for o in s.options]
    return plain("\n".join(parts))


def chart_data(proto) -> pd.DataFrame:
    """The data an altair chart on the page draws (Streamlit ships it as Arrow next to the spec)."""
    assert len(proto.datasets) == 1
    return pa.ipc.open_stream(proto.datasets[0].data.data).read_pandas()


def sign_in(at: AppTest, workshop_id: str, key: str) -> AppTest:
    at.text_input[0].input(workshop_id)
    at.text_input[1].input(key)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


# -- create ---------------------------------------------------------------------------------------


def test_create_shows_key_once_and_links_that_work(db, rubric):
    at = app(CREATE)
    assert f"Rubric: {rubric.title}, version {rubric.version}" in page_text(at)
    at.text_input[0].input("Autumn cohort")
    at.text_area[0].input("Acme Models\n\nBeta Labs\n")
    at.button[0].click().run()
    assert not at.exception
    text = page_text(at)
    assert "Autumn cohort" in text and "shown only this once" in text
    workshop_id, key, *links = [c.value for c in at.code]
    assert len(links) == 2 and all("/workshop_join?join=" in u for u in links)
    workshops = WorkshopStore(Store(db))
    assert workshops.authenticate(workshop_id, key, guesser="test").name == "Autumn cohort"
    assert workshops.join_target(links[1].split("join=")[1]).company == "Beta Labs"
    # Once hidden, the key is gone from every page of this session.
    at.button(key="ws-hide-key").click().run()
    assert key not in page_text(at)
    at.switch_page(CREATE).run()
    assert key not in page_text(at) and at.text_input[0].value == ""


def test_create_reports_bad_input(db):
    at = app(CREATE)
    at.text_input[0].input("W")
    at.text_area[0].input("Acme\nacme")
    at.button[0].click().run()
    assert "listed twice" in errors(at)
    assert not at.code


# -- join -----------------------------------------------------------------------------------------


def test_join_names_the_company_and_opens_the_participants_own_questionnaire(db, workshop, rubric):
    token = workshop.joins[2].token
    at = app(JOIN, join=token)
    text = page_text(at)
    assert "Spring cohort" in text and "Gamma AI" in text
    assert "Acme Models" not in text and "Beta Labs" not in text  # no other companies
    at.text_input[0].input("Dee")
    at.button[0].click().run()
    assert not at.exception
    assert "Question 1 of" in page_text(at)
    assert "join" not in at.query_params and at.query_params.get("a")
    # The participant answers; the answer lands in their own stored assessment.
    first = rubric.questions[0]
    at.radio[0].set_value(first.choices[0].id).run()
    resume = at.query_params["a"]
    if isinstance(resume, list):
        resume = resume[0]
    stored = Store(db).load(resume).assessment
    assert stored.company.name == "Gamma AI" and stored.company.assessor == "Dee"
    assert {q: a.choice for q, a in stored.answers.items()} == {first.id: first.choices[0].id}
    # They see nothing of the other participants.
    assert "Ann" not in page_text(at) and "Cy" not in page_text(at)


@pytest.mark.parametrize("token", ["nonsense", "A" * 43])
def test_bad_join_link(db, workshop, token):
    at = app(JOIN, join=token)
    assert "join link is not valid" in errors(at)
    assert not at.text_input  # no way to join
    assert "Spring cohort" not in page_text(at)


def test_join_needs_a_display_name(db, workshop):
    at = app(JOIN, join=workshop.joins[0].token)
    at.text_input[0].input("  ")
    at.button[0].click().run()
    assert "display name: must not be empty" in errors(at)


# -- dashboard: every way in without the key ------------------------------------------------------


SECRET_BITS = ("Spring cohort", "Acme Models", "Beta Labs", "Ann", "Bob", "Consensus")


def assert_no_workshop_data(at: AppTest) -> None:
    text = page_text(at)
    for bit in SECRET_BITS:
        assert bit not in text, bit
    assert not at.dataframe and not at.get("vega_lite_chart") and not at.get("download_button")


def test_dashboard_without_key_shows_only_the_sign_in(db, workshop):
    at = app(DASHBOARD)
    assert [t.value for t in at.text_input] == ["", ""]
    assert_no_workshop_data(at)


def test_query_parameters_do_not_open_the_dashboard(db, workshop):
    at = app(DASHBOARD, workshop=workshop.id, key=workshop.key, facilitator_key=workshop.key, token=workshop.key)
    assert at.text_input[0].value == workshop.id  # only the ID is taken from the URL
    assert at.text_input[1].value == ""
    assert_no_workshop_data(at)


def test_participant_session_cannot_reach_the_dashboard(db, workshop):
    at = app(JOIN, join=workshop.joins[2].token)  # Gamma AI: their own company shows in the sidebar
    at.text_input[0].input("Eve")
    at.button[0].click().run()
    at.switch_page(DASHBOARD).run()
    assert_no_workshop_data(at)


def test_wrong_key_is_refused_then_slowed_down(db, workshop):
    at = app(DASHBOARD)
    for i in range(5):
        sign_in(at, workshop.id, f"guess-{i}")
        assert "facilitator key is not right" in errors(at)
        assert_no_workshop_data(at)
    sign_in(at, workshop.id, "guess-5")
    assert "Too many wrong facilitator keys" in errors(at)
    assert_no_workshop_data(at)
    # During the wait this browser's tries are not even checked, the right key included ...
    sign_in(at, workshop.id, workshop.key)
    assert "Too many wrong facilitator keys" in errors(at)
    assert_no_workshop_data(at)
    # ... while the facilitator's own browser (another session) is never held back.
    other = sign_in(app(DASHBOARD), workshop.id, workshop.key)
    assert not other.error
    assert list(other.dataframe[0].value["Participant"]) == ["Ann", "Bob", "Cy"]


def test_sign_in_passes_who_is_typing(db, workshop, monkeypatch):
    seen: list[str] = []
    real = WorkshopStore.authenticate

    def spy(self, workshop_id, key, *, guesser, now=None):
        seen.append(guesser)
        return real(self, workshop_id, key, guesser=guesser, now=now)

    monkeypatch.setattr(WorkshopStore, "authenticate", spy)
    at = app(DASHBOARD)
    sign_in(at, workshop.id, "guess-1")
    sign_in(at, workshop.id, "guess-2")
    sign_in(app(DASHBOARD), workshop.id, "guess-3")
    # No address in AppTest: each browser session is its own guesser, the same one across its tries.
    assert seen[0] == seen[1] != seen[2] and all(g.startswith("session ") for g in seen)


@pytest.mark.parametrize(("peer", "headers", "client"), [
    ("203.0.113.7", {"X-Real-IP": "10.0.0.1"}, "203.0.113.7"),  # a direct peer: headers are not believed
    (None, {"X-Real-IP": "198.51.100.2", "X-Forwarded-For": "1.1.1.1, 198.51.100.2"}, "198.51.100.2"),
    (None, {"X-Forwarded-For": "1.1.1.1, 198.51.100.2"}, "198.51.100.2"),  # the entry the local proxy added
    (None, {}, None),  # local use without a proxy: the browser session stands in
])
def test_the_client_address_behind_the_local_proxy(peer, headers, client):
    from ui.workshop.session import client_address

    assert client_address(peer, headers) == client


def test_unknown_workshop_id(db, workshop):
    at = sign_in(app(DASHBOARD), "NoSuchWorkshop", workshop.key)
    assert "No workshop has this ID" in errors(at)


# -- dashboard with the key -----------------------------------------------------------------------


def test_dashboard_shows_progress_consensus_disagreement_and_cohort(db, workshop, rubric):
    at = sign_in(app(DASHBOARD, workshop=workshop.id), workshop.id, workshop.key)
    text = page_text(at)
    assert "Spring cohort" in text
    # Progress: every participant, companies nobody joined for.
    progress = at.dataframe[0].value
    assert list(progress["Participant"]) == ["Ann", "Bob", "Cy"]
    # Everyone answered every question that applies to them (Bob has no niche, Cy no released weights).
    assert list(progress["Answered"]) == list(progress["Questions"])
    best, worst = best_choices(rubric), worst_choices(rubric)
    asked = [len(rubric.questions) - len(skipped_questions(rubric, c))
             for c in (best, {**best, "niche-objective": "no"}, worst)]
    assert asked[1] < asked[0] and asked[2] < asked[0]
    assert list(progress["Questions"]) == asked
    assert list(progress["Progress"]) == [100] * 3  # whole percents
    assert "Answers saved 100%" in text
    assert "Nobody has joined yet for: Gamma AI" in text
    # Companies: Acme's disagreement on the niche comes first, the consensus is the lower answer.
    assert "Where the team disagrees" in text
    niche = rubric.question_index["niche-objective"][1]
    assert niche.text in text and "spread 100 points" in text
    assert "Participants who answered 2 of 2" in text
    # Cohort: ranked bars and heatmap, pillars table, common gaps.
    charts = [chart_data(c.proto) for c in at.get("vega_lite_chart")]
    assert len(charts) == 2
    assert list(charts[0]["company"]) == ["Acme Models", "Beta Labs"]  # best first; Gamma has no answers
    assert len(charts[1]) == 2 * len(rubric.principles)
    assert set(charts[1]["principle"]) == {p.title for p in rubric.principles}
    assert "Most common gaps" in text and "Pillars by company" in text
    # Exports: the download buttons are there.
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Cohort table (CSV)" in labels and "All consensus reports (ZIP of PDFs)" in labels
    assert any(label.startswith("Report for Acme Models") for label in labels)


def test_other_company_in_the_company_view(db, workshop):
    at = sign_in(app(DASHBOARD), workshop.id, workshop.key)
    at.selectbox(key="ws-company").set_value(2).run()
    assert "No answers from Gamma AI yet (0 joined)" in page_text(at)
    at.selectbox(key="ws-company").set_value(1).run()
    assert "The team gave the same answers everywhere" in page_text(at)


def test_sign_out_ends_the_sign_in(db, workshop):
    at = sign_in(app(DASHBOARD), workshop.id, workshop.key)
    at.button(key="ws-sign-out").click().run()
    assert_no_workshop_data(at)
    assert "You are signed out" in page_text(at)


def test_new_join_links_replace_old_ones_only_once_confirmed(db, workshop):
    at = sign_in(app(DASHBOARD), workshop.id, workshop.key)
    at.button(key="ws-reissue").click().run()
    assert "replaces the join link of **every** company" in warnings(at)
    at.button(key="ws-reissue-no").click().run()  # cancel: nothing changes
    assert WorkshopStore(Store(db)).join_target(workshop.joins[0].token).company == "Acme Models"
    at.button(key="ws-reissue").click().run()
    at.button(key="ws-reissue-yes").click().run()
    links = [c.value for c in at.code if "workshop_join?join=" in c.value]
    assert len(links) == 3
    workshops = WorkshopStore(Store(db))
    assert workshops.join_target(links[0].split("join=")[1]).company == "Acme Models"
    with pytest.raises(Exception, match="not valid"):
        workshops.join_target(workshop.joins[0].token)


# -- database outages: a warning, never a traceback ------------------------------------------------


def _down(*args, **kwargs):
    raise StoreUnavailable("The database cannot be reached right now (test outage).")


def warnings(at: AppTest) -> str:
    return "\n".join(plain(str(w.value)) for w in at.warning)


def test_dashboard_during_an_outage_warns_and_recovers(db, workshop, monkeypatch):
    at = sign_in(app(DASHBOARD), workshop.id, workshop.key)
    assert at.dataframe
    with monkeypatch.context() as m:
        m.setattr(WorkshopStore, "cohort_answers", _down)
        m.setattr(WorkshopStore, "changes", _down)
        at.button(key="ws-refresh").click().run()
        assert not at.exception, at.exception
        assert "The dashboard could not be loaded. The database cannot be reached right now" in warnings(at)
        assert not at.dataframe and not at.tabs
    at.button(key="ws-retry").click().run()
    assert not at.exception and not at.warning
    assert list(at.dataframe[0].value["Participant"]) == ["Ann", "Bob", "Cy"]


def test_new_join_links_during_an_outage_keep_the_old_ones(db, workshop, monkeypatch):
    at = sign_in(app(DASHBOARD), workshop.id, workshop.key)
    monkeypatch.setattr(WorkshopStore, "reissue_join_links", _down)
    at.button(key="ws-reissue").click().run()
    at.button(key="ws-reissue-yes").click().run()
    assert not at.exception, at.exception
    assert "No new join links were made; the old links still work." in warnings(at)
    assert not [c.value for c in at.code if "workshop_join?join=" in c.value]
    assert WorkshopStore(Store(db)).join_target(workshop.joins[0].token).company == "Acme Models"


def test_create_when_sign_in_fails_still_shows_the_key(db, monkeypatch):
    monkeypatch.setattr(WorkshopStore, "authenticate", _down)
    at = app(CREATE)
    at.text_input[0].input("Autumn cohort")
    at.text_area[0].input("Acme Models")
    at.button[0].click().run()
    assert not at.exception, at.exception
    workshop_id, key, _link = [c.value for c in at.code]
    assert "You could not be signed in to its dashboard just now" in warnings(at)
    assert "You are signed in" not in page_text(at)
    monkeypatch.undo()
    assert WorkshopStore(Store(db)).authenticate(workshop_id, key, guesser="test").name == "Autumn cohort"


# -- issue 12: the consensus table, empty cells, the capped level -----------------------------------


def test_consensus_table_agrees_with_the_consensus_report(db, workshop, rubric):
    """Acme's consensus is "no niche": Ann's lone answers to the niche follow-ups are "Not asked", as in the report."""
    from assessment.workshop.cohort import aggregate_cohort
    from reports.markdown import render_markdown
    from reports.workshop.exports import consensus_report

    at = sign_in(app(DASHBOARD), workshop.id, workshop.key)
    table = next(d.value for d in at.table if "Consensus" in d.value.columns)
    rows = dict(zip(table["Question"], table["Consensus"], strict=True))
    workshops = WorkshopStore(Store(db))
    fac = workshops.authenticate(workshop.id, workshop.key, guesser="test")
    cohort = aggregate_cohort(rubric, workshops.cohort_answers(fac))
    acme = cohort.companies[0]
    report = render_markdown(consensus_report(cohort, acme))
    not_asked = [q for q in acme.questions if not q.asked]
    assert {q.question for q in not_asked} >= {"niche-customer", "niche-roadmap", "niche-monetization"}
    for q in acme.questions:
        if q.asked:
            assert rows[q.text] == q.label
        else:
            assert rows[q.text] == "Not asked"
    for q in not_asked:  # the report says the same of each
        entry = report.split(q.text, 1)[1].split("\n- **", 1)[0]
        assert "Not asked" in entry, entry


def test_no_none_or_null_cells_and_the_level_says_what_caps_it(db, workshop):
    at = sign_in(app(DASHBOARD), workshop.id, workshop.key)
    for frame in (d.value for d in [*at.dataframe, *at.table]):
        cells = frame.astype(str).to_numpy().ravel().tolist()
        assert not {"None", "nan", "NaN", "null", "<NA>"} & set(cells), frame
    text = page_text(at)
    # Acme's consensus has no niche: the level is capped, and the page says by which gap.
    assert re.search(r"Capped at \w+ by: .+ \(on score alone: \w+\)\.", text), text[:2000]


def test_a_company_with_a_handful_of_answers_shows_no_score_or_level(db, rubric):
    store = Store(db)
    workshops = WorkshopStore(store)
    new = workshops.create_workshop("Early cohort", ["Early Co", "Done Co"], rubric)
    best = best_choices(rubric)
    for company, choices in ((0, dict(list(best.items())[:2])), (1, best)):
        joined = workshops.join(new.joins[company].token, f"Person {company}")
        for qid, choice in choices.items():
            store.save_answer(joined.resume_token, qid, choice)
    store.close()
    at = sign_in(app(DASHBOARD, workshop=new.id), new.id, new.key)
    info = " ".join(plain(str(i.value)) for i in at.info)
    assert "**No score or level yet.** 2 of " in info and "questions have a real answer." in info
    metrics = {m.label: m.value for m in at.metric}
    assert "Consensus score" not in metrics and "Readiness level" not in metrics
    assert "Not ranked yet, too few questions with a real answer for a score or level: Early Co." in page_text(at)
    ranking = chart_data(at.get("vega_lite_chart")[0].proto)
    assert list(ranking["company"]) == ["Done Co"]
    at.selectbox(key="ws-company").set_value(1).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Consensus score"] == "100.0 / 100" and metrics["Readiness level"] == "Leading"


# -- readable at a glance: blocked benefits, a name already taken ------------------------------------


def test_heatmap_marks_blocked_benefits_blocked_in_their_own_colour(db, workshop):
    """Beta's consensus blocks benefits: those cells read "blocked" on dark grey, never a red "0"."""
    import json

    from ui.workshop.charts import BLOCKED, BLOCKED_FILL, NO_ANSWERS_FILL, SCORE_SCALE

    at = sign_in(app(DASHBOARD), workshop.id, workshop.key)
    proto = at.get("vega_lite_chart")[1].proto
    cells = chart_data(proto)
    blocked = cells[cells["blocked"]]
    assert set(blocked["company"]) == {"Beta Labs"} and len(blocked) >= 1
    assert set(blocked["shown"]) == {BLOCKED}
    assert BLOCKED not in set(cells.loc[~cells["blocked"], "shown"])
    spec = json.loads(proto.spec)
    fill, text = (layer["encoding"]["color"] for layer in spec["layer"])
    assert fill["condition"][0] == {"test": "datum.blocked", "value": BLOCKED_FILL}  # before the score scale
    assert BLOCKED_FILL not in {NO_ANSWERS_FILL, *SCORE_SCALE.range}
    assert text["condition"][0]["value"] == "white" and text["value"] == "black"


def test_a_taken_display_name_is_a_plain_sentence(db, workshop):
    at = app(JOIN, join=workshop.joins[0].token)
    at.text_input[0].input("ANN")  # Ann joined Acme already
    at.button[0].click().run()
    assert errors(at) == 'Someone in Acme Models already uses the name "ANN". Choose another, e.g. "ANN (CTO)".'
    assert at.text_input and "Question 1 of" not in page_text(at)  # still on the form, to choose another name

"""The Start page: what the app is, a new assessment, resuming by link, and pages without one."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.answers import Answer, new_assessment
from tests.ui.conftest import new_app, run, text_of
from ui.files import downloads


def test_start_page_says_what_and_for_whom(store):
    at = run(new_app())
    assert at.title[0].value == "Open LLM Readiness"
    intro = at.markdown[0].value
    assert "nine principles" in intro and "founders" in intro and "fifteen minutes" in intro
    assert intro.count("\n") == 2  # three lines
    assert [t.label for t in at.tabs] == ["New assessment", "Resume with your link", "Import a saved file",
                                         "Prefill from a model card", "Upload README.md", "Paste the text"]


def test_new_assessment_opens_the_questionnaire_and_is_stored(store):
    at = run(new_app())
    company = next(t for t in at.text_input if t.label == "Company name")
    company.input("Acme Models")
    at.selectbox[0].select("Seed")
    next(t for t in at.text_input if t.label.startswith("Your niche")).input("Legal contract review")
    run(at.form_submit_button[0].click())
    assert at.header[0].value == "Requirements: Have a niche"
    token = at.query_params["a"]
    assert len(token) >= 43  # 256 bits, URL-safe
    saved = store.load(token).assessment
    assert (saved.company.name, saved.company.stage, saved.company.niche) == ("Acme Models", "Seed",
                                                                               "Legal contract review")
    assert saved.answers == {}
    assert saved.company.assessor == ""  # optional


def test_the_assessor_is_stored_and_printed_on_the_report(store, rubric):
    at = run(new_app())
    next(t for t in at.text_input if t.label == "Company name").input("Acme Models")
    next(t for t in at.text_input if t.label == "Assessor (optional)").input("  Dana Lee, CTO ")
    assert "The report is dated the day you download it, unless the assessment file carries its own date." in (
        text_of(at.caption))
    run(at.form_submit_button[0].click())
    saved = store.load(at.query_params["a"]).assessment
    assert saved.company.assessor == "Dana Lee, CTO"
    assert saved.company.date is None  # the report takes the day it is made
    today = dt.date.today().isoformat()
    report = downloads.markdown(rubric, saved)()
    assert "| Assessor | Dana Lee, CTO |" in report and f"| Date | {today} |" in report


@pytest.mark.parametrize("page", ["ui/pages/questionnaire.py", "ui/pages/results.py", "ui/pages/download.py"])
def test_pages_without_an_assessment_point_to_start(store, page):
    at = run(new_app())
    run(at.switch_page(page))
    assert "No assessment is open yet" in text_of(at.info)


def test_resume_form_opens_a_stored_assessment_from_a_pasted_link(store, rubric, examples):
    token = store.create(examples["harbor-legal-ai"])
    at = run(new_app())
    next(t for t in at.text_input if t.label.startswith("Your private resume link")).input(
        f"http://localhost:8501/questionnaire?a={token}"
    )
    run(at.form_submit_button[1].click())
    assert at.query_params["a"] == token
    assert at.session_state["olr-assessment"] == store.load(token).assessment


def test_resume_form_with_an_unknown_link_says_so_and_changes_nothing(store, rubric):
    at = run(new_app())
    next(t for t in at.text_input if t.label.startswith("Your private resume link")).input("not-a-real-token")
    run(at.form_submit_button[1].click())
    assert "No assessment matches this resume link" in text_of(at.error)
    assert "a" not in at.query_params


def test_unknown_link_in_the_url_shows_an_error(store):
    at = new_app()
    at.query_params["a"] = "x" * 43
    run(at)
    assert "No assessment matches this resume link" in text_of(at.error)
    assert "a" not in at.query_params


def test_user_text_is_shown_literally_never_as_markdown(store, rubric, open_app):
    name = "Evil *Corp* [click](javascript:alert(1)) <b>x</b> :red[hi]"
    at, _ = open_app(new_assessment(rubric, name=name))
    shown = next(m.value for m in at.sidebar.markdown if "Evil" in m.value).split("\n")[0]
    assert "\\*Corp\\*" in shown and "\\[click\\]" in shown and "\\<b\\>" in shown and "\\:red\\[" in shown
    assert shown.replace("\\", "") == f"**{name}**"


def test_resume_link_keeps_only_a_plausible_host(store, rubric, open_app):
    at, token = open_app(new_assessment(rubric, name="Link Co"))
    link = next(m.value for m in at.sidebar.markdown if "questionnaire?a=" in m.value)
    assert f"[http://localhost:8501/questionnaire?a={token}](http://localhost:8501/questionnaire?a={token})" in link
    odd = new_app()
    odd.query_params["a"] = token
    odd.context["url"] = "http://evil)[x](javascript:alert(1)/"
    run(odd)
    shown = next(m.value for m in odd.sidebar.markdown if "questionnaire?a=" in m.value)
    assert "javascript" not in shown and f"http://localhost:8501/questionnaire?a={token}" in shown
    fine = new_app()
    fine.query_params["a"] = token
    fine.context["url"] = "https://readiness.example.org:8443/results"
    run(fine)
    shown = next(m.value for m in fine.sidebar.markdown if "questionnaire?a=" in m.value)
    assert f"(https://readiness.example.org:8443/questionnaire?a={token})" in shown


def test_an_empty_form_creates_nothing_and_asks_for_the_name(store):
    at = run(new_app())
    run(at.form_submit_button[0].click())
    assert "Give the company's name to start" in text_of(at.error)
    assert "a" not in at.query_params
    assert "olr-assessment" not in at.session_state or at.session_state["olr-assessment"] is None
    store.ping()  # brings the schema up, so the count below can be taken
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM assessments").scalar() == 0


def _open_on_start(open_app, rubric):
    at, token = open_app(new_assessment(rubric, name="First Co", stage="Seed", niche="Legal"))
    return at, token


def test_the_profile_can_be_edited_after_the_start(store, rubric, open_app):
    at, token = _open_on_start(open_app, rubric)
    assert "Edit the company profile" in [e.label for e in at.expander]
    run(at.text_input(key="profile-name-1").input("  Renamed Co "))
    run(at.text_input(key="profile-niche-1").input("Contract review for mid-size firms"))
    run(at.text_input(key="profile-assessor-1").input("Dana Lee"))
    run(at.selectbox(key="profile-stage-1").select("Series A"))
    company = store.load(token).assessment.company
    assert (company.name, company.niche, company.assessor, company.stage) == (
        "Renamed Co", "Contract review for mid-size firms", "Dana Lee", "Series A")
    assert "You are working on: Renamed Co" in text_of(at.markdown)
    # A name cannot be emptied: said, and the saved one stays.
    run(at.text_input(key="profile-name-1").input(""))
    assert "The company needs a name" in text_of(at.warning)
    assert store.load(token).assessment.company.name == "Renamed Co"


def test_starting_a_new_assessment_over_an_open_one_asks_first(store, rubric, open_app):
    at, token = _open_on_start(open_app, rubric)
    next(t for t in at.text_input if t.label == "Company name" and not t.key).input("Second Co")
    run(at.form_submit_button[0].click())
    assert "First Co** is open. Start a new assessment for **Second Co** instead?" in text_of(at.warning)
    assert at.query_params["a"] == token  # nothing replaced yet
    run(at.button(key="start-new-no").click())
    assert at.query_params["a"] == token and "is open" not in text_of(at.warning)
    next(t for t in at.text_input if t.label == "Company name" and not t.key).input("Second Co")
    run(at.form_submit_button[0].click())
    run(at.button(key="start-new-yes").click())
    new_token = at.query_params["a"]
    assert new_token != token
    assert store.load(new_token).assessment.company.name == "Second Co"
    assert store.load(token).assessment.company.name == "First Co"  # the old one stays saved


def test_the_open_assessment_counts_dont_know_apart(open_app, rubric):
    dont_know = {q.id: Answer(choice=rubric.dont_know.id) for q in rubric.questions[:2]}
    real = {q.id: Answer(choice=q.choices[0].id) for q in rubric.questions[2:5]}
    doc = new_assessment(rubric, name="Counted").model_copy(update={"answers": {**dont_know, **real}})
    at, _ = open_app(doc)
    shown = text_of(at.markdown)
    assert "3 of " in shown and "questions answered, 2 don't know" in shown
    assert "5 of " not in shown

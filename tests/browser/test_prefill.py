"""A founder in Chromium uploads a model card, accepts suggestions against their questions, downloads a badge."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from assessment.answers import Answer, new_assessment
from tests.assessment.modelcard.test_prefill import CARDS
from tests.browser.server import choose_tab, idle
from tests.browser.test_founder_flow import question_radios, start_new, wait_until

pytestmark = pytest.mark.browser


def suggestion_box(page, note: str):
    """The innermost block holding a suggestion's note (each suggestion sits in a box inside its question)."""
    return page.locator("[data-testid=stVerticalBlock]").filter(has_text=note).last


def test_upload_a_card_accept_one_ignore_one_and_keep_a_given_answer(page, app_server, rubric, store, shoot):
    token = start_new(page, app_server.url, "Quill Labs")
    page.get_by_text("Prefill from a model card", exact=True).click()
    page.locator("input[type=file]").set_input_files(str(CARDS / "permissive.md"))
    page.get_by_text("6 suggestions from permissive.md").wait_for()
    page.get_by_role("button", name="Release the model weights (2)").click()
    page.get_by_text("Can anyone download the weights").first.wait_for()
    page.get_by_text("line 2: license: apache-2.0").first.wait_for()
    shoot(page, "suggestion-inline")
    assert store.load(token).assessment.answers == {}  # reading a card answers nothing
    release = suggestion_box(page, "Choose another answer if this is not your current best")
    release.get_by_role("button", name="Accept").click()
    wait_until(lambda: "weights-released" in store.load(token).assessment.answers)
    saved = store.load(token).assessment.answers["weights-released"]
    assert saved == Answer(choice="open", evidence="From the model card (permissive.md): line 2: license: apache-2.0")
    page.get_by_text("Yes - openly downloadable").first.wait_for()
    # Its note, collapsed to one line, now holds the evidence, as saved.
    page.get_by_text("Evidence note: From the model card (permissive.md): line 2:", exact=False).first.click()
    note = page.get_by_label(rubric.question_index["weights-released"][1].evidence_prompt).first
    note.wait_for()
    wait_until(lambda: note.input_value() == saved.evidence)
    hub = suggestion_box(page, "The card has a licence and a runnable example")
    hub.get_by_role("button", name="Ignore").click()
    page.get_by_text("4 suggestions from permissive.md").wait_for()
    assert "weights-hub" not in store.load(token).assessment.answers


def test_the_badge_downloads_from_the_download_page(page, app_server, rubric, store, examples):
    token = store.create(examples["harbor-legal-ai"])
    page.goto(f"{app_server.url}download?a={token}")
    page.get_by_text("README badge (SVG)").wait_for(timeout=90_000)  # a cold server loads the store and reportlab
    page.get_by_text("![open-LLM readiness: Leading 95.5](harbor-legal-ai-fictional-readiness-badge.svg)").wait_for()
    preview = page.get_by_role("img", name="readiness badge")
    wait_until(lambda: preview.evaluate("img => img.complete && img.naturalWidth > 100"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download badge").click()
    path = download.value.path()
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Leading 95.5" in "".join(root.itertext())
    assert download.value.suggested_filename == "harbor-legal-ai-fictional-readiness-badge.svg"


def test_an_unfit_file_gets_its_message_on_the_start_page(page, app_server, rubric, store, tmp_path):
    from playwright.sync_api import expect

    token = store.create(new_assessment(rubric, name="Quill"))
    page.goto(f"{app_server.url}?a={token}")
    page.get_by_text("You are working on: Quill").wait_for()
    choose_tab(page, "Prefill from a model card")
    card = tmp_path / "README.md"
    card.write_text("# Just a README, no front matter\n")
    page.locator("input[type=file]").last.set_input_files(str(card))
    expect(page.get_by_text("This model card could not be read.")).to_be_visible(timeout=30_000)
    page.get_by_text("no YAML front matter").wait_for()
    assert store.load(token).assessment.answers == {}


def test_replacing_an_answer_on_the_questionnaire_stays_after_the_next_clicks(page, app_server, rubric, store):
    """The browser holds the old choice and note of a question whose answer a suggestion replaced; they
    must not come back with the next click (they did: the next click saved the old choice and an empty
    note over the accepted ones)."""
    from playwright.sync_api import expect

    doc = new_assessment(rubric, name="Quill Labs").model_copy(update={"answers": {
        "weights-released": Answer(choice="open"), "weights-hub": Answer(choice="partial", evidence="our README")}})
    token = store.create(doc)
    store.save_position(token, "release-weights")
    page.goto(f"{app_server.url}questionnaire?a={token}")
    page.get_by_text("Prefill from a model card", exact=True).click()
    page.locator("input[type=file]").set_input_files(str(CARDS / "permissive.md"))
    page.get_by_text("6 suggestions from permissive.md").wait_for()
    idle(page)
    released = suggestion_box(page, "Choose another answer if this is not your current best")
    released.get_by_role("button", name="Accept (add the evidence)").click()
    wait_until(lambda: store.load(token).assessment.answers["weights-released"].evidence != "")
    idle(page)
    hub = suggestion_box(page, "The card has a licence and a runnable example")
    hub.get_by_role("button", name="Replace my answer").click()
    wait_until(lambda: store.load(token).assessment.answers["weights-hub"].choice == "complete")
    idle(page)
    accepted = store.load(token).assessment.answers
    cadence = rubric.question_index["weights-cadence"][1]
    question_radios(page, cadence).get_by_text(cadence.choices[0].label, exact=True).click()  # the next click
    wait_until(lambda: "weights-cadence" in store.load(token).assessment.answers)
    idle(page)
    page.get_by_role("button", name=re.compile("Previous: ")).click()  # and a move
    page.get_by_role("heading", name=re.compile("technical team")).first.wait_for()
    idle(page)
    after = store.load(token).assessment.answers
    assert after["weights-released"] == accepted["weights-released"]
    assert after["weights-hub"] == accepted["weights-hub"] and after["weights-hub"].choice == "complete"
    assert "our README" in after["weights-hub"].evidence and "permissive.md" in after["weights-hub"].evidence
    store.save_position(token, "release-weights")
    page.goto(f"{app_server.url}questionnaire?a={token}")
    hub_question = rubric.question_index["weights-hub"][1]
    expect(question_radios(page, hub_question).get_by_role(
        "radio", name=hub_question.choices[0].label)).to_be_checked()

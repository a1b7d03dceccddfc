"""A person in Chromium: a note saved with its button survives a reload; downloads keep a Unicode name."""

from __future__ import annotations

import pytest

from assessment.answers import new_assessment
from tests.browser.test_founder_flow import pick, start_new, wait_until

pytestmark = pytest.mark.browser


def test_a_note_saved_with_its_button_survives_a_reload(page, app_server, rubric, store, shoot):
    token = start_new(page, app_server.url, "Note Co")
    question = rubric.principles[0].questions[0]
    pick(page, question, question.choices[0].label)
    note = page.get_by_label(question.evidence_prompt).first
    note.wait_for()
    page.get_by_text("Saved when you click outside the box").first.wait_for()
    # Typed, then straight to the button: no Ctrl+Enter, no click elsewhere first.
    note.fill("Signed pilot with Firm A, 2024-05")
    page.get_by_role("button", name="Save note").first.click()
    page.get_by_text("Note saved.").first.wait_for()
    wait_until(lambda: store.load(token).assessment.answers[question.id].evidence
               == "Signed pilot with Firm A, 2024-05")
    shoot(page, "note-saved")
    page.reload()
    page.get_by_label(question.evidence_prompt).first.wait_for()
    assert page.get_by_label(question.evidence_prompt).first.input_value() == "Signed pilot with Firm A, 2024-05"


def test_downloads_are_named_after_the_company_in_its_own_script(page, app_server, rubric, store):
    token = store.create(new_assessment(rubric, name="<b>Ünïcødé 株式会社 🚀</b>"))
    page.goto(f"{app_server.url}download?a={token}")
    names = {}
    for button in ("Download PDF", "Download Markdown", "Download JSON"):
        with page.expect_download() as download:
            page.get_by_role("button", name=button).click()
        names[button] = download.value.suggested_filename
    assert names == {
        "Download PDF": "ünïcødé-株式会社-readiness.pdf",
        "Download Markdown": "ünïcødé-株式会社-readiness.md",
        "Download JSON": "ünïcødé-株式会社-readiness.json",
    }

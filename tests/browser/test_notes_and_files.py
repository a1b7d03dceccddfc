"""A person in Chromium: downloads keep a Unicode name (notes: test_no_loss)."""

from __future__ import annotations

import pytest

from assessment.answers import new_assessment

pytestmark = pytest.mark.browser


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

"""The facilitator dashboard's Re-run tab: a re-run with the same companies, opened with the same key,
whose exports compare with the run before (AppTest)."""

from __future__ import annotations

import io

import pandas as pd

from assessment.progress.reruns import WorkshopReruns
from assessment.storage.store import Store
from assessment.workshop.store import WorkshopStore
from reports.workshop.exports import SINCE_SHEET, cohort_excel
from tests.ui.workshop.test_pages import DASHBOARD, app, db, page_text, sign_in, workshop  # noqa: F401
from ui.workshop import session as ws


def test_rerun_from_the_dashboard(db, workshop, rubric):  # noqa: F811
    at = sign_in(app(DASHBOARD), workshop.id, workshop.key)
    at = next(b for b in at.button if b.label == "Re-run this workshop").click().run()
    assert not at.exception
    text = page_text(at)
    assert "Re-run created: workshop ID" in text
    assert all(name in text for name in ("Acme Models", "Beta Labs", "Gamma AI"))
    store = Store(db)
    workshops = WorkshopStore(store)
    fac = workshops.authenticate(workshop.id, workshop.key, guesser="test")
    made = at.session_state["ws-rerun-made"]
    rerun_fac = workshops.authenticate(made.id, workshop.key, guesser="test")  # the same key opens the re-run
    assert WorkshopReruns(workshops).previous(rerun_fac).workshop_id == fac.workshop_id
    # Signed in to the re-run, the exports say they compare with the run before.
    again = sign_in(app(DASHBOARD), made.id, workshop.key)
    assert "re-runs an earlier one" in page_text(again)
    previous = ws.previous_cohort(rerun_fac)
    assert previous is not None and [c.name for c in previous.companies][:2] == ["Acme Models", "Beta Labs"]
    sheets = pd.read_excel(io.BytesIO(cohort_excel(ws.cohort(rerun_fac), previous)), sheet_name=None)
    since = sheets[SINCE_SHEET]
    assert list(since["Company"]) == ["Acme Models", "Beta Labs", "Gamma AI"]
    assert since["Previous overall"].notna().sum() == 0  # nobody has answered in the re-run yet
    store.close()

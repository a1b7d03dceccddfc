"""The workbench page in AppTest: what a person sees, what is saved, and what bad input does."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.answers import Assessment, new_assessment
from assessment.store import Store
from assessment.workbench import dump_workbench, example_workbench, parse_workbench

ROOT = Path(__file__).resolve().parents[2]
PAGE = "ui/pages/workbench.py"
NO_CHANGE = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def open_page(store: Store, assessment: Assessment, page: str = PAGE) -> tuple[AppTest, str]:
    token = store.create(assessment)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["a"] = token
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at, token


def number(at: AppTest, label: str):
    return next(n for n in at.number_input if n.label == label)


def errors(at: AppTest) -> str:
    """Every error message on the page, markdown escapes removed."""
    return "\n".join(e.value for e in at.error).replace("\\", "")


def comparison(at: AppTest):
    """The results table (the grid is the first dataframe on the page)."""
    frame = at.dataframe[1].value
    return dict(zip(frame["Option"], frame["Monthly cost ($)"], strict=True))


def edit_grid(at: AppTest, edits: dict) -> None:
    grid = at.dataframe[0]
    key = grid.key if not grid.key.startswith("$$ID") else grid.key.split("-", 2)[2]
    at.session_state[key] = {**NO_CHANGE, **edits}
    at.run()
    assert not at.exception, at.exception


def saved(store: Store, token: str) -> dict | None:
    return store.load(token).assessment.workbench


def test_saved_worksheet_shows_every_result(store, examples):
    at, _ = open_page(store, examples["harbor-legal-ai"])
    assert [t.value for t in at.title] == ["Price/performance workbench"]
    captions = " ".join(c.value for c in at.caption)
    assert "1.16B tokens a month (1.08B input, 84M output)" in captions
    assert "Saved with your assessment" in captions
    costs = comparison(at)
    assert costs["Closed API, large tier (illustrative)"] == pytest.approx(6_660)
    assert costs["Harbor Contract 8B, self-hosted"] == pytest.approx(2_806)
    frontier = at.dataframe[1].value.set_index("Option")["Pareto frontier"]
    assert not frontier["Closed API, large tier (illustrative)"] and frontier["Harbor Contract 32B, self-hosted"]
    breaks = at.dataframe[2].value
    assert len(breaks) == 4  # 2 self-hosted x 2 APIs
    assert set(breaks["Today"]) == {
        "Self-hosted already cheaper",
        "Self-hosted cheaper at higher volume",
        "Self-hosted never cheaper",
    }
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "that advantage is gone by month 7" in text
    assert [b.proto.label for b in at.get("download_button")] == [
        "Download the comparison (CSV)",
        "Download break-even (CSV)",
    ]
    assert "not market prices" in " ".join(w.value for w in at.warning)


def test_first_visit_shows_examples_and_saves_only_after_a_change(store, rubric):
    at, token = open_page(store, new_assessment(rubric, name="Newco"))
    assert "Example rows, not saved yet" in " ".join(c.value for c in at.caption)
    assert "EXAMPLE closed API, large tier" in comparison(at)
    assert saved(store, token) is None  # looking is not saving
    number(at, "Requests per month").set_value(400_000).run()
    stored = parse_workbench(saved(store, token))
    assert stored.workload.monthly_requests == 400_000
    assert stored.options == example_workbench().options
    assert "Saved with your assessment" in " ".join(c.value for c in at.caption)
    # 400,000 x (6,000 in + 800 out): 2,400M x $5 + 320M x $15 = $12,000 + $4,800
    assert comparison(at)["EXAMPLE closed API, large tier"] == pytest.approx(16_800)


def test_bad_workload_field_keeps_the_last_result_and_the_saved_worksheet(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    before = saved(store, token)
    number(at, "Requests per month").set_value(0).run()
    assert "must be greater than 0" in errors(at)
    assert "results below are from your last valid inputs" in " ".join(w.value for w in at.warning)
    assert comparison(at)["Closed API, large tier (illustrative)"] == pytest.approx(6_660)
    assert saved(store, token) == before
    number(at, "Requests per month").set_value(240_000).run()  # fixed: the message goes, results follow
    assert errors(at) == ""
    assert comparison(at)["Closed API, large tier (illustrative)"] == pytest.approx(2 * 6_660)
    assert parse_workbench(saved(store, token)).workload.monthly_requests == 240_000


def test_bad_cell_is_named_by_row_and_column(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    before = saved(store, token)
    edit_grid(at, {"edited_rows": {2: {"Target utilisation %": 150}, 3: {"$ / GPU-hour": 0}}})
    text = errors(at)
    assert "Row 3 (Harbor Contract 8B, self-hosted), Target utilisation: must be above 0% and at most 100%" in text
    assert "Row 4 (Harbor Contract 32B, self-hosted), Price per GPU-hour: must be greater than $0" in text
    assert comparison(at)["Harbor Contract 8B, self-hosted"] == pytest.approx(2_806)  # last valid result
    assert saved(store, token) == before


def test_absurd_gpu_count_is_refused(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    before = saved(store, token)
    edit_grid(at, {"edited_rows": {2: {"GPUs / replica": 1_000_000}}})
    assert "GPUs per replica: must be at most 512 (is this value realistic?)" in errors(at)
    assert saved(store, token) == before


def test_empty_table_is_an_error(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    before = saved(store, token)
    edit_grid(at, {"deleted_rows": [0, 1, 2, 3]})
    assert "add at least one option (the table is empty)" in errors(at)
    assert saved(store, token) == before


def test_valid_cell_edit_updates_results_and_is_saved(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    edit_grid(at, {"edited_rows": {2: {"$ / GPU-hour": 4.4}}})
    # 1 GPU x $4.40 x 730 h = $3,212, plus $1,200 ops = $4,412
    assert comparison(at)["Harbor Contract 8B, self-hosted"] == pytest.approx(4_412)
    stored = parse_workbench(saved(store, token))
    assert stored.options[2].gpu_hour_price == 4.4


def test_added_row_joins_the_comparison(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    new_row = {"Option": "Open model via partner API", "Kind": "Hosted API", "Quality (0-100)": 80, "Example": False}
    edit_grid(at, {"added_rows": [{**new_row, "$ / 1M input": 1, "$ / 1M output": 2}]})
    # 1,080M x $1 + 84M x $2 = $1,080 + $168 = $1,248
    assert comparison(at)["Open model via partner API"] == pytest.approx(1_248)
    assert len(parse_workbench(saved(store, token)).options) == 5


def test_projection_settings(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    number(at, "API prices fall by a factor of").set_value(0.5).run()
    assert "must be at least 1 (1 means prices do not fall)" in errors(at)
    number(at, "API prices fall by a factor of").set_value(1.0).run()
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "stays cheaper than Closed API, large tier (illustrative) for the whole period (1x over 18 months)" in text
    assert parse_workbench(saved(store, token)).projection.factor == 1


def test_monthly_token_totals(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    at.radio[0].set_value("tokens").run()
    assert number(at, "Input tokens per month").value == 1_080_000_000  # carried over from the requests
    assert comparison(at)["Closed API, large tier (illustrative)"] == pytest.approx(6_660)
    assert parse_workbench(saved(store, token)).workload.basis == "tokens"


def test_start_over_from_examples(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    next(b for b in at.button if b.label == "Start over from the example rows").click().run()
    assert "EXAMPLE our 8B, self-hosted" in comparison(at)
    assert parse_workbench(saved(store, token)).options == example_workbench().options


def test_unreadable_saved_worksheet_is_kept_until_changed(store, examples):
    broken = dump_workbench(example_workbench())
    broken["options"][0]["price_per_m_input"] = -1
    doc = examples["harbor-legal-ai"].model_copy(update={"workbench": broken})
    at, token = open_page(store, doc)
    assert "Your saved worksheet could not be read" in errors(at)
    assert saved(store, token) == broken
    number(at, "Requests per month").set_value(100_000).run()  # a change replaces it with a valid one
    assert parse_workbench(saved(store, token)).workload.monthly_requests == 100_000


def test_results_page_links_the_gap_to_the_workbench(store, examples):
    at, _ = open_page(store, examples["nimbus-foundation-lab"], page="ui/pages/results.py")
    links = [(link.proto.label, link.proto.page) for link in at.get("page_link")]
    assert any(label == "Open the price/performance workbench" for label, _ in links), links


def test_a_fractional_saved_average_is_kept_as_saved(store, examples):
    data = dump_workbench(parse_workbench(examples["harbor-legal-ai"].workbench))
    data["workload"]["output_tokens_per_request"] = 712.5
    doc = examples["harbor-legal-ai"].model_copy(update={"workbench": data})
    at, token = open_page(store, doc)
    assert number(at, "Output tokens per request").value == 712.5
    assert saved(store, token) == data  # visiting does not round and re-save it
    # 120,000 x 712.5 = 85.5M output tokens: 1,080 x $5 + 85.5 x $15 = $5,400 + $1,282.50
    assert comparison(at)["Closed API, large tier (illustrative)"] == pytest.approx(6_682.5)

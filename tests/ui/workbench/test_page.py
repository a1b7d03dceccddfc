"""The workbench page in AppTest: what a person sees, what is saved, and what bad input does."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.answers import Assessment, new_assessment
from assessment.storage.store import Store
from assessment.workbench import dump_workbench, example_workbench, parse_workbench

ROOT = Path(__file__).resolve().parents[3]
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
    """Monthly cost per option, as the results table (the first st.table) shows it."""
    frame = at.table[0].value
    names = [name.replace("\\", "") for name in frame["Option"]]
    costs = [float(cost.replace("$", "").replace(",", "")) for cost in frame["Monthly cost"]]
    return dict(zip(names, costs, strict=True))


def grid_key(at: AppTest, part: str) -> str:
    """The widget key of one options grid: "what" (name, kind, ...), "api", "gpus" or "load"."""
    keys = [g.key if not g.key.startswith("$$ID") else g.key.split("-", 2)[2] for g in at.dataframe]
    return next(k for k in keys if f"-grid-{part}-" in k)


def edit_grid(at: AppTest, edits: dict, part: str = "what") -> None:
    at.session_state[grid_key(at, part)] = {**NO_CHANGE, **edits}
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
    table = at.table[0].value
    frontier = dict(zip([n.replace("\\", "") for n in table["Option"]], table["Pareto frontier"], strict=True))
    assert frontier["Closed API, large tier (illustrative)"] == "no"
    assert frontier["Harbor Contract 32B, self-hosted"] == "yes"
    # Cells that do not apply to an option's kind say so; none reads "None" or starts with "-"
    # (a Markdown bullet in st.table).
    assert list(table["Load"])[:2] == ["n/a", "n/a"]
    breaks = at.table[1].value
    for frame in (table, breaks):
        cells = [str(v) for v in frame.to_numpy().ravel()]
        assert not [c for c in cells if c in ("None", "nan") or c.startswith("-")]
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
    assert "must be at least 1" in errors(at)
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
    edit_grid(at, {"edited_rows": {0: {"Target utilisation %": 150}}}, part="load")  # the self-hosted rows: 3 and 4
    edit_grid(at, {"edited_rows": {1: {"$ / GPU-hour": 0}}}, part="gpus")
    text = errors(at)
    assert "Row 3 (Harbor Contract 8B, self-hosted), Target utilisation: must be above 0% and at most 100%" in text
    assert "Row 4 (Harbor Contract 32B, self-hosted), Price per GPU-hour: must be at least $0.001" in text
    assert comparison(at)["Harbor Contract 8B, self-hosted"] == pytest.approx(2_806)  # last valid result
    assert saved(store, token) == before


def test_absurd_gpu_count_is_refused(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    before = saved(store, token)
    edit_grid(at, {"edited_rows": {0: {"GPUs / replica": 1_000_000}}}, part="gpus")
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
    edit_grid(at, {"edited_rows": {0: {"$ / GPU-hour": 4.4}}}, part="gpus")
    # 1 GPU x $4.40 x 730 h = $3,212, plus $1,200 ops = $4,412
    assert comparison(at)["Harbor Contract 8B, self-hosted"] == pytest.approx(4_412)
    stored = parse_workbench(saved(store, token))
    assert stored.options[2].gpu_hour_price == 4.4


def grid_rows(at: AppTest, part: str) -> list[dict]:
    grid = next(g for g in at.dataframe if f"-grid-{part}-" in g.key)
    return grid.value.to_dict("records")


def test_added_row_joins_the_comparison(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    new_row = {"Option": "Open model via partner API", "Kind": "Hosted API", "Quality (0-100)": 80, "Example": False}
    edit_grid(at, {"added_rows": [new_row]})
    # the new row is in the prices grid at once, waiting for its prices; nothing is saved meanwhile
    assert [r["Option"] for r in grid_rows(at, "api")][-1] == "Open model via partner API"
    assert "Open model via partner API" not in [r["Option"] for r in grid_rows(at, "gpus")]
    assert "Row 5 (Open model via partner API), Price per 1M input tokens" in errors(at)
    assert len(parse_workbench(saved(store, token)).options) == 4
    edit_grid(at, {"edited_rows": {2: {"$ / 1M input": 1, "$ / 1M output": 2}}}, part="api")
    # 1,080M x $1 + 84M x $2 = $1,080 + $168 = $1,248
    assert comparison(at)["Open model via partner API"] == pytest.approx(1_248)
    stored = parse_workbench(saved(store, token))
    assert [o.name for o in stored.options][-1] == "Open model via partner API"
    assert len(stored.options) == 5
    assert (stored.options[4].price_per_m_input, stored.options[4].quality) == (1, 80)


def test_an_edit_in_each_grid_is_saved(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    before = parse_workbench(saved(store, token)).options
    edit_grid(at, {"edited_rows": {1: {"Quality (0-100)": 77}}}, part="what")
    edit_grid(at, {"edited_rows": {0: {"$ / 1M output": 16.5}}}, part="api")
    edit_grid(at, {"edited_rows": {1: {"GPU type": "H100 80GB", "GPUs / replica": 2}}}, part="gpus")
    edit_grid(at, {"edited_rows": {0: {"Ops $ / month": 900, "Tokens/s / replica": 2_500}}}, part="load")
    stored = parse_workbench(saved(store, token)).options
    assert stored[1].quality == 77 and stored[0].price_per_m_output == 16.5
    assert (stored[3].gpu_label, stored[3].gpus_per_replica) == ("H100 80GB", 2)
    assert (stored[2].ops_monthly, stored[2].tokens_per_second) == (900, 2_500)
    changed = {0: "price_per_m_output", 1: "quality", 2: ("ops_monthly", "tokens_per_second"),
               3: ("gpu_label", "gpus_per_replica")}
    for i, option in enumerate(stored):  # everything else is as it was, in the same order
        fields = changed[i] if isinstance(changed[i], tuple) else (changed[i],)
        assert option.model_copy(update={f: getattr(before[i], f) for f in fields}) == before[i]


def test_a_rename_or_delete_in_the_first_grid_reaches_the_others(store, examples):
    at, token = open_page(store, examples["harbor-legal-ai"])
    edit_grid(at, {"edited_rows": {0: {"Option": "Big closed API"}}})
    assert grid_rows(at, "api")[0]["Option"] == "Big closed API"
    edit_grid(at, {"deleted_rows": [2]})  # the first self-hosted option
    assert [r["Option"] for r in grid_rows(at, "gpus")] == ["Harbor Contract 32B, self-hosted"]
    assert [r["Option"] for r in grid_rows(at, "load")] == ["Harbor Contract 32B, self-hosted"]
    names = [o.name for o in parse_workbench(saved(store, token)).options]
    assert names == ["Big closed API", "Closed API, small tier (illustrative)", "Harbor Contract 32B, self-hosted"]


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
    # 120,000 x 712.5 = 85.5M output tokens: 1,080 x $5 + 85.5 x $15 = $5,400 + $1,282.50 (shown in whole dollars)
    assert comparison(at)["Closed API, large tier (illustrative)"] == pytest.approx(6_682.5, abs=0.5)


@pytest.mark.parametrize(("label", "typed", "message"), [
    ("Requests per month", 1e308, "must be at most"),
    ("over this many months", 1e308, "must be at most"),
    ("over this many months", 2.5, "whole number"),
])
def test_a_huge_or_fractional_count_is_refused_not_saved_as_another_number(store, examples, label, typed, message):
    """Found by a breaker: a whole-number box read "1e308" as 1 and saved 1 without a word. The counts are
    float boxes now, so what was typed reaches the checks and is refused with a message."""
    at, token = open_page(store, examples["harbor-legal-ai"])
    before = saved(store, token)
    number(at, label).set_value(typed).run()
    assert message in errors(at)
    assert saved(store, token) == before
    assert number(at, label).value == typed  # the box shows what was typed, not a number it made up

"""The "Price and performance" report section, read back from the PDF (pypdf) and the Markdown."""

from __future__ import annotations

import pytest

from assessment.workbench import ApiOption, Workbench, compute, dump_workbench, example_workbench, parse_workbench
from reports import report_markdown, report_pdf
from reports.markdown import md_inline
from reports.workbench.charts import _spread, nice_ticks
from reports.workbench.section import break_even_rows, comparison_rows
from tests.assessment.workbench.helpers import tokens
from tests.reports.report_helpers import REPORT_DATE, outline, pdf_reader, pdf_text, squash

SECTION = "Price and performance"


@pytest.fixture(scope="module")
def harbor_pdf(rubric, examples) -> bytes:
    return report_pdf(rubric, examples["harbor-legal-ai"], today=REPORT_DATE)


@pytest.fixture(scope="module")
def harbor_md(rubric, examples) -> str:
    return report_markdown(rubric, examples["harbor-legal-ai"], today=REPORT_DATE)


def _section_text(text: str, start: str, end: str) -> str:
    text = squash(text)
    return text[text.index(start) : text.index(end, text.index(start))]


def test_pdf_outline_has_the_section_before_the_methodology(harbor_pdf):
    entries = outline(harbor_pdf)
    titles = [title for title, _ in entries]
    assert titles.index(SECTION) == titles.index("Methodology") - 1
    children = dict(entries)[SECTION]
    assert children == ["Comparison", "Break-even volumes", "If API prices fall 10x over 18 months"]


def test_pdf_states_the_table_break_even_and_projection(harbor_pdf, examples):
    text = _section_text(pdf_text(harbor_pdf), "Workload: 120,000 requests a month", "Methodology")
    # workload, worked by hand: 120,000 x (9,000 + 700) = 1,164M tokens
    assert "120,000 requests a month x (9,000 input + 700 output tokens) = 1.16B tokens a month" in text
    assert "not market prices" in text
    # the comparison table: $6,660 = 1,080 x $5 + 84 x $15; $2,806 = $2.20 x 730 + $1,200
    for figure in ("$6,660", "$666", "$2,806", "$4,712", "$5.722", "118.8", "Self-hosted: 1 replica, 2 GPUs"):
        assert figure in text, figure
    # break-even figures
    assert "10.5B tokens/month (1.08M requests)" in text
    assert "already cheaper at your volume, by $3,854 a month" in text
    assert "Self-hosting never gets cheaper" in text
    # projection: 18 x log10(6,660 / 2,806) = 6.76 -> month 7; 18 x log10(6,660 / 4,712) = 2.70 -> month 3
    assert "that advantage is gone by month 7" in text
    assert "that advantage is gone by month 3" in text


def test_pdf_charts_are_vector_drawings(harbor_pdf):
    reader = pdf_reader(harbor_pdf)
    pages = [p for p in reader.pages if "Months from now" in p.extract_text()]
    assert len(pages) == 1
    page = pages[0]
    text = page.extract_text()
    # the projection chart's own labels are text in the page (drawn, not pasted as a picture)
    for label in ("m3", "m7", "Monthly cost", "solid: hosted API (falling)"):
        assert label in text, label
    xobjects = page["/Resources"].get("/XObject") or {}
    assert all(xobjects[name].get_object().get("/Subtype") != "/Image" for name in xobjects)
    cost_page = next(p for p in reader.pages if "hollow: dominated" in p.extract_text())
    assert "Quality (0-100)" in cost_page.extract_text()


def test_markdown_has_the_same_section(harbor_md, examples):
    assert harbor_md.index(f"## {SECTION}") < harbor_md.index("## Methodology")
    section = harbor_md[harbor_md.index(f"## {SECTION}") : harbor_md.index("## Methodology")]
    for heading in ("### Comparison", "### Break-even volumes", "### If API prices fall 10x over 18 months"):
        assert heading in section
    assert "| # | Option | Kind | Quality | Monthly cost | $ per 1M tokens | Quality per $ | Frontier |" in section
    assert "| 3 | Harbor Contract 8B, self-hosted (example) | Self-hosted: 1 replica, 1 GPU | 87 | $2,806 |" in section
    assert "10.5B tokens/month (1.08M requests)" in section
    assert "that advantage is gone by month 7" in section
    assert "Price advantages disappear at month 3, month 7." in section  # the chart, in words


def test_pdf_and_markdown_print_the_same_figures(harbor_pdf, harbor_md, examples):
    result = compute(parse_workbench(examples["harbor-legal-ai"].workbench))
    pdf = squash(pdf_text(harbor_pdf))
    for row in (*comparison_rows(result), *break_even_rows(result)):
        for cell in row:
            if cell.startswith("$") or cell.startswith("-$") or "tokens/month" in cell:
                assert cell in pdf, cell
                assert cell in harbor_md, cell


def test_no_workbench_no_section(rubric, examples):
    doc = examples["closedwater-api"]
    assert doc.workbench is None
    assert SECTION not in [t for t, _ in outline(report_pdf(rubric, doc, today=REPORT_DATE))]
    assert f"## {SECTION}" not in report_markdown(rubric, doc, today=REPORT_DATE)


def test_unreadable_workbench_is_reported_not_fatal(rubric, examples):
    broken = dump_workbench(example_workbench())
    broken["options"][2]["target_utilisation_pct"] = 0
    doc = examples["closedwater-api"].model_copy(update={"workbench": broken})
    expected = "The saved price/performance worksheet could not be read: options[2].target_utilisation_pct"
    assert expected in squash(pdf_text(report_pdf(rubric, doc, today=REPORT_DATE)))
    assert md_inline(expected) in report_markdown(rubric, doc, today=REPORT_DATE)


def test_user_text_is_escaped(rubric, examples):
    name = "Ours | <b>bold</b> *x* # 1"
    wb = Workbench(
        workload=tokens(1e9),
        options=[ApiOption(name=name, quality=70, price_per_m_input=1, price_per_m_output=2)],
    )
    doc = examples["closedwater-api"].model_copy(update={"workbench": dump_workbench(wb)})
    md = report_markdown(rubric, doc, today=REPORT_DATE)
    assert "| 1 | Ours \\| \\<b\\>bold\\</b\\> \\*x\\* # 1 | Hosted API |" in md
    pdf = squash(pdf_text(report_pdf(rubric, doc, today=REPORT_DATE)))
    assert name in pdf  # printed literally, tags not interpreted
    # only hosted APIs: no break-even, no advantage to lose
    assert "Add a hosted API and a self-hosted option to the workbench to see break-even volumes." in pdf
    assert "there is no price advantage to lose" in pdf


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 7_000, [0, 2_000, 4_000, 6_000, 8_000]),
        (0, 100, [0, 20, 40, 60, 80, 100]),
        (63, 96, [60, 70, 80, 90, 100]),
        (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    ],
)
def test_nice_ticks(low, high, expected):
    assert nice_ticks(low, high, 4 if low == 63 else 5) == pytest.approx(expected)


def test_line_labels_are_spread_apart():
    assert _spread([(50.0, "a"), (52.0, "b"), (10.0, "c")], 8, 20) == [(20.0, "c"), (50.0, "a"), (58.0, "b")]

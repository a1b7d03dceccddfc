"""Price/performance workbench: compare hosted APIs with self-hosting an open model.

The playbook's third action is to "extensively benchmark price and performance vs. closed
models" and to do the pricing maths for customers, remembering that closed APIs get much cheaper
(it expects GPT-4-class prices to fall about 10x in 18 months). This package is that worksheet:
pure Python, no Streamlit; the app page, the reports and the tests all call it.

- `model`: the saved document (`Workbench`) and its validation, with messages per field;
- `compute`: monthly cost, cost per 1M tokens, quality per dollar, Pareto frontier, break-even
  volumes, the price-decline projection;
- `table`: the options as the app's editable grid and back;
- `export`: number formats, sentences (`answer_lines`: who wins and until when), comparison tables,
  CSV, the example worksheet.
"""

from assessment.workbench.compute import (
    AdvantageLoss,
    BreakEven,
    OptionResult,
    Outcome,
    ProjectionPoint,
    WorkbenchResult,
    advantage_loss,
    api_cost_at,
    break_even,
    compute,
    option_cost,
    pareto_frontier,
)
from assessment.workbench.export import (
    advantage_sentence,
    answer_lines,
    break_even_frame,
    break_even_sentence,
    comparison_csv,
    comparison_frame,
    example_workbench,
    money,
    quantity,
    to_csv,
    volume,
)
from assessment.workbench.model import (
    FIELDS,
    HOURS_PER_MONTH,
    MAX_TOTAL_GPUS,
    SECONDS_PER_MONTH,
    ApiOption,
    Problem,
    Projection,
    SelfHostedOption,
    Workbench,
    WorkbenchError,
    Workload,
    dump_workbench,
    parse_workbench,
)
from assessment.workbench.table import COLUMNS, build_workbench, options_from_rows, rows_from_options

__all__ = [
    "COLUMNS",
    "FIELDS",
    "HOURS_PER_MONTH",
    "MAX_TOTAL_GPUS",
    "SECONDS_PER_MONTH",
    "AdvantageLoss",
    "ApiOption",
    "BreakEven",
    "OptionResult",
    "Outcome",
    "Problem",
    "Projection",
    "ProjectionPoint",
    "SelfHostedOption",
    "Workbench",
    "WorkbenchError",
    "WorkbenchResult",
    "Workload",
    "advantage_loss",
    "advantage_sentence",
    "answer_lines",
    "api_cost_at",
    "break_even",
    "break_even_frame",
    "break_even_sentence",
    "build_workbench",
    "comparison_csv",
    "comparison_frame",
    "compute",
    "dump_workbench",
    "example_workbench",
    "money",
    "option_cost",
    "options_from_rows",
    "pareto_frontier",
    "parse_workbench",
    "quantity",
    "rows_from_options",
    "to_csv",
    "volume",
]

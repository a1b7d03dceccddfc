"""Price/performance workbench: the playbook's "benchmark price and performance vs. closed models"
worksheet. Inputs in, the engine (`assessment.workbench`) judges and computes, results out.

Only a valid worksheet is saved; while an input is wrong, its message shows on the field, the last
valid result stays on screen and the saved worksheet is left as it was."""

import streamlit as st

from assessment.workbench import (
    Workbench,
    WorkbenchError,
    build_workbench,
    compute,
    dump_workbench,
    example_workbench,
    parse_workbench,
)
from ui import downloads, session
from ui.components import workbench_inputs, workbench_results
from ui.components.text import md_escape

_, assessment = session.require()
key = f"wb-{session.generation()}"

st.title("Price/performance workbench")
st.markdown(
    "The playbook's third action: *extensively benchmark price and performance vs. closed models*."
    " Customers are trying to work out the pricing balance on their own - do it for them and show where"
    " you win. Closed APIs keep getting cheaper (the essay expects GPT-4-class prices to fall about 10x"
    " in 18 months), so check how long any price advantage lasts."
)

saved: Workbench | None = None
if assessment.workbench is not None:
    try:
        saved = parse_workbench(assessment.workbench, "saved worksheet")
    except WorkbenchError as error:
        st.error(
            md_escape(f"Your saved worksheet could not be read ({error.message}).")
            + " It is kept as it is until you change the worksheet below, which starts from the example rows.",
            icon=":material/error:",
        )
start = saved or example_workbench()

inputs = workbench_inputs.show(start, key)
try:
    workbench = build_workbench(inputs.workload, inputs.rows, inputs.projection)
except WorkbenchError as error:
    workbench = None
    workbench_inputs.show_problems(inputs, error)

# Save only a valid worksheet that differs from what is stored. Untouched starting rows are not
# written: neither the examples of a first visit nor over a saved worksheet that could not be read.
if workbench is not None and workbench != saved and (saved is not None or workbench != start):
    session.save_assessment(assessment.model_copy(update={"workbench": dump_workbench(workbench)}))
    saved = workbench

if workbench is not None and saved is not None and workbench == saved:
    st.caption(":material/check_circle: Saved with your assessment; it appears in the PDF and Markdown reports.")
elif workbench is not None:
    st.caption(":material/info: Example rows, not saved yet: change anything and the worksheet is saved.")

st.divider()
shown = workbench_results.remember(key, workbench)
if shown is None:
    st.info("Fix the inputs above to see results.")
    st.stop()
if workbench is None:
    st.warning(
        "**The results below are from your last valid inputs.** Fix the fields marked above to update them;"
        " your saved worksheet is unchanged.",
        icon=":material/history:",
    )
workbench_results.show(compute(shown), downloads.file_stem(assessment).removesuffix("-readiness"))

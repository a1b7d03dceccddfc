"""Price/performance workbench: the playbook's "benchmark price and performance vs. closed models"
worksheet. Inputs in, the engine (`assessment.workbench`) judges and computes, results out.

Only a valid worksheet is saved; while an input is wrong, its message shows on the field, the last
valid result stays on screen and the saved worksheet is left as it was."""

import streamlit as st

from assessment.errors import InputError
from assessment.workbench import (
    Workbench,
    WorkbenchError,
    build_workbench,
    compute,
    dump_workbench,
    example_workbench,
    parse_workbench,
)
from ui import session
from ui.files import downloads
from ui.frame.text import md_escape
from ui.workbench import inputs as workbench_inputs
from ui.workbench import results as workbench_results

_, assessment = session.require()
key = f"wb-{session.generation()}"

st.title("Price/performance workbench")
st.markdown(
    "The playbook's third action: *extensively benchmark price and performance vs. closed models*."
    " Customers are trying to work out the pricing balance on their own - do it for them and show where"
    " you win. Closed APIs keep getting cheaper (the essay expects GPT-4-class prices to fall about 10x"
    " in 18 months), so check how long any price advantage lasts."
)
answer_slot = st.container()  # the answer leads; it is filled once the worksheet is computed below

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
    try:
        session.save_assessment(assessment.model_copy(update={"workbench": dump_workbench(workbench)}))
        saved = workbench
    except InputError as error:  # the worksheet would take the assessment over what a file can hold
        st.error(f"Not saved: {md_escape(error.message)}")

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
computed = compute(shown)
with answer_slot:
    workbench_results.show_answer(computed, stale=workbench is None)
workbench_results.show(computed, downloads.file_stem(assessment).removesuffix("-readiness"))

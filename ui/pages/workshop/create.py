"""Create a workshop: a name and the companies in; the facilitator key and one join link per company out."""

import streamlit as st

from ui import session
from ui.frame.text import md_escape
from ui.workshop import session as ws

st.title("Create a workshop")
new = ws.created()

if new is None:
    st.markdown(
        "For a facilitated session: each company's people answer on their own laptops through their company's "
        "join link; you follow progress, each company's consensus and where its team disagrees, and compare "
        "the cohort on the dashboard."
    )
    rubric = session.rubric()
    st.caption(f"Rubric: {rubric.title}, version {rubric.version} ({rubric.id}), {len(rubric.questions)} questions.")
    with st.form("ws-create"):
        name = st.text_input("Workshop name", max_chars=200, placeholder="e.g. Spring accelerator cohort")
        companies = st.text_area("Companies, one per line", height=180, placeholder="Acme Models\nBeta Labs")
        if st.form_submit_button("Create the workshop", type="primary"):
            error = ws.create(name, [line for line in companies.splitlines() if line.strip()])
            if error:
                st.error(md_escape(error))
            else:
                st.rerun()
    st.stop()

if ws.facilitator() is not None:
    st.success(f"Workshop **{md_escape(new.name)}** created. You are signed in to its dashboard in this tab.")
else:  # created, but the sign-in right after failed (the database went away in between)
    st.success(f"Workshop **{md_escape(new.name)}** created.")
    st.warning("You could not be signed in to its dashboard just now (the database did not answer). Open the "
               "dashboard with the workshop ID and key below in a moment.", icon=":material/cloud_off:")
st.warning(
    "**Copy the facilitator key now.** It is shown only this once and is stored only as a hash: nobody can "
    "recover it. You need it, with the workshop ID, to open the dashboard and to export results.",
    icon=":material/key:",
)
cols = st.columns(2)
with cols[0]:
    st.markdown("**Workshop ID**")
    st.code(new.id, language=None)
with cols[1]:
    st.markdown("**Facilitator key**")
    st.code(new.key, language=None)

st.subheader("Join links")
st.caption("Send each company only its own link. Anyone with a company's link can join as that company.")
links = [(j.company, ws.link_for(j.token)) for j in new.joins]
for company, url in links:
    st.markdown(f"**{md_escape(company)}**")
    st.code(url, language=None, wrap_lines=True)

sheet = "\n".join([f"Workshop: {new.name}", f"Workshop ID: {new.id}", f"Facilitator key: {new.key}", "",
                   "Join links:", *(f"{c}: {u}" for c, u in links)]) + "\n"
st.download_button("Download the ID, key and links (text file)", data=sheet, file_name=f"workshop-{new.id}.txt",
                   mime="text/plain", icon=":material/download:")
cols = st.columns(2)
cols[0].page_link("ui/pages/workshop/dashboard.py", label="Open the dashboard", icon=":material/dashboard:")
if cols[1].button("I have saved the key: hide it", key="ws-hide-key"):
    ws.forget_created()
    st.switch_page("ui/pages/workshop/dashboard.py")

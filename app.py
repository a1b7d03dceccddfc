"""Open LLM Readiness - Streamlit entry point: page config and navigation only.

Run with `streamlit run app.py` (or `bash scripts/app.sh`). Every page lives in `ui/pages/`;
to add one, add an `st.Page` to PAGES below (see `ui/session/` for the helpers pages use).
"""

import streamlit as st

from ui import session
from ui.frame import sidebar as frame

st.set_page_config(page_title="Open LLM Readiness", page_icon="📊", layout="wide")

PAGES = {
    "Assessment": [
        st.Page("ui/pages/start.py", title="Start", icon=":material/home:", default=True),
        st.Page("ui/pages/questionnaire.py", title="Questionnaire", icon=":material/checklist:"),
        st.Page("ui/pages/results.py", title="Results", icon=":material/insights:"),
        st.Page("ui/pages/workbench.py", title="Price/performance", icon=":material/balance:"),
        st.Page("ui/pages/download.py", title="Download", icon=":material/download:"),
    ],
    "Workshop": [
        # url_path keeps the addresses of join links and bookmarks as they were (workshop_join?join=...).
        st.Page("ui/pages/workshop/join.py", url_path="workshop_join", title="Join a workshop",
                icon=":material/group_add:"),
        st.Page("ui/pages/workshop/dashboard.py", url_path="workshop_dashboard", title="Facilitator dashboard",
                icon=":material/dashboard:"),
        st.Page("ui/pages/workshop/create.py", url_path="workshop_create", title="Create a workshop",
                icon=":material/add_circle:"),
    ],
    "About": [
        st.Page("ui/pages/methodology.py", title="Methodology", icon=":material/menu_book:"),
    ],
}

session.restore()
page = st.navigation(PAGES)
frame.show()
page.run()

"""The database: engine set-up and tables (`db`), migrations (Alembic), the `Store`, and `autosave`.

May import the engine (`assessment.*`) and SQLAlchemy/Alembic; never `reports`, `ui` or streamlit.
"""

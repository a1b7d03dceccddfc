"""The Streamlit face of Open LLM Readiness: pages, components and session helpers (no scoring here)."""

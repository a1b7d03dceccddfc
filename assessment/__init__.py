"""Open LLM Readiness: the rubric, the scoring engine, storage and aggregation (no UI code)."""

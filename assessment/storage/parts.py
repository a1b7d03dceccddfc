"""Writes of one part of a stored assessment: one action-plan entry, some profile fields, the workbench.

Each is its own change, merged into what is stored inside one write transaction (SQLite takes the
write lock at BEGIN; PostgreSQL locks the row), so two tabs on one resume link never undo each
other's entries: a tab only ever writes what its person changed, as answers are written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError
from sqlalchemy import update

from assessment.answers import ActionItem, Assessment, Company
from assessment.errors import InputError, describe_validation_error
from assessment.storage.db import AssessmentRow, utcnow
from assessment.workbench.model import parse_workbench

ASSESSMENTS = AssessmentRow.__table__
PROFILE_FIELDS = tuple(Company.model_fields)


class PartWrites:
    """Mixed into `Store`: uses its `transaction`, `_digest`, `_find` and `_checked`."""

    def save_plan_item(self, token: str, key: str, item: ActionItem | None) -> None:
        """Set (or, with None or an empty item, remove) one action-plan entry; other entries stay."""
        if item is not None and not isinstance(item, ActionItem):
            raise InputError("action_plan", f"{key}: expected an action item")

        def change(doc: Assessment) -> dict[str, Any]:
            plan = dict(doc.action_plan)
            if item is None or item == ActionItem():
                plan.pop(key, None)
            else:
                plan[key] = item
            return {"action_plan": plan}

        self._merge(token, change)

    def save_profile(self, token: str, fields: Mapping[str, Any]) -> None:
        """Set the named company-profile fields (name, stage, niche, assessor, date); others stay."""
        unknown = sorted(set(fields) - set(PROFILE_FIELDS))
        if unknown:
            raise InputError("company", f"unknown field '{unknown[0]}'")

        def change(doc: Assessment) -> dict[str, Any]:
            try:
                company = Company.model_validate({**doc.company.model_dump(), **fields})
            except ValidationError as error:
                raise describe_validation_error("company", error) from None
            return {"company": company}

        self._merge(token, change)

    def save_workbench(self, token: str, workbench: dict[str, Any] | None) -> None:
        """Replace the price/performance worksheet only (checked as an assessment file's would be)."""
        if workbench is not None:
            parse_workbench(workbench, "assessment", prefix=("workbench",))
        self._merge(token, lambda _doc: {"workbench": workbench})

    def _merge(self, token: str, change: Callable[[Assessment], dict[str, Any]]) -> None:
        digest = self._digest(token)  # type: ignore[attr-defined]
        with self.transaction() as conn:  # type: ignore[attr-defined]
            row = self._find(conn, digest, lock=True)  # type: ignore[attr-defined]
            stored = Assessment.model_validate({
                "rubric": {"id": row.rubric_id, "version": row.rubric_version},
                "company": row.company,
                "action_plan": row.action_plan or {},
                "workbench": row.workbench,
            })
            doc = self._checked(stored.model_copy(update=change(stored)))  # type: ignore[attr-defined]
            conn.execute(update(ASSESSMENTS).where(ASSESSMENTS.c.id == row.id).values(
                company=doc.company.model_dump(mode="json"),
                action_plan={k: v.model_dump(mode="json") for k, v in doc.action_plan.items()},
                workbench=doc.workbench,
                updated_at=utcnow(),
            ))


"""Workshop IDs and names: fresh IDs, and the checks a workshop, company or display name passes."""

from __future__ import annotations

import re
import secrets

from assessment.errors import InputError
from assessment.names import clean_name
from assessment.storage.store import NotFound

WORKSHOP_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,32}")
UNKNOWN_WORKSHOP = "No workshop has this ID. Check the ID you were given when the workshop was created."


def new_workshop_id() -> str:
    """A fresh 12-character workshop ID (72 random bits) that never starts with "-".

    The ID is typed on the command line (`assessment workshop export ID`), where a leading "-" would
    be read as an option.
    """
    while True:
        workshop_id = secrets.token_urlsafe(9)
        if not workshop_id.startswith("-"):
            return workshop_id


def _clean_name(value: object, what: str, limit: int) -> str:
    text = " ".join(clean_name(str(value or "")).split())
    if not text:
        raise InputError(what, "must not be empty")
    if len(text) > limit:
        raise InputError(what, f"is {len(text)} characters long; the limit is {limit}")
    return text


def _name_taken(company: str, name: str) -> InputError:
    """A plain sentence for the person joining (no "display name:" prefix), with a name they could take."""
    example = f"{name} 2" if "(" in name else f"{name} (CTO)"  # never "Ada (CTO) (CTO)"
    return InputError("", f'Someone in {company} already uses the name "{name}". Choose another, e.g. "{example}".')


def _workshop_id(value: object) -> str:
    if not isinstance(value, str) or not WORKSHOP_ID_PATTERN.fullmatch(value.strip()):
        raise NotFound(UNKNOWN_WORKSHOP)
    return value.strip()

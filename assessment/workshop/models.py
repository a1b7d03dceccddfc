"""What workshop operations hand out: new workshops and join links, the facilitator's proof, progress rows.

`Facilitator` is only issued by `assessment.workshop.store.WorkshopStore` after a key or session check
(the seal below is private to this package).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from assessment.rubric import RubricRef

JOIN_PAGE = "workshop_join"  # the participant page's URL path (ui/pages/workshop/join.py)
JOIN_PARAM = "join"


@dataclass(frozen=True)
class JoinLink:
    company: str
    token: str  # secret: goes into the company's join link, stored only as a digest


@dataclass(frozen=True)
class NewWorkshop:
    """What the facilitator sees once, right after creating a workshop."""

    id: str
    name: str
    key: str  # secret, shown once; only its scrypt hash is stored
    joins: tuple[JoinLink, ...]


_SEAL = object()  # only the store issues sealed Facilitators


@dataclass(frozen=True)
class Facilitator:
    """Proof that the facilitator key was checked for `workshop_id` (issued by `authenticate` only)."""

    workshop_id: str
    name: str
    rubric: RubricRef
    _seal: object = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class JoinTarget:
    """All a participant learns from a join link: the workshop's and their own company's names."""

    workshop: str
    company: str
    rubric: RubricRef


@dataclass(frozen=True)
class Joined:
    workshop: str
    company: str
    display_name: str
    resume_token: str  # the participant's private link to their own assessment


@dataclass(frozen=True)
class ParticipantProgress:
    company: str
    name: str
    answered: int  # questions answered that apply to this participant (incl. "don't know")
    total: int  # questions that apply given their answers (the engine's Result.total)
    last_saved: dt.datetime

    @property
    def share(self) -> float:
        return self.answered / self.total if self.total else 0.0


def join_url(base_url: str, token: str) -> str:
    """A company's join link: the app's address, the join page and the token."""
    return f"{base_url.rstrip('/')}/{JOIN_PAGE}?{urlencode({JOIN_PARAM: token})}"

"""The report model's item views: gaps, gaps to confirm, actions, plan phases and the plan's later groups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class GapView:
    id: str
    title: str
    severity: str
    severity_label: str
    principle: str  # principle title
    reasoning: str
    actions: tuple[str, ...]
    caps_level: str | None  # label of the level it capped this result at, if it did
    blocks: tuple[str, ...]  # principle titles
    unblock: str
    follows_from: tuple[str, ...] = ()  # titles of the more basic open gaps it waits for (assessment.focus)
    wait_reason: str = ""  # why it waits, in the rubric's words

    @property
    def waits(self) -> bool:
        return bool(self.follows_from)

    @property
    def waits_line(self) -> str:
        """The one line a waiting gap gets in the report instead of its reasoning and actions."""
        basic = " and ".join(f'"{t}"' for t in self.follows_from)
        return f"{self.title} ({self.severity_label.lower()}, {self.principle}): after {basic}. {self.wait_reason}"

    @property
    def blocked_line(self) -> str:
        """The principles this gap blocks and what unblocks them, said once for all of them."""
        if not self.blocks:
            return ""
        return (f"Blocked until \"{self.title}\" is closed: {', '.join(self.blocks)} (each scored 0)."
                + (f" {self.unblock}" if self.unblock else ""))


@dataclass(frozen=True)
class ToConfirmView:
    """A gap that holds only because of "don't know" answers: an open question, not a finding."""

    id: str
    question: str  # the rubric's `to_confirm` ("Nobody could say whether there is a niche")
    title: str  # the gap it would be if confirmed
    severity_label: str
    asks: tuple[str, ...]  # the questions answered "don't know" that would settle it

    @property
    def line(self) -> str:
        asks = " ".join(self.asks)  # each is a question, ending with "?"
        return (f"{self.question}. If so: {self.title} ({self.severity_label.lower()})."
                + (f" Find out: {asks}" if asks else ""))


@dataclass(frozen=True)
class ActionView:
    text: str
    gap: str  # gap title
    severity_label: str
    owner: str  # user text
    due: dt.date | None
    done: bool
    overdue: bool = False  # not done, and due before the report date

    @property
    def status(self) -> str:
        return "Done" if self.done else "Overdue" if self.overdue else "Open"


@dataclass(frozen=True)
class PhaseView:
    label: str
    actions: tuple[ActionView, ...]


@dataclass(frozen=True)
class LaterGroup:
    """Gaps of the action plan's later part, grouped: those that follow from one gap, or the others still open."""

    label: str
    gaps: tuple[GapView, ...]

    @property
    def line(self) -> str:
        return "; ".join(f"{g.title} ({g.severity_label.lower()})" for g in self.gaps) + "."

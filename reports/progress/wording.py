"""The sentences and number formats of progress, shared by the report section, its chart and the brief."""

from __future__ import annotations

import datetime as dt

from assessment.progress.compare import ActionClosed, Comparison


def progress_title(since: dt.date | None) -> str:
    return f"Progress since {since.isoformat()}" if since else "Progress since the earlier assessment"


def signed(value: float | None) -> str:
    """ "+4.2", "-1.0", "0.0", or "n/a"."""
    if value is None:
        return "n/a"
    value = round(value, 1)
    return "0.0" if value == 0 else f"{value:+.1f}"


def score_text(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def level_change_line(c: Comparison) -> str:
    """ "Overall score 58.3 -> 71.0 (+12.7); level Developing -> Ready (provisional)." """
    def level(label: str, provisional: bool) -> str:
        return f"{label} (provisional)" if provisional else label

    old, new = level(c.old_level.label, c.old_provisional), level(c.new_level.label, c.new_provisional)
    moved = f"level {old} -> {new}" if old != new else f"level unchanged at {new}"
    scores = f"{score_text(c.overall.old)} -> {score_text(c.overall.new)} ({signed(c.overall.delta)})"
    return f"Overall score {scores}; {moved}."


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary_line(c: Comparison) -> str:
    """One line of counts: gaps closed and opened, answers changed, actions done (and planned actions that
    closed with their gap, when there are any)."""
    line = (f"{_n(len(c.gaps_closed), 'gap')} closed, {_n(len(c.gaps_opened), 'gap')} opened,"
            f" {_n(len(c.answers_changed), 'answer')} changed, {_n(len(c.actions_done), 'action-plan item')} done")
    if c.actions_closed:
        line += f", {closed_heading(len(c.actions_closed))}"
    return line + "."


def closed_heading(count: int) -> str:
    """ "1 planned action closed with its gap", "2 planned actions closed with their gap"."""
    return f"{_n(count, 'planned action')} closed with {'its' if count == 1 else 'their'} gap"


def closed_action_text(a: ActionClosed) -> str:
    """ "Write down the niche (Priya, due 2026-12-01)": the action and who had it."""
    who = ", ".join(x for x in (a.owner, f"due {a.due.isoformat()}" if a.due else "") if x)
    return f"{a.text or a.key} ({who})"

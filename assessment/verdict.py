"""How a result's level is stated: a firm verdict, or a provisional one with how much it rests on.

Every screen that names a level (the sidebar's live indicator, Results, Download, what-if) uses
these, so a provisional result never reads as a firm verdict in one place and not another.
Pure Python, no Streamlit.
"""

from __future__ import annotations

from assessment.scoring import Result


def level_label(result: Result) -> str:
    """"Ready", or "Provisional: Ready" while too few questions have a real answer."""
    return f"Provisional: {result.level.label}" if result.provisional else result.level.label


def answered_summary(result: Result) -> str:
    """"12 of 40 questions answered, 3 don't know" (the don't-know part only when there are any)."""
    text = f"{result.answered} of {result.total} question{'' if result.total == 1 else 's'} answered"
    if result.dont_know:
        text += f", {result.dont_know} don't know"
    return text


def provisional_detail(result: Result) -> str:
    """Why the level is not firm yet, in one line ("" when it is firm)."""
    if not result.provisional:
        return ""
    return f"{answered_summary(result)} - the level may change."

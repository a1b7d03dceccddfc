"""How a result's level is stated: a firm verdict, or a provisional one with how much it rests on.

Every screen and report that names a level (the sidebar's live indicator, Results, Download,
what-if, the reports, the CLI, the workshop dashboard) uses these, so a provisional result never
reads as a firm verdict in one place and not another, and no score or level shows anywhere before
`score_shown_from` allows it.
Pure Python, no Streamlit.
"""

from __future__ import annotations

from assessment.scoring import Result


def level_label(result: Result) -> str:
    """"Ready", "Provisional: Ready" while too few questions have a real answer, or "Not enough known to
    judge" (the rubric's `not_enough_known`) while most answers are "don't know"."""
    if not result.enough_known:
        return result.not_enough_known
    return f"Provisional: {result.level.label}" if result.provisional else result.level.label


def answered_summary(result: Result) -> str:
    """"12 of 40 questions answered, 3 don't know": real answers and "don't know" apart, never added up."""
    text = f"{result.real_answers} of {result.total} question{'' if result.total == 1 else 's'} answered"
    if result.dont_know:
        text += f", {result.dont_know} don't know"
    return text


NO_SCORE_YET = "No score or level yet"


def withheld_headline(result: Result) -> str:
    """The headline instead of a score and level while too few questions have a real answer
    (`score_shown_from`): "Not enough known to judge" when most answers are "don't know"."""
    return result.not_enough_known or NO_SCORE_YET


def withheld_detail(result: Result) -> str:
    """Why there is no score or level yet, and when there will be ("" once they are shown)."""
    if result.score_shown:
        return ""
    if not result.enough_known:
        return f"{answered_summary(result)}: no score or level until more questions have a real answer."
    n = result.answers_to_score
    return (f"{answered_summary(result)}: too few for a score to mean anything. Both appear, as a provisional"
            f" result, once {n} more question{'s have' if n != 1 else ' has'} a real answer.")


def provisional_detail(result: Result) -> str:
    """Why the level is not firm yet, in one line ("" when it is firm)."""
    if not result.provisional:
        return ""
    pending = [g.headline for g in (result.gap(i) for i in result.would_cap) if g is not None]
    if pending:  # a gap to confirm would lower the level
        return f"{answered_summary(result)} - the level may change: it would be lower if found true. {pending[0]}."
    return f"{answered_summary(result)} - the level may change."

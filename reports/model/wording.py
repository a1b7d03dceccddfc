"""Sentences both renderers print from the model: summary lines, the no-gap plan, the methodology."""

from __future__ import annotations

from reports.model.views import STRENGTH_MIN_SCORE, Report, fmt_percent, fmt_score


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph of rubric text (for one-line summaries)."""
    text = " ".join(text.split())
    for end in (". ", "! ", "? "):
        i = text.find(end)
        if i != -1:
            return text[: i + 1]
    return text


def summary_lines(report: Report) -> dict[str, list[str]]:
    """The executive summary's sentences, shared by both renderers (plain text, no markup).

    User text never appears here, so renderers may escape these as ordinary text.
    """
    r = report
    if not r.score_shown:  # too few real answers: no score and no level, say when they come
        verdict = [f"{r.withheld}: {r.answered_text}.", r.provisional_note]
    elif r.not_enough_known:  # no level at all: say what is known instead
        verdict = [f"{r.not_enough_known}: {r.answered_text}.", r.provisional_note]
    elif r.provisional:  # not a verdict yet: no level description, and say so first
        verdict = [f"Overall score {fmt_score(r.overall)} out of 100 from the answers so far: provisional"
                   f" readiness level {r.level.label}.", r.provisional_note]
    else:
        verdict = [f"Overall score {fmt_score(r.overall)} out of 100: readiness level {r.level.label}."
                   f" {r.level.description}"]
    if r.capped_by and r.score_shown:
        names = ", ".join(f'"{g.title}" ({g.severity_label.lower()})' for g in r.capped_by)
        verdict.append(
            f"The level is capped at {r.level.label} by {names}. On score alone it would be"
            f" {r.uncapped_level.label}; close {'this gap' if len(r.capped_by) == 1 else 'these gaps'} to lift the cap."
        )
    completeness = [
        f"Completeness: {r.real_answers} of {r.total} questions answered ({fmt_percent(r.completeness)}),"
        f" {r.dont_know} \"don't know\"."
        + (f" {r.skipped} further {'question does' if r.skipped == 1 else 'questions do'} not apply to these"
           f" answers and {'is' if r.skipped == 1 else 'are'} not asked." if r.skipped else "")
    ]
    gaps = [f"{g.title} ({g.severity_label}): {first_sentence(g.reasoning)}" for g in r.top_gaps]
    if not gaps:
        gaps = ["No gaps were found in the answers given." if not r.to_confirm else NO_CONFIRMED_GAP]
    if r.to_confirm:
        n = len(r.to_confirm)
        gaps.append(f"To confirm: {n} {'gap holds' if n == 1 else 'gaps hold'} only because of \"don't know\""
                    f" answers (see Gaps): {r.to_confirm[0].question}{'' if n == 1 else ', and more'}.")
    later = []
    if r.focus and r.later_count:
        n = r.later_count
        later = [f"{n} further gap{' comes' if n == 1 else 's come'} later, after these: the action plan groups"
                 f" {'it' if n == 1 else 'them'} under the gap {'it follows' if n == 1 else 'they follow'} from."]
    strengths = [f"{p.title} ({fmt_score(p.score)}): {first_sentence(p.summary)}" for p in r.strengths]
    if not strengths:
        strengths = [f"No principle scores {STRENGTH_MIN_SCORE:.0f} or more yet."]
    # With no confirmed gap, the first thing to do is find out: the heading says so, as the app and the brief do.
    start = "Find out first" if not r.gaps and r.to_confirm else "Start here"
    return {"verdict": verdict, "completeness": completeness, "gaps": gaps, "later": later, "strengths": strengths,
            "start": [start]}


TO_CONFIRM = "To confirm"
NO_CONFIRMED_GAP = "No gap is confirmed by the answers given."
TO_CONFIRM_INTRO = (
    "These gaps hold only because of \"don't know\" answers. They are open questions, not findings: they cap"
    " no level and block nothing until someone finds out."
)


def no_gap_lines(report: Report) -> tuple[str, list[str]]:
    """What the action plan says when no gap was found: a sentence, and where to look next (bullets)."""
    r = report
    if r.to_confirm:  # open questions, not an all-clear: the plan starts with finding out
        n = len(r.to_confirm)
        return (f"No gap is confirmed yet, so there is no action plan: {n} gap{'s hold' if n != 1 else ' holds'}"
                " only on \"don't know\" answers (listed under \"To confirm\"). Find those answers out first;"
                " the actions follow from the gaps they confirm.", [])
    if r.weakest:
        return ("No gaps found. Where to look next: the lowest-scoring principles, where better practice"
                " would raise the score.",
                [f"{p.title} ({fmt_score(p.score)}): {' '.join(p.summary.split())}" for p in r.weakest])
    if not r.answered:
        return "No gaps found, because nothing is answered yet. Answer the questions to get an action plan.", []
    return ("No gaps found, and every answered principle scores 100. Keep the evidence current and reassess"
            " after the next release.", [])


def methodology_lines(report: Report) -> list[str]:
    """How scores, weights, levels and gates work, stated from the rubric's own numbers."""
    r = report
    caps = [f"a {label.lower()} gap caps the level at {cap}" for label, cap in r.severities if cap]
    uncapped = [label.lower() for label, cap in r.severities if not cap]
    lines = [
        "Each answer scores 0 to 100. \"Don't know\" counts as answered and scores 0; questions left"
        " unanswered are left out of the averages and lower the completeness instead. A follow-up question"
        " that does not apply to the answers given (marked \"Not asked\") counts neither way; a \"don't know\""
        " never makes a question not apply.",
        "A principle's score is the weighted average of its answered questions. A pillar's score is the"
        " weighted average of its principles, and the overall score is the weighted average of the pillars."
        " The weights are listed below.",
        "The readiness level is the highest level whose minimum score the overall score reaches.",
        "Gates: some gaps cap the level whatever the score"
        + (f" ({'; '.join(caps)})" if caps else "")
        + (f"; {', '.join(uncapped)} gaps do not cap it" if uncapped else "")
        + (f"; these rules set their own cap: {'; '.join(r.own_caps)}" if r.own_caps else "")
        + ". Some gaps block principles: a blocked principle counts as 0 until the gap is closed, because"
        " the playbook's benefits only arrive once the weights are out.",
        "A gap is confirmed when it holds whatever the \"don't know\" answers turn out to be; one that holds"
        " only because of them is listed under \"To confirm\" and caps and blocks nothing. When most answers are"
        " \"don't know\", the report states no level (\"Not enough known to judge\").",
        f"A result is provisional while fewer than {fmt_percent(r.provisional_below)} of the questions that apply"
        " have a real answer (unanswered and \"Don't know\" both count as missing).",
        f"Rubric: {r.rubric_title}, {r.rubric_id} version {r.rubric_version}."
        f" Source: {' '.join(r.rubric_source.split())}",
    ]
    return lines

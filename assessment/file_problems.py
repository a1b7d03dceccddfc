"""A plain sentence for each class of problem with an assessment file (`InputError.kind`).

The app leads with the sentence and keeps the precise message after it: a person learns first
what kind of file they picked, then exactly what is wrong with it. Pure Python.
"""

from __future__ import annotations

from assessment.errors import InputError

PROBLEMS: dict[str, str] = {
    "too-large": "The file is larger than any assessment file from this app.",
    "not-text": "The file is not a text file, so it is not an assessment file from this app.",
    "not-json": "The file is not valid JSON.",
    "not-assessment": "This is not an assessment file from this app.",
    "bad-values": "This assessment file has values the app cannot accept (was it edited by hand?).",
    "newer-format": "This file was made with a newer version of this app.",
    "old-format": "This file was made with an old version of this app that can no longer be read.",
    "other-rubric": "This file is an assessment for another questionnaire.",
    "rubric-version": "This file was made with another version of the questionnaire.",
    "unknown-answers": "This file has answers that do not fit this questionnaire.",
    "workbench": "The file's price/performance section is not valid.",
}
UNCLASSIFIED = "This file could not be read as an assessment."


def plain_problem(error: InputError) -> str:
    """The sentence for the error's class of problem (a general one when it has none)."""
    return PROBLEMS.get(error.kind, UNCLASSIFIED)

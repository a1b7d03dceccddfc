"""A workshop re-run against the run before it: each company's consensus, then and now.

Companies are matched by name (case and spacing aside); the consensus answers of both runs are
compared by `assessment.progress.compare`, so the figures are those of any other comparison.
"""

from __future__ import annotations

import math

import pandas as pd

from assessment.answers import Answer, Assessment, Company
from assessment.progress.compare import Comparison, compare
from assessment.workshop.cohort import Cohort, CompanyConsensus

SINCE_COLUMNS = ("company", "previous_overall", "overall", "overall_delta", "previous_level", "level",
                 "gaps_closed", "gaps_opened", "answers_changed")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _as_assessment(cohort: Cohort, company: CompanyConsensus, name: str) -> Assessment:
    return Assessment(rubric=cohort.rubric.ref, company=Company(name=name[:200]),
                      answers={q: Answer(choice=c) for q, c in company.choices.items()})


def company_changes(previous: Cohort, current: Cohort) -> dict[str, Comparison | None]:
    """Per company of the current run (by name): the comparison with its previous consensus, or None
    when either run has no answers for it (or it was not in the previous run)."""
    before = {_key(c.name): c for c in previous.companies}
    out: dict[str, Comparison | None] = {}
    for company in current.companies:
        old = before.get(_key(company.name))
        if old is None or not old.has_answers or not company.has_answers:
            out[company.name] = None
            continue
        out[company.name] = compare(current.rubric, _as_assessment(previous, old, company.name),
                                    _as_assessment(current, company, company.name),
                                    old_result=old.result, new_result=company.result)
    return out


def since_last_run_table(previous: Cohort, current: Cohort) -> pd.DataFrame:
    """One row per company: the consensus score and level then and now, gaps closed and opened."""
    rows = []
    for name, c in company_changes(previous, current).items():
        shown = all(co.score_shown for cohort in (previous, current) for co in cohort.companies if co.name == name)
        if c is None or not shown:  # no score or level from a handful of answers, then or now
            rows.append({"company": name, "previous_overall": math.nan, "overall": math.nan,
                         "overall_delta": math.nan, "previous_level": "", "level": "", "gaps_closed": "",
                         "gaps_opened": "", "answers_changed": math.nan})
            continue
        rows.append({
            "company": name,
            "previous_overall": round(c.overall.old or 0.0, 1),
            "overall": round(c.overall.new or 0.0, 1),
            "overall_delta": c.overall.delta,
            "previous_level": c.old_level.label,
            "level": c.new_level.label,
            "gaps_closed": ", ".join(g.id for g in c.gaps_closed),
            "gaps_opened": ", ".join(g.id for g in c.gaps_opened),
            "answers_changed": len(c.answers_changed),
        })
    return pd.DataFrame(rows, columns=list(SINCE_COLUMNS))

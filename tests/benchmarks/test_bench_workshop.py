"""Workshop speed: cohort aggregation and consensus reports (issue 5)."""

from __future__ import annotations

import random

from assessment.workshop.cohort import CompanyAnswers, ParticipantAnswers, aggregate_cohort


def synthetic_cohort(rubric, companies: int = 50, participants: int = 10, seed: int = 5) -> list[CompanyAnswers]:
    """`companies` x `participants`, each answering the full rubric at random (some "don't know")."""
    rnd = random.Random(seed)
    out = []
    for c in range(companies):
        people = []
        for p in range(participants):
            choices = {q.id: rnd.choice(rubric.choices_for(q)).id for q in rubric.questions}
            people.append(ParticipantAnswers(name=f"person {p}", choices=choices, id=f"{c}-{p}"))
        out.append(CompanyAnswers(name=f"Company {c:02d}", participants=people, id=str(c)))
    return out


def test_bench_cohort_aggregate(benchmark, rubric):
    companies = synthetic_cohort(rubric)

    def run():
        return aggregate_cohort(rubric, companies).dashboard_tables()

    tables = benchmark(run)
    assert len(tables["cohort"]) == 50
    assert len(tables["heatmap"]) == 50 * len(rubric.principles)



def test_bench_cohort_reports(benchmark, rubric):
    import io
    import zipfile

    from reports.workshop.exports import consensus_reports_zip

    cohort = aggregate_cohort(rubric, synthetic_cohort(rubric))
    data = benchmark.pedantic(consensus_reports_zip, args=(cohort,), kwargs={"workshop": "Bench"},
                              rounds=3, iterations=1)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sum(n.endswith(".pdf") for n in zf.namelist()) == 50

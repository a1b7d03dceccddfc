"""The report model: what the report says, computed once for both renderers."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.answers import ActionItem
from assessment.scoring import score_assessment
from reports.model import PHASES, build_report, fmt_score, no_gap_lines, summary_lines
from tests.conftest import best_choices, worst_choices
from tests.reports.report_helpers import REPORT_DATE, assessment_with


def test_report_carries_the_engine_result(rubric, examples):
    assessment = examples["nimbus-foundation-lab"]
    result = score_assessment(rubric, assessment)
    report = build_report(rubric, assessment)
    assert report.overall == result.overall
    assert report.level.label == result.level.label
    assert [g.id for g in report.gaps] == [g.id for g in result.gaps]
    assert [p.id for p in report.principles] == [p.id for p in rubric.principles]
    assert report.figures()["principle:niche"] == fmt_score(result.principle("niche").score)
    assert report.company == "Nimbus Foundation Lab (fictional)"
    assert report.date == dt.date(2026, 11, 1)


def test_capped_level_names_the_gap_and_the_level_it_would_have(rubric, examples):
    report = build_report(rubric, examples["nimbus-foundation-lab"])
    assert [g.id for g in report.capped_by] == ["no-niche"]
    assert report.level.label == "Emerging"
    assert report.uncapped_level.label == "Developing"
    verdict = " ".join(summary_lines(report)["verdict"])
    assert 'The level is capped at Emerging by "No niche" (critical)' in verdict
    assert "On score alone it would be Developing" in verdict


def test_uncapped_report_does_not_mention_a_cap(rubric, examples):
    report = build_report(rubric, examples["harbor-legal-ai"])
    assert report.capped_by == ()
    assert "capped" not in " ".join(summary_lines(report)["verdict"])


def test_summary_starts_with_the_focus_and_strengths(rubric, examples):
    report = build_report(rubric, examples["nimbus-foundation-lab"])
    lines = summary_lines(report)
    assert len(report.gaps) > 3
    assert [line.split(" (")[0] for line in lines["gaps"]] == [g.title for g in report.focus] == ["No niche"]
    assert lines["later"] == ["3 further gaps come later, after these: the action plan groups them under the gap"
                              " they follow from."]
    assert len(lines["strengths"]) == len(report.strengths) <= 3
    scores = [p.score for p in report.strengths]
    assert scores == sorted(scores, reverse=True)
    assert all(p.score >= 50 and not p.blocked for p in report.strengths)


def test_completeness_and_dont_know_count(rubric, examples):
    report = build_report(rubric, examples["early-draft-partial"])
    result = score_assessment(rubric, examples["early-draft-partial"])
    assert (report.answered, report.total, report.dont_know) == (result.answered, result.total, result.dont_know)
    text = " ".join(summary_lines(report)["completeness"])
    # Real answers and "don't know" apart, never added up.
    assert f'{result.real_answers} of {result.total} questions answered (30%), {result.dont_know} "don\'t know"' in text


def test_provisional_result_is_not_stated_as_a_firm_level(rubric, examples):
    report = build_report(rubric, examples["early-draft-partial"])  # 12 of 33 answered, 2 "Don't know"
    assert report.provisional and report.level.label == "Ready"
    assert report.level_heading == "Provisional: Ready (10 of 33 answered, 2 don't know)"
    assert report.level_text == "Ready (provisional)"
    verdict = " ".join(summary_lines(report)["verdict"])
    assert "provisional readiness level Ready." in verdict
    assert "21 of 33 questions are unanswered" in verdict
    assert "21 of 33 questions are unanswered and 2 are answered \"Don't know\"" in verdict
    assert "may change as answers come in" in verdict
    assert report.level.description not in verdict  # the Ready description would read as a verdict


def test_firm_result_has_no_provisional_wording(rubric, examples):
    report = build_report(rubric, examples["harbor-legal-ai"])
    assert not report.provisional
    assert report.level_heading == f"Readiness level: {report.level.label}"
    assert report.provisional_note == ""
    verdict = " ".join(summary_lines(report)["verdict"])
    assert "provisional" not in verdict and report.level.description in verdict


def test_empty_assessment(rubric):
    report = build_report(rubric, assessment_with(rubric, {}))
    assert report.answered == 0
    assert report.level.label == "Not ready"
    assert report.gaps == ()
    assert report.strengths == ()
    assert all(q.answer == "Not answered" for p in report.principles for q in p.questions)
    lines = summary_lines(report)
    assert lines["gaps"] == ["No gaps were found in the answers given."]
    assert lines["strengths"] == ["No principle scores 50 or more yet."]


def test_perfect_assessment(rubric):
    report = build_report(rubric, assessment_with(rubric, best_choices(rubric)))
    assert report.overall == pytest.approx(100)
    assert report.level.label == "Leading"
    assert report.gaps == ()
    assert len(report.strengths) == 3


def test_blocked_benefits_carry_the_gap_and_what_unblocks_them(rubric):
    report = build_report(rubric, assessment_with(rubric, worst_choices(rubric)))
    blocking = [g for g in report.gaps if g.blocks]
    assert blocking, "the worst answers must trigger a gap that blocks the benefits"
    gap = blocking[0]
    assert gap.unblock
    blocked = [p for p in report.principles if p.blocked]
    assert {p.title for p in blocked} == set(gap.blocks)
    assert all(gap.title in p.blocked_by and p.score == 0 for p in blocked)


def test_action_plan_now_is_the_focus_and_the_rest_is_grouped_later(rubric):
    report = build_report(rubric, assessment_with(rubric, worst_choices(rubric)))
    assert [p.label for p in report.plan] == [p.label for p in PHASES]
    assert [g.id for g in report.focus] == ["no-niche"]
    by_text = {a.text: i for i, phase in enumerate(report.plan) for a in phase.actions}
    for gap in report.focus:  # the focus starts now, each further action a phase later
        for i, action in enumerate(gap.actions):
            assert by_text[action] == min(i, 2), (gap.id, i)
    # only the focus's actions are planned, each once; every other gap is named once, grouped, later
    assert sum(len(p.actions) for p in report.plan) == sum(len(g.actions) for g in report.focus)
    assert [group.label for group in report.later] == ['Once "No niche" is closed']
    later = [g.id for group in report.later for g in group.gaps]
    assert sorted(later) == sorted(g.id for g in report.gaps if g.id != "no-niche")
    assert all(g.follows_from[0] == "No niche" for g in report.later[0].gaps)


def test_a_planned_action_of_a_later_gap_is_kept_in_the_plan(rubric):
    assessment = assessment_with(rubric, worst_choices(rubric))
    assessment.action_plan["no-data-pipeline:1"] = ActionItem(owner="Kim", due=REPORT_DATE + dt.timedelta(days=45))
    report = build_report(rubric, assessment)
    rule = next(r for r in rubric.gap_rules if r.id == "no-data-pipeline")
    kept = [a for a in report.plan[1].actions if a.text == rule.actions[1]]
    assert [(a.owner, a.gap) for a in kept] == [("Kim", rule.title)]
    assert not any(a.text == rule.actions[0] for a in report.actions)  # not planned by anyone: later


def test_without_prerequisites_nothing_waits_and_every_gap_is_given_in_full(rubric):
    from assessment.rubric import Rubric

    data = rubric.model_dump(by_alias=True, exclude_none=True)
    data["focus"] = {"max_gaps": 3}
    plain = Rubric.model_validate(data)
    report = build_report(plain, assessment_with(plain, worst_choices(plain)))
    assert report.waiting_gaps == () and sorted(g.id for g in report.full_gaps) == sorted(g.id for g in report.gaps)
    assert [g.severity for g in report.focus] == ["critical", "critical", "high"]


def test_action_plan_uses_owner_and_due_date_from_the_assessment(rubric):
    assessment = assessment_with(rubric, worst_choices(rubric))
    gap_id = "no-niche"
    assessment.action_plan[f"{gap_id}:2"] = ActionItem(owner="Ana", due=REPORT_DATE + dt.timedelta(days=10))
    assessment.action_plan[f"{gap_id}:0"] = ActionItem(owner="Bo", due=REPORT_DATE + dt.timedelta(days=80), done=True)
    report = build_report(rubric, assessment)
    rule = next(r for r in rubric.gap_rules if r.id == gap_id)
    first = next(a for a in report.plan[0].actions if a.text == rule.actions[2])
    assert (first.owner, first.due) == ("Ana", REPORT_DATE + dt.timedelta(days=10))
    last = next(a for a in report.plan[2].actions if a.text == rule.actions[0])
    assert last.owner == "Bo" and last.done


def test_date_falls_back_to_today(rubric):
    assessment = assessment_with(rubric, {}, date=None)
    assert build_report(rubric, assessment, today=dt.date(2030, 1, 2)).date == dt.date(2030, 1, 2)


def test_section_titles_are_fixed_sections_plus_one_per_pillar(rubric, examples):
    report = build_report(rubric, examples["harbor-legal-ai"])  # it has a price/performance workbench
    assert report.section_titles == (
        "Executive summary", "Scores at a glance", "Gaps", "Action plan",
        *(f"Pillar: {p.title}" for p in rubric.pillars), "Price and performance", "Methodology",
    )


def test_skipped_questions_say_why_and_drop_old_answers(rubric):
    choices = worst_choices(rubric)  # no niche, weights not released: 17 questions do not apply
    assessment = assessment_with(rubric, choices, {"weights-cadence": "OLD NOTE", "weights-released": "Not yet."})
    report = build_report(rubric, assessment)
    questions = {q.id: q for q in (q for p in report.principles for q in p.questions)}
    cadence = questions["weights-cadence"]  # answered before weights were un-released; no longer applies
    note = next(q.skip_note for q in rubric.questions if q.id == "weights-cadence")
    assert cadence.skipped and cadence.answer_line == f"Not asked: {note}"
    assert cadence.evidence == "" and cadence.score is None
    assert questions["weights-released"].answer_line.startswith("Answer: ")
    assert questions["weights-released"].evidence == "Not yet."
    assert (report.answered, report.total, report.skipped) == (17, 17, 17)
    release = next(p for p in report.principles if p.id == "release-weights")
    assert (release.answered, release.total, release.skipped) == (1, 1, 3)
    assert release.progress == "1 of 1 answered (3 not asked)"
    benefits = next(p for p in report.pillars if p.id == "benefits")
    assert benefits.total == 0 and benefits.progress == "not asked (9 questions do not apply)"
    assert benefits.answered_cell == "not asked"
    completeness = " ".join(summary_lines(report)["completeness"])
    assert "Completeness: 17 of 17 questions answered (100%), 0 \"don't know\"" in completeness
    assert "17 further questions do not apply to these answers and are not asked." in completeness


def test_overdue_and_done_actions(rubric):
    assessment = assessment_with(rubric, worst_choices(rubric))
    day = dt.timedelta(days=1)
    assessment.action_plan["no-niche:0"] = ActionItem(owner="Ana", due=REPORT_DATE - day)  # past: overdue
    assessment.action_plan["no-niche:1"] = ActionItem(due=REPORT_DATE - 30 * day, done=True)  # past but done
    assessment.action_plan["no-niche:2"] = ActionItem(due=REPORT_DATE)  # due today: not yet overdue
    report = build_report(rubric, assessment)
    rule = next(r for r in rubric.gap_rules if r.id == "no-niche")
    actions = {a.text: a for a in report.actions if a.gap == rule.title}
    assert [actions[t].status for t in rule.actions[:3]] == ["Overdue", "Done", "Open"]
    assert [actions[t].overdue for t in rule.actions[:3]] == [True, False, False]
    assert all(a.status == "Open" for a in report.actions if a.gap != rule.title)
    total = sum(len(g.actions) for g in report.focus)
    assert report.plan_status_line() == f"On 2026-11-01: 1 of the plan's {total} actions done, 1 overdue."


def test_overdue_is_judged_on_the_report_date(rubric):
    assessment = assessment_with(rubric, worst_choices(rubric), date=None)
    assessment.action_plan["no-niche:0"] = ActionItem(due=dt.date(2030, 1, 1))
    early = build_report(rubric, assessment, today=dt.date(2029, 12, 31))
    late = build_report(rubric, assessment, today=dt.date(2030, 1, 2))
    assert [a.overdue for a in early.actions].count(True) == 0
    assert [a.overdue for a in late.actions].count(True) == 1
    assert early.plan_status_line() == ""


def test_no_gaps_points_to_the_weakest_principles(rubric, examples):
    report = build_report(rubric, examples["harbor-legal-ai"])  # strong: no gaps
    assert report.gaps == ()
    assert 2 <= len(report.weakest) <= 3
    scored = sorted(p.score for p in report.principles if p.score is not None)
    assert [p.score for p in report.weakest] == scored[:len(report.weakest)]
    intro, where = no_gap_lines(report)
    assert intro.startswith("No gaps found.")
    assert where == [f"{p.title} ({fmt_score(p.score)}): {p.summary}" for p in report.weakest]


def test_no_gaps_without_answers_or_with_perfect_answers_still_says_something(rubric):
    empty = build_report(rubric, assessment_with(rubric, {}))
    assert empty.weakest == ()
    assert no_gap_lines(empty) == ("No gaps found, because nothing is answered yet. Answer the questions to get"
                                   " an action plan.", [])
    perfect = build_report(rubric, assessment_with(rubric, best_choices(rubric)))
    assert perfect.weakest == ()
    assert no_gap_lines(perfect)[0].startswith("No gaps found, and every answered principle scores 100.")


def test_provisional_note_for_a_complete_but_unknown_assessment(rubric):
    from assessment.answers import Answer, new_assessment

    assessment = new_assessment(rubric, name="Unsure Co").model_copy(
        update={"answers": {q.id: Answer(choice="dont-know") for q in rubric.questions}}
    )
    report = build_report(rubric, assessment)
    assert report.provisional and report.not_enough_known == "Not enough known to judge"
    n = report.total
    assert report.level_heading == f"Not enough known to judge (0 of {n} answered, {n} don't know)"
    assert "unanswered" not in report.provisional_note
    assert report.provisional_note == (
        f"0 of {n} questions answered, {n} don't know: no score or level until more questions have a real answer. "
        + " ".join(rubric.not_enough_known.description.split()))
    assert not report.score_shown
    assert report.level_index == -1 and report.gaps == () and len(report.to_confirm) == 15


def test_an_all_dont_know_plan_is_not_an_all_clear(rubric, examples):
    from reports.model import no_gap_lines

    report = build_report(rubric, examples["all-dont-know"])
    sentence, bullets = no_gap_lines(report)
    assert sentence.startswith("No gap is confirmed yet, so there is no action plan: 15 gaps hold only on")
    assert "No gaps found" not in sentence and bullets == []

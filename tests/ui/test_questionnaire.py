"""The questionnaire: answering, notes, navigation that never discards, progress, the live sidebar."""

from __future__ import annotations

from assessment.answers import Answer, new_assessment
from assessment.scoring import score_assessment
from tests.ui.conftest import goto, navigator, new_app, progress_text, radio_for, run, text_of

QUESTIONNAIRE = "ui/pages/questionnaire.py"


def sidebar_figures(at) -> dict[str, str]:
    """The live indicator's score and level, as the sidebar shows them."""
    text = next(m.value for m in at.sidebar.markdown if ":gray[Score]" in m.value)
    lines = text.splitlines()
    score = lines[lines.index(":gray[Score]") + 1].removeprefix("## ").replace(" :gray[/ 100]", " / 100")
    level = lines[lines.index(":gray[Readiness level]") + 1].removeprefix("## ")
    return {"Score": score, "Readiness level": level}


def test_one_principle_at_a_time_with_help_and_dont_know(store, rubric, open_app):
    at, _ = open_app(new_assessment(rubric, name="Acme"), QUESTIONNAIRE)
    first = rubric.principles[0]
    assert at.header[0].value == f"Requirements: {first.title}"
    assert len(at.radio) == len(first.questions)
    for radio, question in zip(at.radio, first.questions, strict=True):
        assert radio.value is None
        assert radio.options[-1] == "Don't know"
        assert radio.options[:-1] == [c.label for c in question.choices]
    shown = text_of(at.markdown)
    for question in first.questions:
        assert f":gray[:small[Why it matters: {' '.join(question.help.split())}]]" in shown
    assert text_of(at.markdown).count("Not answered yet") == len(first.questions)


def test_each_answer_is_saved_as_it_is_given_and_the_sidebar_follows(store, rubric, open_app):
    at, token = open_app(new_assessment(rubric, name="Acme"), QUESTIONNAIRE)
    question = rubric.principles[0].questions[1]  # an answer that changes no other question's applicability
    run(radio_for(at, question.id).set_value(question.choices[1].id))
    saved = store.load(token).assessment
    assert saved.answers == {question.id: Answer(choice=question.choices[1].id)}
    expected = score_assessment(rubric, saved)
    assert f"1 of {expected.total} questions answered" in progress_text(at.sidebar)
    # Only the answered question was re-drawn (a keyed fragment), now without its badge.
    assert "Not answered yet" not in text_of(at.markdown)
    run(at)
    assert text_of(at.markdown).count("Not answered yet") == len(rubric.principles[0].questions) - 1


def test_no_score_or_level_until_enough_is_answered_then_a_provisional_one(store, rubric, open_app):
    at, _ = open_app(new_assessment(rubric, name="Acme"), QUESTIONNAIRE)
    questions = [q for p in rubric.principles[:4] for q in p.questions]
    needed = score_assessment(rubric, new_assessment(rubric)).answers_to_score
    assert 5 < needed <= len(questions)
    sidebar = text_of(at.sidebar.markdown)
    assert "/ 100" not in sidebar
    assert not any(lv.label in sidebar for lv in rubric.levels)
    assert f"Shown once {needed} more questions have a real answer." in sidebar
    # Four top answers: still no score and no level (it read "100.0 / 100 · Provisional: Leading").
    for q in rubric.principles[0].questions:
        run(radio_for(at, q.id).set_value(q.choices[0].id))
        run(at)  # AppTest keeps only the re-drawn fragments; a plain run shows the page again
    sidebar = text_of(at.sidebar.markdown)
    assert "/ 100" not in sidebar and not any(lv.label in sidebar for lv in rubric.levels)
    answers = {q.id: Answer(choice=q.choices[0].id) for q in questions[:needed]}
    enough = new_assessment(rubric, name="Acme").model_copy(update={"answers": answers})
    again, _ = open_app(enough, QUESTIONNAIRE)
    expected = score_assessment(rubric, enough)
    assert expected.score_shown and expected.provisional
    figures = sidebar_figures(again)
    assert figures["Score"] == f"{expected.overall:.1f} / 100"
    assert figures["Readiness level"] == f"Provisional: {expected.level.label}"
    assert "Provisional" in text_of(again.sidebar.caption)


def test_dont_know_is_an_answer_that_scores_zero(store, rubric, open_app):
    at, token = open_app(new_assessment(rubric), QUESTIONNAIRE)
    question = rubric.principles[0].questions[0]
    run(radio_for(at, question.id).set_value("dont-know"))
    assert store.load(token).assessment.answers[question.id].choice == "dont-know"
    assert score_assessment(rubric, store.load(token).assessment).overall == 0


def test_evidence_note_is_saved_with_the_answer(store, rubric, open_app):
    at, token = open_app(new_assessment(rubric), QUESTIONNAIRE)
    question = rubric.principles[0].questions[0]
    assert not at.text_area  # a note belongs to an answer
    run(radio_for(at, question.id).set_value(question.choices[0].id))
    run(at.text_area[0].input("Strategy memo, March: https://example.com/memo"))
    saved = store.load(token).assessment.answers[question.id]
    assert saved == Answer(choice=question.choices[0].id, evidence="Strategy memo, March: https://example.com/memo")
    # Changing the choice keeps the note.
    run(radio_for(at, question.id).set_value(question.choices[2].id))
    assert store.load(token).assessment.answers[question.id].evidence.startswith("Strategy memo")


def test_previous_and_next_never_discard_answers(store, rubric, open_app):
    at, token = open_app(new_assessment(rubric), QUESTIONNAIRE)
    p1, p2 = rubric.principles[0], rubric.principles[1]
    q1 = p1.questions[1]  # its answer changes no other question's applicability (no full re-draw)
    run(radio_for(at, q1.id).set_value(q1.choices[0].id))
    # An answer re-draws only the page body and the live indicator (keyed fragments); AppTest then
    # holds only those, while a browser keeps the rest. A plain run shows the whole page again.
    assert not [b for b in at.button if b.key == "next"]
    run(at)
    run(at.button(key="next").click())
    assert at.header[0].value.endswith(p2.title)
    run(radio_for(at, p2.questions[1].id).set_value(p2.questions[1].choices[1].id))
    run(at)
    run(at.button(key="prev").click())
    assert at.header[0].value.endswith(p1.title)
    assert radio_for(at, q1.id).value == q1.choices[0].id
    run(at.button(key="next").click())
    assert radio_for(at, p2.questions[1].id).value == p2.questions[1].choices[1].id
    assert set(store.load(token).assessment.answers) == {q1.id, p2.questions[1].id}
    assert store.load(token).position == p2.id


def test_progress_per_section_and_jump_to_the_next_unanswered(store, rubric, open_app):
    first = rubric.principles[0]
    answers = {q.id: Answer(choice=q.choices[0].id) for q in first.questions}
    at, _ = open_app(new_assessment(rubric).model_copy(update={"answers": answers}), QUESTIONNAIRE)
    # Opened at the first principle with an unanswered question.
    assert at.header[0].value.endswith(rubric.principles[1].title)
    expected = score_assessment(rubric, new_assessment(rubric).model_copy(update={"answers": answers}))
    total = expected.total  # a niche is named: the platform-only question does not apply
    assert f"{len(first.questions)} of {total} questions answered" in progress_text(at)
    pills = navigator(at)
    requirements = expected.pillar("requirements").total
    options = pills[f"Requirements · {len(first.questions)}/{requirements}"].options
    assert options[0] == f"✓ {len(first.questions)}/{len(first.questions)} · {first.title}"
    last = rubric.principles[-1]
    benefits = sum(len(p.questions) for p in rubric.principles_of("benefits"))
    assert pills[f"Benefits · 0/{benefits}"].options[-1] == f"0/{len(last.questions)} · {last.title}"
    # The current principle is the selected pill.
    assert pills[f"Requirements · {len(first.questions)}/{requirements}"].value == rubric.principles[1].id
    goto(at, rubric, last.id)
    assert at.header[0].value.endswith(last.title)
    # "First unanswered" names the first open question in the whole questionnaire and goes there.
    first_open = len(first.questions) + 1
    button = at.button(key="first-unanswered")
    assert button.label == f"First unanswered: question {first_open}, {rubric.principles[1].title}"
    run(button.click())
    assert at.header[0].value.endswith(rubric.principles[1].title)


def test_first_unanswered_points_into_this_page_while_its_own_questions_are_open(store, rubric, open_app):
    first = rubric.principles[0]
    # Question 2 and everything after it open, so the first open question is on the first page
    # (it used to say "Next unanswered: Train good models" here).
    answers = {first.questions[0].id: Answer(choice=first.questions[0].choices[0].id)}
    at, _ = open_app(new_assessment(rubric).model_copy(update={"answers": answers}), QUESTIONNAIRE)
    assert at.header[0].value.endswith(first.title)
    assert at.button(key="first-unanswered").label == "First unanswered: question 2, on this page"


def test_the_total_says_why_it_moves_with_gate_answers(store, rubric, open_app):
    gate = next(q for q in rubric.questions if any(other.skip_when for other in rubric.questions))
    at, _ = open_app(new_assessment(rubric), QUESTIONNAIRE)
    assert "do not apply to your answers so far" not in text_of(at.caption)
    # An answer that makes other questions not apply: the total drops, and the page says why.
    for choice in gate.choices:
        result = score_assessment(rubric, new_assessment(rubric).model_copy(
            update={"answers": {gate.id: Answer(choice=choice.id)}}))
        if result.skipped:
            break
    owner = rubric.question_index[gate.id][0]
    goto(at, rubric, owner.id)
    run(radio_for(at, gate.id).set_value(choice.id))
    run(at)
    total = len(rubric.questions)
    n = len(result.skipped)
    assert (f"{n} of the {total} questions {'does' if n == 1 else 'do'} not apply to your answers so far"
            f" (they say \"Not asked\" and why), so the total is {result.total}.") in text_of(at.caption)


def test_last_principle_leads_to_the_results(store, rubric, open_app):
    at, _ = open_app(new_assessment(rubric), QUESTIONNAIRE)
    goto(at, rubric, rubric.principles[-1].id)
    assert not [b for b in at.button if b.key == "next"]
    assert any(link.label == "See your results" for link in at.get("page_link"))


def test_resume_link_restores_answers_notes_and_position_after_a_restart(store, rubric, open_app):
    at, token = open_app(new_assessment(rubric, name="Acme"), QUESTIONNAIRE)
    p3 = rubric.principles[2]
    goto(at, rubric, p3.id)
    q = p3.questions[0]
    run(radio_for(at, q.id).set_value(q.choices[0].id))
    run(at.text_area[0].input("Our community call notes"))
    # A new session (browser refresh, closed tab, server restart): only the link is left.
    again = new_app()
    again.query_params["a"] = token
    run(again)
    run(again.switch_page(QUESTIONNAIRE))
    assert again.header[0].value.endswith(p3.title)
    assert radio_for(again, q.id).value == q.choices[0].id
    assert again.text_area[0].value == "Our community call notes"
    assert again.query_params["a"] == token


def test_questions_that_do_not_apply_are_shown_as_not_asked(store, rubric, open_app):
    at, token = open_app(new_assessment(rubric), QUESTIONNAIRE)
    niche = rubric.principles[0]
    first = niche.questions[0]
    conditional = [q for q in niche.questions if q.skip_when is not None]
    assert conditional, "the rubric asks some niche questions only once there is a niche"
    run(radio_for(at, first.id).set_value("no"))
    shown = text_of(at.markdown)
    for q in conditional:
        assert f":gray[{q.text}] :gray-badge[Not asked]" in shown
        assert not [r for r in at.radio if r.key.endswith(f"-{q.id}")]
    applicable = len(niche.questions) - len(conditional)
    assert f"✓ {applicable}/{applicable} · {niche.title}" in navigator(at)[
        next(label for label in navigator(at) if label.startswith("Requirements"))
    ].options
    # A niche after all: the questions apply again.
    run(radio_for(at, first.id).set_value(first.choices[0].id))
    assert len(at.radio) == len(niche.questions)
    assert store.load(token).assessment.answers[first.id].choice == first.choices[0].id


def test_a_note_is_one_collapsed_line_with_no_counter_and_no_button(store, rubric, open_app):
    at, token = open_app(new_assessment(rubric), QUESTIONNAIRE)
    question = rubric.principles[0].questions[0]
    run(radio_for(at, question.id).set_value(question.choices[0].id))
    # Collapsed until asked for: one line, no Save button, no helper sentence repeated per question.
    assert [e.label for e in at.expander if "note" in e.label.lower()] == ["Add an evidence note (optional)"]
    assert not [b for b in at.button if "note" in b.label.lower()]
    assert not at.text_area[0].max_chars  # no "51/100000" counter (0: no limit drawn)
    at.text_area[0].set_value("Pilot contract with Firm A")
    run(at)
    assert store.load(token).assessment.answers[question.id].evidence == "Pilot contract with Firm A"
    run(at)
    assert [e.label for e in at.expander if "note" in e.label.lower()] == ["Evidence note: Pilot contract with Firm A"]
    # A reload (a new session with the link) shows the stored note.
    again = new_app()
    again.query_params["a"] = token
    run(again)
    run(again.switch_page(QUESTIONNAIRE))
    assert again.text_area[0].value == "Pilot contract with Firm A"


def test_pills_show_dont_know_answers_and_lead_to_them(store, rubric, open_app):
    answers = {q.id: Answer(choice="dont-know") for q in rubric.principles[1].questions[:2]}
    answers |= {q.id: Answer(choice=q.choices[0].id) for q in rubric.principles[0].questions}
    at, _ = open_app(new_assessment(rubric).model_copy(update={"answers": answers}), QUESTIONNAIRE)
    goto(at, rubric, rubric.principles[3].id)
    pills = navigator(at)
    good = rubric.principles[1]
    options = next(p for label, p in pills.items() if label.startswith("Requirements")).options
    assert options[1] == f"0/{len(good.questions)} · 2 don't know · {good.title}"
    assert f"{len(rubric.principles[0].questions)} of " in progress_text(at) and "2 don't know" in progress_text(at)
    run(next(b for b in at.button if b.label.startswith("Revisit the don't-know answers")).click())
    assert at.header[0].value.endswith(good.title)


def test_a_note_too_long_to_store_is_kept_on_screen_and_said_so(store, rubric, open_app):
    at, token = open_app(new_assessment(rubric), QUESTIONNAIRE)
    question = rubric.principles[0].questions[0]
    run(radio_for(at, question.id).set_value(question.choices[0].id))
    run(at.text_area[0].input("kept"))
    run(at.text_area[0].input("x" * 100_001))
    assert store.load(token).assessment.answers[question.id].evidence == "kept"
    assert "at most 100,000 can be saved" in text_of(at.warning)
    assert at.text_area[0].value == "x" * 100_001



def test_a_note_with_a_nul_character_is_saved_without_it(store, rubric, open_app):
    """A NUL was refused by the store after the page had already shown the note as saved: it was lost."""
    at, token = open_app(new_assessment(rubric), QUESTIONNAIRE)
    question = rubric.principles[0].questions[0]
    run(radio_for(at, question.id).set_value(question.choices[0].id))
    at = run(at)
    run(at.text_area[0].input("see doc\x00 v2"))
    assert store.load(token).assessment.answers[question.id].evidence == "see doc v2"

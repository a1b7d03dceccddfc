"""The PDF readiness report, read back with pypdf: pages, text, metadata, outline, fonts."""

from __future__ import annotations

import re

import pytest

from assessment.scoring import score, score_assessment
from reports import report_pdf
from reports.model import build_report, fmt_score
from reports.pdf import render_pdf
from tests.conftest import best_choices, worst_choices
from tests.reports.report_helpers import (
    REPORT_DATE,
    assessment_with,
    big_rubric,
    outline,
    pdf_reader,
    pdf_text,
    squash,
)


def header(company: str) -> str:
    """The running header's line as extracted: company name, then the report title and date."""
    return f"{company} Open LLM Readiness report · {REPORT_DATE.isoformat()}"


EXAMPLES = ["closedwater-api", "early-draft-partial", "harbor-legal-ai", "nimbus-foundation-lab", "open-commons-bio"]


@pytest.fixture(scope="module")
def example_pdfs(rubric, examples) -> dict[str, bytes]:
    return {name: report_pdf(rubric, examples[name]) for name in EXAMPLES}


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_report_reads_back(rubric, examples, example_pdfs, name):
    data = example_pdfs[name]
    reader = pdf_reader(data)
    text = pdf_text(data)
    flat = squash(text)
    assessment = examples[name]
    result = score_assessment(rubric, assessment)

    # page count: a cover, the sections, and the footer's "of N" agrees with the real count
    pages = len(reader.pages)
    assert 6 <= pages <= 14
    assert f"Page 2 of {pages}" in flat
    assert f"Page {pages} of {pages}" in flat

    assert assessment.company.name in text  # exactly as typed, on one line (the running header)
    assert f"Readiness level: {result.level.label}" in text or result.provisional
    assert f"Overall score {fmt_score(result.overall)} / 100" in text
    for gap in result.gaps:
        assert gap.title in flat, gap.id
    for principle in rubric.principles:
        assert principle.title in flat

    meta = reader.metadata
    assert meta.title == f"Open LLM Readiness report: {assessment.company.name}"
    assert meta.author == assessment.company.assessor
    level = f"{result.level.label} (provisional)" if result.provisional else result.level.label
    assert meta.subject == (f"Readiness level {level}, score {fmt_score(result.overall)} / 100"
                            f" (open-llm-playbook {rubric.version})")


@pytest.mark.parametrize("name", EXAMPLES)
def test_outline_bookmarks_every_section_and_gap(rubric, examples, example_pdfs, name):
    report = build_report(rubric, examples[name])
    tree = outline(example_pdfs[name])
    assert [title for title, _ in tree] == ["Cover", *report.section_titles]
    children = dict(tree)
    assert children["Gaps"] == [f"{g.severity_label}: {g.title}" for g in report.full_gaps] + (
        ["To confirm"] if report.to_confirm else [])
    assert children["Action plan"] == ([p.label for p in report.plan] + (["Later"] if report.later else [])
                                       if report.gaps else [])
    for pillar in report.pillars:
        assert children[f"Pillar: {pillar.title}"] == [p.title for p in pillar.principles]
    # each bookmark opens the page that shows its heading
    reader = pdf_reader(example_pdfs[name])
    for item in reader.outline:
        if isinstance(item, list) or item.title == "Cover":
            continue
        page = reader.get_destination_page_number(item)
        assert item.title in squash(reader.pages[page].extract_text()), item.title


def _fonts(reader) -> dict[str, object]:
    """Every font used on any page or in any form, by base font name."""
    found = {}

    def walk(resources):
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[font["/BaseFont"]] = font
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if "/Resources" in xobject:
                walk(xobject["/Resources"])

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def test_every_font_is_embedded_and_subset(example_pdfs):
    fonts = _fonts(pdf_reader(example_pdfs["nimbus-foundation-lab"]))
    assert fonts, "no fonts found"
    for name, font in fonts.items():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
    # the standard 14 fonts (Helvetica...) would not be embedded; none may sneak in
    assert not any("Helvetica" in n or "Times" in n or "Courier" in n for n in fonts)


SCRIPTS = {
    "latin": "Société Générale Ærøskøbing Łódź",
    "greek": "Ελληνική Εταιρεία Τεχνητής Νοημοσύνης",
    "cyrillic": "Компания Ёжик Искусственный Интеллект",
    "chinese": "北京智能模型科技有限公司",
    "japanese": "株式会社ひらがなカタカナ研究所",
    "korean": "한국인공지능 주식회사",
    "mixed": "Αθηνά & Жук 中文 日本語 한국어 GmbH",
}


@pytest.fixture(scope="module")
def script_pdfs(rubric) -> dict[str, bytes]:
    choices = worst_choices(rubric)
    return {
        script: report_pdf(rubric, assessment_with(rubric, choices, name=name, assessor=name))
        for script, name in SCRIPTS.items()
    }


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_company_name_in_each_script_extracts_exactly(script_pdfs, script):
    name = SCRIPTS[script]
    data = script_pdfs[script]
    text = pdf_text(data)
    lines = text.splitlines()
    # the running header prints the name on one line, on every page after the cover
    assert lines.count(header(name)) == len(pdf_reader(data).pages) - 1
    assert "\x00" not in text and "\ufffd" not in text
    assert pdf_reader(data).metadata.title.endswith(name)
    assert pdf_reader(data).metadata.author == name


def test_cjk_names_use_the_bundled_cjk_font(script_pdfs):
    for script in ("chinese", "japanese", "korean"):
        names = list(_fonts(pdf_reader(script_pdfs[script])))
        assert any("WenQuanYi" in n or "wqy" in n.lower() or "MicroHei" in n for n in names), names
    names = list(_fonts(pdf_reader(script_pdfs["latin"])))
    assert not any("MicroHei" in n for n in names), "a Latin-only report must not embed the CJK font"


def test_a_character_no_font_has_becomes_a_visible_replacement(rubric):
    name = "Rocket 🚀 Labs 👩‍🚀 🇫🇷"
    data = report_pdf(rubric, assessment_with(rubric, {}, name=name))
    text = pdf_text(data)
    assert header("Rocket \ufffd Labs \ufffd \ufffd") in text.splitlines()
    assert "\x00" not in text
    assert "🚀" not in text


def test_user_markup_stays_literal_text(rubric):
    name = "<b>Acme</b> & Co </para> <font size=40>x < y"
    evidence = "<para>Injected</para> &amp; <br/> <img src='x.png'/> </b> stray < and >"
    qid = rubric.questions[0].id
    choice = rubric.questions[0].choices[0].id
    assessment = assessment_with(rubric, {qid: choice}, {qid: evidence}, name=name, assessor="<i>Eve</i>",
                                 niche="<u>legal</u> & tax", stage="Seed & <b>A</b>")
    text = pdf_text(report_pdf(rubric, assessment))
    assert header(name) in text.splitlines()
    flat = squash(text)
    assert squash(evidence) in flat
    for literal in ("<i>Eve</i>", "<u>legal</u> & tax", "Seed & <b>A</b>"):
        assert literal in flat


def test_long_evidence_of_50000_characters(rubric):
    words = " ".join(f"word{i:05d}" for i in range(5000))  # 50,000 characters
    assert len(words) == 49_999
    unbroken = "x" * 50_000  # one "word" with no place to break
    q1, q2 = rubric.questions[0], rubric.questions[1]
    assessment = assessment_with(rubric, {q1.id: q1.choices[0].id, q2.id: q2.choices[0].id},
                                 {q1.id: words + " END-OF-EVIDENCE", q2.id: unbroken})
    data = report_pdf(rubric, assessment)
    reader = pdf_reader(data)
    assert len(reader.pages) > 15
    flat = squash(pdf_text(data))
    assert "word00000 word00001" in flat and "word04999 END-OF-EVIDENCE" in flat
    assert re.sub(r"\s", "", pdf_text(data)).count("x" * 100) >= 490  # all 50,000 x's are printed


def test_two_hundred_answers_with_notes(rubric):
    big = big_rubric(rubric, 200)
    # The first niche choice names a niche, so its follow-ups (and their notes) are asked.
    choices = {q.id: q.choices[0 if q.id.startswith("niche-objective") else len(q.choices) // 2].id
               for q in big.questions}
    notes = {q.id: f"Note {i:03d} for {q.id}: evidence & links <here>." for i, q in enumerate(big.questions)}
    data = report_pdf(big, assessment_with(big, choices, notes, name="Big Co"))
    flat = squash(pdf_text(data))
    assert len(big.questions) == 200
    skipped = score(big, choices).skipped  # a note on a question that does not apply is not printed
    for qid, note in notes.items():
        assert (note in flat) is (qid not in skipped)


def test_empty_assessment_makes_a_valid_report(rubric):
    data = report_pdf(rubric, assessment_with(rubric, {}))
    text = pdf_text(data)
    assert len(pdf_reader(data).pages) >= 5
    assert "Unnamed company" in text
    n = len(rubric.questions)
    assert f"No score or level yet (0 of {n} answered)" in text  # no answer: no score, no level
    front = text.split("Scores at a glance")[0]  # the cover and the executive summary
    assert "Overall score" not in front and "Not ready" not in front
    assert "No gaps were found in the answers given." in squash(text)
    assert squash(text).count("Answer: Not answered") == n
    assert f"Completeness: 0 of {n} questions answered (0%)" in squash(text)


def test_perfect_assessment_makes_a_valid_report(rubric):
    data = report_pdf(rubric, assessment_with(rubric, best_choices(rubric), name="Perfect Co"))
    text = squash(pdf_text(data))
    assert "Readiness level: Leading" in text
    assert "Overall score 100.0 / 100" in text
    assert "No gaps were found" in text


def test_provisional_level_is_labelled_on_cover_summary_and_footer(rubric, examples, example_pdfs):
    data = example_pdfs["early-draft-partial"]  # 12 of 33 answered, 2 "Don't know"
    reader = pdf_reader(data)
    cover = squash(reader.pages[0].extract_text())
    summary = squash(reader.pages[1].extract_text())
    ready = rubric.level_index["ready"].description
    assert "Provisional: Ready (10 of 33 answered, 2 don't know)" in cover
    assert "Readiness level: Ready" not in cover
    for page in (cover, summary):
        assert "21 of 33 questions are unanswered and 2 are answered \"Don't know\"" in page
        assert "may change as answers come in" in page
        assert squash(ready) not in page  # the level's description is not printed as established
    assert "provisional readiness level Ready." in summary
    assert "level Ready (provisional) · score 81.7" in summary  # the footer
    assert reader.metadata.subject.startswith("Readiness level Ready (provisional), score 81.7")


def test_capped_level_is_stated_on_cover_and_in_summary(example_pdfs):
    text = squash(pdf_text(example_pdfs["nimbus-foundation-lab"]))
    assert "Capped at Emerging by a critical gap; on score alone: Developing." in text
    bio = squash(pdf_reader(example_pdfs["open-commons-bio"]).pages[0].extract_text())
    assert "Capped at Developing by a high gap; on score alone: Leading." in bio  # not "critical"
    assert 'The level is capped at Emerging by "No niche" (critical).' in text


def test_blocked_benefits_are_shown_as_blocked_with_what_unblocks_them(rubric):
    assessment = assessment_with(rubric, worst_choices(rubric))
    report = build_report(rubric, assessment)
    gap = next(g for g in report.gaps if g.blocks)
    text = squash(pdf_text(render_pdf(report)))
    gaps = text[text.index(f"Gaps {len(report.gaps)} gaps"):text.index("Action plan")]
    assert len(gap.blocks) == 3
    # one statement for the three blocked principles, under the gap that blocks them
    assert ("Blocked benefits Blocked until \"Model weights are not released\" is closed: Crowdsourced evaluations"
            " improve models, Crowdsourced use cases become product leads, Good PR for recruiting, values and vibes"
            f" (each scored 0). {squash(gap.unblock)}") in gaps
    assert text.count(squash(gap.unblock)) == 1
    # The gap itself waits for the niche: one line, after the gaps given in full.
    assert gap.waits and squash(gap.waits_line) in gaps


def test_action_plan_lists_every_action_under_its_phase(rubric, examples):
    report = build_report(rubric, examples["closedwater-api"])
    text = squash(pdf_text(render_pdf(report)))
    plan = text[text.index("Action plan The recommended actions"):text.index("Pillar: ")]
    positions = [plan.index(p.label) for p in report.plan]
    assert positions == sorted(positions)
    for i, phase in enumerate(report.plan):
        end = positions[i + 1] if i + 1 < len(positions) else len(plan)
        section = plan[positions[i]:end]
        for action in phase.actions:
            assert squash(action.text)[:40] in section


def test_every_question_with_answer_and_evidence_is_in_its_pillar_section(rubric, examples):
    assessment = examples["harbor-legal-ai"]
    text = squash(pdf_text(report_pdf(rubric, assessment)))
    skipped = score_assessment(rubric, assessment).skipped
    for principle in rubric.principles:
        for q in principle.questions:
            if q.id in skipped:  # the platform-only question, for a company with a niche
                continue
            answer = assessment.answers[q.id]
            label = q.choice(answer.choice).label
            assert f"{q.text} Answer: {label}" in text, q.id
            if answer.evidence:
                assert f"Evidence: {squash(answer.evidence)}" in text


def test_action_owner_and_due_date_are_printed_literally(rubric):
    import datetime as dt

    from assessment.answers import ActionItem

    assessment = assessment_with(rubric, worst_choices(rubric))
    assessment.action_plan["no-niche:0"] = ActionItem(owner="<b>Ops</b> & 中文", due=dt.date(2026, 11, 20))
    text = squash(pdf_text(report_pdf(rubric, assessment)))
    plan = text[text.index("Next 30 days"):text.index("Days 31-60")]
    assert "<b>Ops</b> & 中文 2026-11-20 Open" in plan


def test_overdue_and_done_actions_are_marked_in_the_plan(rubric):
    import datetime as dt

    from assessment.answers import ActionItem

    assessment = assessment_with(rubric, worst_choices(rubric))
    assessment.action_plan["no-niche:0"] = ActionItem(owner="Ana", due=dt.date(2026, 10, 20))
    assessment.action_plan["no-niche:1"] = ActionItem(owner="Bo", due=dt.date(2026, 9, 1), done=True)
    report = build_report(rubric, assessment)
    text = squash(pdf_text(render_pdf(report)))
    plan = text[text.index("Action plan The recommended actions"):text.index("Days 31-60")]
    total = sum(len(g.actions) for g in report.focus)
    assert f"On 2026-11-01: 1 of the plan's {total} actions done, 1 overdue." in plan
    assert "Action Gap Owner Due date Status" in plan
    assert "Ana 2026-10-20 Overdue" in plan
    assert "Bo 2026-09-01 Done" in plan
    assert plan.count("Overdue") == 1 and plan.count("Done") == 1


def test_skipped_questions_are_shown_as_not_asked_without_evidence(rubric):
    assessment = assessment_with(rubric, worst_choices(rubric), {"weights-cadence": "OLD NOTE FROM BEFORE"})
    text = squash(pdf_text(report_pdf(rubric, assessment)))
    for q in rubric.questions:
        if q.id in ("weights-cadence", "niche-customer", "uc-tracking"):
            assert f"{squash(q.text)} Not asked: {q.skip_note}" in text, q.id
    assert "OLD NOTE FROM BEFORE" not in text
    assert "Completeness: 17 of 17 questions answered (100%)" in text
    assert "Score 0.0 / 100 · weight 1.5 · 1 of 1 answered (3 not asked)" in text  # Release the model weights
    assert "not asked (9 questions do not apply)" in text  # the Benefits pillar
    assert text.count("Answer: Not answered") == 0


def test_cover_leaves_out_empty_profile_rows(rubric):
    bare = pdf_reader(report_pdf(rubric, assessment_with(rubric, {}, name="Bare Co", stage="  ")))
    cover = bare.pages[0].extract_text()
    assert "Not recorded" not in pdf_text(report_pdf(rubric, assessment_with(rubric, {})))
    assert "Assessor" not in cover and "Stage" not in cover
    assert "Date 2026-11-01" in squash(cover) and "Rubric Open LLM Readiness" in squash(cover)
    full = pdf_reader(report_pdf(rubric, assessment_with(rubric, {}, name="Full Co", assessor="Eve", stage="Seed")))
    flat = squash(full.pages[0].extract_text())
    assert "Assessor Eve" in flat and "Stage Seed" in flat


def test_a_report_without_gaps_has_a_plan_that_says_where_to_look_next(rubric, examples, example_pdfs):
    report = build_report(rubric, examples["harbor-legal-ai"])
    assert not report.gaps and report.weakest
    reader = pdf_reader(example_pdfs["harbor-legal-ai"])
    page = next(squash(p.extract_text()) for p in reader.pages if "Action plan No gaps found." in
                squash(p.extract_text()))
    plan = page[page.index("Action plan"):]
    assert "Where to look next" in plan
    for p in report.weakest:
        assert f"{p.title} ({fmt_score(p.score)}): {squash(p.summary)}" in plan


def test_empty_and_perfect_reports_have_no_empty_plan(rubric):
    for choices, expected in (({}, "No gaps found, because nothing is answered yet."),
                              (best_choices(rubric), "No gaps found, and every answered principle scores 100.")):
        text = squash(pdf_text(report_pdf(rubric, assessment_with(rubric, choices))))
        plan = text[text.index("Action plan"):text.index("Pillar: ")]
        assert plan.startswith(f"Action plan {expected}")


def _gap_variants(rubric) -> list[dict[str, str]]:
    """Worst answers, then better and better ones: the gaps fall at many different places on the pages."""
    worst, best = worst_choices(rubric), best_choices(rubric)
    ids = [q.id for q in rubric.questions]
    return [{**worst, **{q: best[q] for q in ids[:n]}} for n in range(0, len(ids), 3)]


def test_a_gap_is_never_split_across_pages(rubric):
    checked = 0
    for choices in _gap_variants(rubric):
        report = build_report(rubric, assessment_with(rubric, choices))
        reader = pdf_reader(render_pdf(report))
        pages = [squash(p.extract_text()) for p in reader.pages]
        for gap in report.full_gaps:  # a waiting gap is one line
            heading = f"{gap.severity_label}: {gap.title} Severity: {gap.severity_label}"
            start = next(i for i, text in enumerate(pages) if heading in text)
            last = ("(scored 0 while blocked; see Blocked benefits)." if gap.blocks
                    else squash(gap.actions[-1]))
            assert last in pages[start][pages[start].index(heading):], (gap.id, start)
            checked += 1
    assert checked > 20


def test_an_early_team_whose_gaps_follow_from_the_niche_gets_a_shorter_report(rubric):
    """Worst answers: the niche in full, every other gap one line under it, so fewer pages than with all in full."""
    from assessment.rubric import Rubric

    assessment = assessment_with(rubric, worst_choices(rubric))
    report = build_report(rubric, assessment)
    data = rubric.model_dump(by_alias=True, exclude_none=True)
    data["focus"] = {"max_gaps": 3}  # no prerequisites: nothing waits, every gap in full
    flat = build_report(Rubric.model_validate(data), assessment)
    focused_pdf, flat_pdf = render_pdf(report), render_pdf(flat)
    assert len(pdf_reader(focused_pdf).pages) + 2 <= len(pdf_reader(flat_pdf).pages)
    text = squash(pdf_text(focused_pdf))
    summary = text[text.index("Executive summary"):text.index("Strengths")]
    assert "Start here" in summary and "No niche (Critical): The playbook calls the niche" in summary
    assert f"{len(report.gaps) - 1} further gaps come later" in summary
    waiting = next(g for g in report.gaps if g.id == "no-data-pipeline")
    assert squash(waiting.reasoning) not in text  # one line instead of its reasoning and actions
    assert 'No repeatable data pipeline (high, Own a data pipeline, keep in-domain data private): after "No niche".' \
        in text
    later = text[text.index("Later These gaps come once the ones above are closed"):text.index("Pillar: ")]
    assert 'Once "No niche" is closed: ' in later and "No repeatable data pipeline (high)" in later

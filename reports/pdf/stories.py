"""The PDF document, assembled from small `_story_*` steps: one per part of the report."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    TableStyle,
)

from reports.blocks import Bullets, Chart, Section, Subheading, TableBlock, Text
from reports.model import (
    EMPTY_PHASE,
    NO_CONFIRMED_GAP,
    TO_CONFIRM,
    TO_CONFIRM_INTRO,
    PillarView,
    Report,
    fmt_score,
    methodology_lines,
    no_gap_lines,
    pillar_heading,
    summary_lines,
)
from reports.pdf import charts
from reports.pdf.flowables import TextBlock
from reports.pdf.styles import (
    CELL_SIZE,
    EVIDENCE_LABEL,
    FRAME_W,
    _bullets,
    _cell,
    _heading,
    _p,
    _row,
    _styles,
    _table,
    _u,
)
from reports.pdf.text import SANS_BOLD, markup, note_chunks


def _story_cover(r: Report) -> list[Flowable]:
    details = [
        ("Date", r.date.isoformat(), False),
        ("Assessor", r.assessor, True),
        ("Stage", r.stage, True),
        ("Rubric", r.rubric_line, False),
    ]
    widths = [30 * mm, FRAME_W - 30 * mm]
    # a profile field left empty has no row: "Not recorded" reads like a finding
    rows = [[label, _u(value, "cell") if user else _cell(value, widths[1])] for label, value, user in details
            if value.strip()]
    story: list[Flowable] = [
        Spacer(1, 40 * mm),
        _heading(r.title.upper(), "kicker", 0, outline="Cover"),
        _u(r.company_display, "cover_title"),
    ]
    if r.niche.strip():
        story.append(_u(r.niche, "cover_sub"))
    story += [Spacer(1, 16 * mm), _p(r.level_heading, "cover_level")]
    if r.score_shown:  # a score and a place on the scale from a handful of answers would mean nothing
        story += [_p(f"Overall score {fmt_score(r.overall)} / 100", "cover_score"), charts.level_scale(r, FRAME_W)]
    story.append(Spacer(1, 6 * mm))
    if r.provisional_note:
        story.append(_p(r.provisional_note, "callout"))
    if r.capped_by:
        story.append(_p(r.cap_line, "meta"))
    table = _table(rows, widths, header=False)
    table.setStyle(TableStyle([("FONT", (0, 0), (0, -1), SANS_BOLD, CELL_SIZE, 11)]))
    story += [Spacer(1, 14 * mm), table,
              NextPageTemplate("body"), PageBreak()]
    return story


def _story_summary(r: Report) -> list[Flowable]:
    lines = summary_lines(r)
    story: list[Flowable] = [_heading("Executive summary", "h1", 0)]
    story += [_p(line, "body") for line in lines["verdict"][:1]]
    story += [_p(line, "callout") for line in lines["verdict"][1:]]
    story += [_p(line, "body") for line in lines["completeness"]]
    story += [_p(lines["start"][0], "h3"), *_bullets(lines["gaps"]), *(_p(line, "body") for line in lines["later"])]
    story += [_p("Strengths", "h3"), *_bullets(lines["strengths"])]
    return story


def _story_charts(r: Report) -> list[Flowable]:
    widths = [FRAME_W * 0.5, FRAME_W * 0.2, FRAME_W * 0.15, FRAME_W * 0.15]
    rows = [["Principle", "Pillar", "Score", "Answered"]]
    for pillar in r.pillars:
        for p in pillar.principles:
            score = "blocked (0.0)" if p.blocked else fmt_score(p.score)
            rows.append(_row([p.title, pillar.title, score, p.answered_cell], widths))
    # Straight after a short executive summary when the radar fits (a page break here left the
    # summary page mostly empty); the heading, caption and radar move on as one when it does not.
    return [
        Spacer(1, 6 * mm),
        KeepTogether([
            _heading("Scores at a glance", "h1", 0),
            _p("Principles (0-100). Hollow markers are blocked or unanswered.", "meta"),
            charts.radar(r, FRAME_W),
        ]),
        Spacer(1, 3 * mm),
        KeepTogether([  # a caption never ends a page whose chart starts the next
            _p("Pillars (0-100), with the level thresholds.", "meta"),
            charts.pillar_bars(r, FRAME_W),
        ]),
        Spacer(1, 4 * mm),
        KeepTogether([_table(rows, widths)]),  # ten rows: moved whole rather than split after its header
    ]


def _story_to_confirm(r: Report) -> list[Flowable]:
    if not r.to_confirm:
        return []
    return [_heading(TO_CONFIRM, "h2", 1), _p(TO_CONFIRM_INTRO, "meta"), *_bullets([c.line for c in r.to_confirm])]


def _story_gaps(r: Report) -> list[Flowable]:
    story: list[Flowable] = [Spacer(1, 8 * mm), CondPageBreak(70 * mm), _heading("Gaps", "h1", 0)]  # fills the page
    if not r.gaps:
        message = NO_CONFIRMED_GAP if r.to_confirm else "No gaps were found in the answers given."
        return [*story, _p(message, "body"), *_story_to_confirm(r)]
    story.append(_p(r.gaps_intro, "meta"))
    if r.blocking_gaps:
        story += [_p("Blocked benefits", "h3"), *[_p(g.blocked_line, "callout") for g in r.blocking_gaps]]
    bullet = _styles()["bullet"]
    for gap in r.full_gaps:
        meta = f"Severity: {gap.severity_label} · Principle: {gap.principle}"
        if gap.caps_level:
            meta += f" · Caps the level at {gap.caps_level}"
        block = [
            _heading(f"{gap.severity_label}: {gap.title}", "h2", 1),
            _p(meta, "meta"),
            _p(gap.reasoning, "body"),
            _p("Recommended actions", "h3"),
            *[TextBlock([(a, bullet)], bullet, bullet=f"{i}.") for i, a in enumerate(gap.actions, 1)],
        ]
        if gap.blocks:
            block.append(_p(f"Blocks: {', '.join(gap.blocks)} (scored 0 while blocked; see Blocked benefits).",
                            "meta"))
        story.append(KeepTogether(block))  # a gap is read as one unit: it moves to the next page whole
    if r.waiting_gaps:
        story += [_p("Later: these follow from the gaps above", "h3"),
                  *_bullets([g.waits_line for g in r.waiting_gaps])]
    return story + _story_to_confirm(r)


def _story_plan(r: Report) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(60 * mm), _heading("Action plan", "h1", 0)]
    if not r.gaps:
        intro, where = no_gap_lines(r)
        return [*story, _p(intro, "body"), *_bullets(where)]
    story.append(_p("The recommended actions of the gaps to start with, most urgent first (the other gaps come"
                    " later, below; an action of theirs you already planned is kept). An action with a due date in the"
                    " assessment sits in the phase its date falls in; one due before the report date is overdue.",
                    "meta"))
    if status := r.plan_status_line():
        story.append(_p(status, "body"))
    # The due date and the status each get a column wide enough to stand apart from the other.
    widths = [FRAME_W * 0.37, FRAME_W * 0.24, FRAME_W * 0.14, FRAME_W * 0.14, FRAME_W * 0.11]
    for phase in r.plan:
        heading = _heading(phase.label, "h2", 1)
        if phase.actions:
            # Kept with its table, a heading made the whole table one unbreakable block, moved whole to
            # the next page. Instead: room for the heading and a few rows here, and the table splits
            # across pages with its header row repeated.
            heading.keepWithNext = False  # type: ignore[attr-defined]
            story.append(CondPageBreak(40 * mm))
        story.append(heading)
        if not phase.actions:
            story.append(_p(EMPTY_PHASE, "meta"))
            continue
        rows: list[list[Any]] = [["Action", "Gap", "Owner", "Due date", "Status"]]
        for a in phase.actions:
            rows.append([
                _cell(a.text, widths[0]),
                _cell(f"{a.gap} ({a.severity_label})", widths[1]),
                _u(a.owner, "cell") if a.owner else "-",
                a.due.isoformat() if a.due else "-",
                _p(a.status, "cell_bold") if a.overdue else a.status,
            ])
        story.append(_table(rows, widths))
    if r.later:
        story += [_heading("Later", "h2", 1),
                  _p("These gaps come once the ones above are closed; their actions are in the Gaps section.", "meta"),
                  *_bullets([f"{group.label}: {group.line}" for group in r.later])]
    return story


def _story_pillar(r: Report, pillar: PillarView) -> list[Flowable]:
    title = pillar_heading(pillar)
    story: list[Flowable] = [
        CondPageBreak(80 * mm),
        _heading(title, "h1", 0),
        _p(f"Score {fmt_score(pillar.score)} / 100 · {pillar.progress}", "meta"),
        _p(pillar.summary, "body"),
    ]
    question, question_bold, answer_style = (_styles()[k] for k in ("question", "question_bold", "answer"))
    for p in pillar.principles:
        score = p.score_line
        story += [
            CondPageBreak(40 * mm),
            _heading(p.title, "h2", 1),
            _p(f"Score {score} · weight {p.weight:g} · {p.progress}", "meta"),
            _p(p.summary, "body"),
        ]
        if p.blocked:
            story.append(_p(f"Blocked by: {'; '.join(p.blocked_by)}.", "callout"))
        for q in p.questions:
            block = TextBlock([(q.text, question_bold), (q.answer_line, answer_style)], question)
            story.append(block)
            if q.evidence.strip():
                block.keepWithNext = True  # the evidence starts on the question's page
                story += _evidence(q.evidence)
    return story


def _evidence(note: str) -> list[Flowable]:
    """An evidence note as paragraphs of at most `NOTE_CHUNK` characters each.

    reportlab lays out the rest of a paragraph again after every page break, so one paragraph of
    n characters costs time in n squared (a 100,000-character note took 8 s); pieces of bounded
    size keep the time linear in the note's length. Pieces end at a line break where the note has
    one, else between words, and sit flush with each other.
    """
    styles = _styles()
    pieces = note_chunks(note)
    return [
        Paragraph((f"<b>{EVIDENCE_LABEL}:</b><br/>" if i == 0 else "") + markup(piece),
                  styles["evidence" if i == len(pieces) - 1 else "evidence_cont"])
        for i, piece in enumerate(pieces)
    ]


def _story_methodology(r: Report) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(90 * mm), _heading("Methodology", "h1", 0)]
    story += [_p(line, "body") for line in methodology_lines(r)]
    widths = [FRAME_W * 0.17, FRAME_W * 0.13, FRAME_W * 0.7]
    levels: list[list[Any]] = [["Level", "From score", "What it means"]]
    levels += [_row([lv.label, f"{lv.min_score:g}", lv.description], widths) for lv in r.levels]
    story += [_p("Levels", "h3"), _table(levels, widths)]
    widths = [FRAME_W * 0.6, FRAME_W * 0.25, FRAME_W * 0.15]
    weights: list[list[Any]] = [["Principle", "Pillar", "Weight"]]
    weights += [_row([p.title, pillar.title, f"{p.weight:g}"], widths) for pillar in r.pillars
                for p in pillar.principles]
    story += [_p("Weights", "h3"), _table(weights, widths)]
    story += [_p(f"Pillar weights: {', '.join(f'{p.title} {p.weight:g}' for p in r.pillars)}.", "meta")]
    return story


def _story_section(section: Section) -> list[Flowable]:
    """An optional section (reports.blocks): user text through `_u`, the report's own through `_p`."""
    story: list[Flowable] = [CondPageBreak(90 * mm), _heading(section.title, "h1", 0)]
    for block in section.blocks:
        if isinstance(block, Subheading):
            story += [CondPageBreak(40 * mm), _heading(block.text, "h2", 1)]
        elif isinstance(block, Text):
            story.append((_u if block.user else _p)(block.text, block.style))
        elif isinstance(block, Bullets):
            story += ([Paragraph(markup(x), _styles()["bullet"], bulletText="•") for x in block.items]
                      if block.user else _bullets(block.items))
        elif isinstance(block, TableBlock):
            widths = [FRAME_W * w for w in block.widths]
            rows: list[list[Any]] = [_row(block.header, widths, bold=True)]
            rows += [[_u(c, "cell") if i in block.user_columns else _cell(c, widths[i]) for i, c in enumerate(row)]
                     for row in block.rows]
            story += [_table(rows, widths), Spacer(1, 2 * mm)]
        elif isinstance(block, Chart):
            story += [block.draw(FRAME_W), Spacer(1, 2 * mm)]
    return story

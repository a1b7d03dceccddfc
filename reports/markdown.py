"""The readiness report as Markdown: the same `Report` as the PDF, editable and diffable.

User text is escaped so that it can never become a heading, link, table column or HTML.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

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

_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+[.)])")


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for ch in text:
        if ch in "\n\t":
            out.append(ch)
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            out.append("\ufffd")
        elif unicodedata.category(ch) != "Cc":
            out.append(ch)
    return "".join(out)


def _escape_line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line.strip())
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)


def md_inline(text: str) -> str:
    """User text on one line (a cell, a heading, a list item), escaped."""
    return _escape_line(" ".join(_clean(text).split()))


def md_block(text: str, prefix: str = "") -> list[str]:
    """Multi-line user text as escaped lines, each starting with `prefix` (e.g. "> ")."""
    return [(prefix + _escape_line(line)).rstrip() for line in _clean(text).split("\n")]


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _t(text: str) -> str:
    """Rubric text in a table cell or list: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _cover(r: Report) -> list[str]:
    lines = [f"# {r.title}: {md_inline(r.company_display)}", ""]
    rows = [("Date", r.date.isoformat())]
    rows += [(k, md_inline(v)) for k, v in (("Assessor", r.assessor), ("Stage", r.stage), ("Niche", r.niche))
             if v.strip()]
    rows.append(("Rubric", _t(r.rubric_line)))
    lines += _table(["Company", md_inline(r.company_display)], rows)
    if not r.score_shown:  # a score and a level from a handful of answers would mean nothing
        return [*lines, f"**{r.level_heading}**", "", f"> {r.provisional_note}", ""]
    lines += [f"**{r.level_heading}** · Overall score **{fmt_score(r.overall)} / 100**", ""]
    if r.provisional:
        lines += [f"> {r.provisional_note}", ""]
    scale = [
        f"**[{lv.label} from {lv.min_score:g}]**" if i == r.level_index else f"{lv.label} from {lv.min_score:g}"
        for i, lv in enumerate(r.levels)
    ]
    lines += ["Level scale: " + " · ".join(scale), ""]
    if r.capped_by:
        lines += [r.cap_line, ""]
    return lines


def _summary(r: Report) -> list[str]:
    s = summary_lines(r)
    lines = ["## Executive summary", ""]
    lines += [s["verdict"][0], ""]
    lines += [f"> {line}" for line in s["verdict"][1:]] + ([""] if s["verdict"][1:] else [])
    lines += [*s["completeness"], ""]
    lines += [f"### {s['start'][0]}", "", *[f"- {_t(x)}" for x in s["gaps"]], ""]
    lines += [*(_t(x) for x in s["later"]), *([""] if s["later"] else [])]
    lines += ["### Strengths", "", *[f"- {_t(x)}" for x in s["strengths"]], ""]
    return lines


def _scores(r: Report) -> list[str]:
    lines = ["## Scores at a glance", "", "Principles (0-100):", ""]
    rows = []
    for pillar in r.pillars:
        for p in pillar.principles:
            score = "blocked (0.0)" if p.blocked else fmt_score(p.score)
            rows.append([_t(p.title), _t(pillar.title), score, p.answered_cell])
    lines += _table(["Principle", "Pillar", "Score", "Answered"], rows)
    lines += ["Pillars (0-100):", ""]
    lines += _table(["Pillar", "Score", "Answered"],
                    [[_t(p.title), fmt_score(p.score), p.answered_cell] for p in r.pillars])
    return lines


def _to_confirm(r: Report) -> list[str]:
    if not r.to_confirm:
        return []
    return [f"### {TO_CONFIRM}", "", TO_CONFIRM_INTRO, "", *[f"- {_t(c.line)}" for c in r.to_confirm], ""]


def _gaps(r: Report) -> list[str]:
    lines = ["## Gaps", ""]
    if not r.gaps:
        message = NO_CONFIRMED_GAP if r.to_confirm else "No gaps were found in the answers given."
        return [*lines, message, "", *_to_confirm(r)]
    lines += [r.gaps_intro, ""]
    if r.blocking_gaps:
        lines += ["### Blocked benefits", ""]
        for g in r.blocking_gaps:
            lines += [f"> {_t(g.blocked_line)}", ""]
    for gap in r.full_gaps:
        meta = f"Severity: {gap.severity_label} · Principle: {gap.principle}"
        if gap.caps_level:
            meta += f" · Caps the level at {gap.caps_level}"
        lines += [f"### {gap.severity_label}: {gap.title}", "", f"*{meta}*", "", _t(gap.reasoning), "",
                  "Recommended actions:", ""]
        lines += [f"{i}. {_t(a)}" for i, a in enumerate(gap.actions, 1)] + [""]
        if gap.blocks:
            lines += [f"*Blocks: {_t(', '.join(gap.blocks))} (scored 0 while blocked; see Blocked benefits).*", ""]
    if r.waiting_gaps:
        lines += ["**Later: these follow from the gaps above**", ""]
        lines += [f"- {_t(g.waits_line)}" for g in r.waiting_gaps] + [""]
    return lines + _to_confirm(r)


def _plan(r: Report) -> list[str]:
    lines = ["## Action plan", ""]
    if not r.gaps:
        intro, where = no_gap_lines(r)
        return [*lines, intro, "", *[f"- {_t(x)}" for x in where], *([""] if where else [])]
    if status := r.plan_status_line():
        lines += [status, ""]
    for phase in r.plan:
        lines += [f"### {phase.label}", ""]
        if not phase.actions:
            lines += [EMPTY_PHASE, ""]
            continue
        rows = [
            [_t(a.text), _t(f"{a.gap} ({a.severity_label})"), md_inline(a.owner) or "-",
             a.due.isoformat() if a.due else "-", f"**{a.status}**" if a.overdue else a.status]
            for a in phase.actions
        ]
        lines += _table(["Action", "Gap", "Owner", "Due date", "Status"], rows)
    if r.later:
        lines += ["### Later", "", "These gaps come once the ones above are closed; their actions are in the Gaps"
                  " section.", ""]
        lines += [f"- **{_t(group.label)}:** {_t(group.line)}" for group in r.later] + [""]
    return lines


def _pillar(pillar: PillarView) -> list[str]:
    lines = [f"## {pillar_heading(pillar)}", "",
             f"Score {fmt_score(pillar.score)} / 100 · {pillar.progress}", "",
             _t(pillar.summary), ""]
    for p in pillar.principles:
        score = p.score_line
        lines += [f"### {p.title}", "", f"Score {score} · weight {p.weight:g} · {p.progress}", "",
                  _t(p.summary), ""]
        if p.blocked:
            lines += [f"> Blocked by: {_t('; '.join(p.blocked_by))}.", ""]
        for q in p.questions:
            lines += [f"- **{_t(q.text)}**\\", f"  {_t(q.answer_line)}"]
            if q.evidence.strip():
                lines += ["", "  > **Evidence:**", *md_block(q.evidence, "  > ")]
            lines.append("")
    return lines


def _methodology(r: Report) -> list[str]:
    lines = ["## Methodology", ""]
    for line in methodology_lines(r):
        lines += [line, ""]
    lines += ["### Levels", ""]
    lines += _table(["Level", "From score", "What it means"],
                    [[lv.label, f"{lv.min_score:g}", _t(lv.description)] for lv in r.levels])
    lines += ["### Weights", ""]
    lines += _table(["Principle", "Pillar", "Weight"],
                    [[_t(p.title), _t(pillar.title), f"{p.weight:g}"]
                     for pillar in r.pillars for p in pillar.principles])
    lines += [f"Pillar weights: {', '.join(f'{p.title} {p.weight:g}' for p in r.pillars)}.", ""]
    return lines


def _section(section: Section) -> list[str]:
    """An optional section (reports.blocks): user text escaped, the report's own text as is."""
    lines = [f"## {section.title}", ""]
    for block in section.blocks:
        if isinstance(block, Subheading):
            lines += [f"### {block.text}", ""]
        elif isinstance(block, Text):
            text = md_inline(block.text) if block.user else _t(block.text)
            lines += [{"meta": f"*{text}*", "callout": f"> {text}"}.get(block.style, text), ""]
        elif isinstance(block, Bullets):
            lines += [f"- {md_inline(x) if block.user else _t(x)}" for x in block.items] + [""]
        elif isinstance(block, TableBlock):
            rows = [[md_inline(c) if i in block.user_columns else _t(c) for i, c in enumerate(row)]
                    for row in block.rows]
            lines += _table([_t(h) for h in block.header], rows)
        elif isinstance(block, Chart):
            lines += [f"*{md_inline(block.alt)}*", ""]
    return lines


def render_markdown(report: Report) -> str:
    """The report as a Markdown document (CommonMark with GitHub tables)."""
    lines = [
        *_cover(report),
        *_summary(report),
        *[line for section in report.front_sections for line in _section(section)],
        *_scores(report),
        *_gaps(report),
        *_plan(report),
        *[line for pillar in report.pillars for line in _pillar(pillar)],
        *[line for section in report.sections for line in _section(section)],
        *_methodology(report),
    ]
    return "\n".join(lines).rstrip() + "\n"

"""The report's "Progress since <date>" section: what changed since an earlier assessment or snapshot.

Every figure comes from `assessment.progress.compare.Comparison`; this module only words it and picks
what goes in the chart and the tables. It sits near the front of the report, after the summary.
"""

from __future__ import annotations

from assessment.progress.compare import Comparison, Delta
from reports.blocks import Block, Bullets, Chart, Section, Subheading, TableBlock, Text
from reports.progress.wording import (
    closed_action_text,
    closed_heading,
    level_change_line,
    progress_title,
    score_text,
    signed,
    summary_line,
)

MAX_ANSWER_ROWS = 20  # a long list of changed answers is cut here; the count says how many there were


def delta_rows(deltas: tuple[Delta, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple((d.title, score_text(d.old), score_text(d.new), signed(d.delta)) for d in deltas)


def progress_section(c: Comparison) -> Section:
    """The section: the change in a sentence, the deltas as a chart and a table, gaps closed and opened,
    answers changed, actions done and planned actions closed with their gap."""
    from reports.progress import charts  # reportlab loads only when a PDF is drawn

    moved = [d for d in c.principles if d.delta]
    alt = ("Chart: change in each principle's score. "
           + ("; ".join(f"{d.title} {signed(d.delta)}" for d in moved) if moved else "No principle score changed")
           + ".")
    blocks: list[Block] = [
        Text(level_change_line(c)),
        Text(summary_line(c), "meta"),
        Chart(lambda width: charts.delta_bars(c.principles, width), alt),
        TableBlock(("Principle", "Then", "Now", "Change"), delta_rows(c.principles), (0.58, 0.14, 0.14, 0.14)),
        TableBlock(("Pillar", "Then", "Now", "Change"), delta_rows(c.pillars), (0.58, 0.14, 0.14, 0.14)),
        Subheading("Gaps closed"),
        Bullets(tuple(f"{g.title} ({g.severity})" for g in c.gaps_closed) or ("None.",)),
        Subheading("Gaps opened"),
        Bullets(tuple(f"{g.title} ({g.severity})" for g in c.gaps_opened) or ("None.",)),
    ]
    if c.answers_changed:
        shown = c.answers_changed[:MAX_ANSWER_ROWS]
        blocks += [
            Subheading("Answers changed"),
            TableBlock(("Question", "Then", "Now"), tuple((a.text, a.old_label, a.new_label) for a in shown),
                       (0.56, 0.22, 0.22)),
        ]
        if len(c.answers_changed) > len(shown):
            blocks.append(Text(f"... and {len(c.answers_changed) - len(shown)} more.", "meta"))
    if c.actions_done:
        blocks += [Subheading("Action-plan items done"),
                   Bullets(tuple(a.text or a.key for a in c.actions_done))]
    if c.actions_closed:
        blocks += [Subheading(closed_heading(len(c.actions_closed))),
                   Bullets(tuple(closed_action_text(a) for a in c.actions_closed))]
    return Section(progress_title(c.since), tuple(blocks))

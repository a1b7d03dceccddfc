"""The report model: everything the readiness report says, computed once from a scored assessment.

`build_report(rubric, assessment) -> Report`; the PDF and Markdown renderers only lay the model out,
so both say the same thing with the same figures. `views` holds the records, `build` computes them,
`wording` holds the sentences both renderers print, `extras` lists the optional sections.
May import `reports.blocks`, the report sections (`reports.workbench.section`) and the engine.
"""

from reports.model.build import build_report
from reports.model.views import (
    EMPTY_PHASE,
    PHASES,
    REPORT_TITLE,
    SECTIONS,
    STRENGTH_MIN_SCORE,
    TOP_N,
    ActionView,
    GapView,
    LevelView,
    Phase,
    PhaseView,
    PillarView,
    PrincipleView,
    QuestionView,
    Report,
    fmt_percent,
    fmt_score,
    pillar_heading,
    progress_text,
)
from reports.model.wording import (
    NO_CONFIRMED_GAP,
    TO_CONFIRM,
    TO_CONFIRM_INTRO,
    first_sentence,
    methodology_lines,
    no_gap_lines,
    summary_lines,
)

__all__ = [
    "EMPTY_PHASE",
    "NO_CONFIRMED_GAP",
    "PHASES",
    "REPORT_TITLE",
    "SECTIONS",
    "STRENGTH_MIN_SCORE",
    "TOP_N",
    "TO_CONFIRM",
    "TO_CONFIRM_INTRO",
    "ActionView",
    "GapView",
    "LevelView",
    "Phase",
    "PhaseView",
    "PillarView",
    "PrincipleView",
    "QuestionView",
    "Report",
    "build_report",
    "first_sentence",
    "fmt_percent",
    "fmt_score",
    "methodology_lines",
    "no_gap_lines",
    "pillar_heading",
    "progress_text",
    "summary_lines",
]

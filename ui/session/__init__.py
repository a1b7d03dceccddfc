"""The open assessment of this browser session, and every way it is saved: the one package pages ask.

Public helpers (any page may use them, including other features' pages):

- `rubric() -> Rubric` and `store() -> Store`: shared for the whole process (`resources`).
- `restore()`: called once per run by app.py. Opens the assessment named by `?a=<token>` in the
  URL, keeps that parameter in the URL while one is open, and retries writes still pending.
- `current() -> (token, Assessment) | None`: the open assessment; `require()` is the same for
  pages that need one (it shows a pointer to the Start page and stops the page otherwise) (`state`).
- `result() -> Result`: the engine's score of the open assessment (memoised per document).
- `save_answer`, `save_evidence`, `save_assessment(assessment)`, `save_profile_field`, `set_position`: change the
  assessment; each change goes to this session at once and to the store through a queue, so a
  database outage loses nothing; `redraw` re-draws keyed fragments only (`saving`).
- `guard_leaving()`: drawn on every page by the frame; text typed and left at once by a page link is
  sent before the page changes (`leave_guard`).
- `start_new`, `resume`, `import_file`, `resume_link`: open a new, a stored or an imported
  assessment (`opening`).
- `snapshots`, `save_snapshot`, `reassess`, `to_confirm`, `still_to_confirm`, `confirm_answer`, `report_snapshotter`,
  `exporter`: the assessment's history and re-assessment rounds (`history`).

No scoring or storage logic lives here: the engine (`assessment.scoring`, `assessment.whatif`) and
the store (`assessment.storage`) do that. May import `assessment`; never another ui feature.
"""

from ui.session.history import (
    exporter,
    reassess,
    report_snapshotter,
    save_snapshot,
    snapshots,
    still_to_confirm,
    to_confirm,
)
from ui.session.leave_guard import show as guard_leaving
from ui.session.opening import STAGES, import_file, restore, resume, resume_link, start_new
from ui.session.resources import rubric, store
from ui.session.saving import (
    LIVE_FRAGMENT,
    PROGRESS_FRAGMENT,
    confirm_answer,
    note_waiting,
    question_fragment,
    redraw,
    retry_saves,
    save_answer,
    save_assessment,
    save_evidence,
    save_profile_field,
    set_position,
)
from ui.session.state import (
    SaveStatus,
    current,
    generation,
    numbered_questions,
    position,
    require,
    result,
    save_status,
    take_notice,
)

__all__ = [
    "LIVE_FRAGMENT", "PROGRESS_FRAGMENT", "STAGES", "SaveStatus", "confirm_answer", "current", "exporter",
    "generation", "guard_leaving", "import_file", "note_waiting", "numbered_questions", "position",
    "question_fragment", "reassess", "redraw", "report_snapshotter", "require", "restore", "result", "resume",
    "resume_link", "retry_saves", "rubric",
    "save_answer", "save_assessment", "save_evidence", "save_profile_field", "save_snapshot", "save_status",
    "set_position", "snapshots", "start_new", "still_to_confirm", "store", "take_notice", "to_confirm",
]

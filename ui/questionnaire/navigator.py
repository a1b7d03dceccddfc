"""Where you are in the questionnaire: progress per pillar and principle, jumps, previous / next."""

from __future__ import annotations

import streamlit as st

from assessment.rubric import Principle, Rubric
from assessment.scoring import Result
from assessment.verdict import answered_summary
from ui import session

_NAV_RESET = "nav-reset"
_MOVED = "nav-moved"  # counts moves; `scroll_to_top_after_move` scrolls once per move
_SCROLLED = "nav-scrolled"

# Streamlit keeps the scroll position across reruns; after "Next" at the bottom of a page the
# next principle would open scrolled to its end. After a jump to a question, that question is
# scrolled into view instead (found by its "Question N of" line). Trusted constant script, no
# user text in it.
_SCROLL_TOP = """<script>
(() => {{  // its own scope: the page runs this once per move, in the same document
  const doc = window.parent.document.querySelector('[data-testid="stMain"]') ? window.parent.document : document;
  const wanted = {question};
  const target = wanted ? [...doc.querySelectorAll('[data-testid="stMarkdownContainer"]')]
    .find(el => el.innerText.startsWith('Question ' + wanted + ' of')) : null;
  if (target) {{
    target.scrollIntoView({{block: 'start'}});
  }} else {{
    for (const sel of ['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]']) {{
      const el = doc.querySelector(sel);
      if (el) el.scrollTo({{top: 0}});
    }}
    window.scrollTo({{top: 0}});
  }}
}})();
/* move {count} */
</script>"""
_SCROLL_TO = "nav-scroll-to"  # number of the question to show after a move (0: the top)


def _first_unanswered(rubric: Rubric, result: Result, answered: set[str]) -> tuple[str, int] | None:
    """(principle id, question number) of the first question that applies and has no answer, in rubric order."""
    number = 0
    for p in rubric.principles:
        for q in p.questions:
            number += 1
            if q.id not in answered and q.id not in result.skipped:
                return p.id, number
    return None


def _next_dont_know(rubric: Rubric, result: Result, current: Principle) -> str | None:
    """The next principle after the current one (wrapping round, itself last) with a "don't know" answer."""
    order = [p.id for p in rubric.principles]
    start = order.index(current.id) + 1
    return next((pid for pid in order[start:] + order[:start] if result.principle(pid).dont_know), None)


def _nav_key(pillar_id: str, current: Principle) -> str:
    # Tied to the current principle, so the pills re-draw with the right selection after a move.
    return f"nav-{pillar_id}-{current.id}-{session.generation()}-{st.session_state.get(_NAV_RESET, 0)}"


def _jumped(pillar_id: str, current_id: str) -> None:
    target = st.session_state.get(_nav_key(pillar_id, session.rubric().principle_index[current_id]))
    if target is None:  # the current pill clicked again: stay, and draw it selected again
        st.session_state[_NAV_RESET] = st.session_state.get(_NAV_RESET, 0) + 1
    else:
        _move(target)
    st.rerun()  # a move re-draws the whole page (previous / next and the links change with it)


def _move(principle_id: str, question: int = 0) -> None:
    session.set_position(principle_id)
    st.session_state[_SCROLL_TO] = question
    st.session_state[_MOVED] = st.session_state.get(_MOVED, 0) + 1
    st.rerun()


def scroll_to_top_after_move() -> None:
    """After a move to another principle, show the new one from its top."""
    moved = st.session_state.get(_MOVED, 0)
    if moved != st.session_state.get(_SCROLLED, 0):
        st.session_state[_SCROLLED] = moved
        question = int(st.session_state.get(_SCROLL_TO, 0))
        st.html(_SCROLL_TOP.format(count=moved, question=question), unsafe_allow_javascript=True, width="content")


def _pending(rubric: Rubric, to_confirm: frozenset[str]) -> dict[str, tuple[int, int]]:
    """Per principle: (carried-over answers still to confirm, how many of them are "don't know"); `to_confirm`
    holds only answered questions that apply (`session.still_to_confirm`). Until confirmed or changed, such
    an answer is not done."""
    found = session.current()
    answers = found[1].answers if found else {}
    out = {}
    for p in rubric.principles:
        held = [answers[q.id].choice for q in p.questions if q.id in to_confirm]
        out[p.id] = (len(held), sum(c == rubric.dont_know.id for c in held))
    return out


def _progress_text(result: Result, pending: int, pending_dont_know: int) -> str:
    """ "33 of 33 questions answered - all done", or while a new round has answers to confirm:
    "0 of 33 confirmed, 33 to confirm" (never "all done" until each is confirmed or changed)."""
    missing = result.total - result.answered
    still = f" - {missing} still open" if missing else ""
    if not pending:
        return answered_summary(result) + (still or (" - find out the \"don't know\" answers" if result.dont_know
                                                     else " - all done"))
    done = result.real_answers - (pending - pending_dont_know)
    dont_know = result.dont_know - pending_dont_know
    return (f"{done} of {result.total} confirmed, {pending} to confirm"
            + (f", {dont_know} don't know" if dont_know else "") + still)


def progress_drawn() -> tuple[object, ...]:
    """All that `show_progress` draws from, for telling whether an answer changed it: which questions are
    answered, which of them "don't know", which do not apply, which wait to be confirmed, and the page."""
    _, doc = session.require()
    result, dont_know = session.result(), session.rubric().dont_know.id
    return (frozenset(doc.answers), frozenset(q for q, a in doc.answers.items() if a.choice == dont_know),
            result.skipped, session.still_to_confirm(result.skipped), session.position().id)


_PROGRESS_DRAWN = "progress-drawn"


def progress_stale() -> bool:
    """Whether the progress on screen was drawn from other answers than the ones there are now."""
    return st.session_state.get(_PROGRESS_DRAWN) != progress_drawn()


def show_progress(rubric: Rubric, result: Result, current: Principle,
                  to_confirm: frozenset[str] = frozenset()) -> None:
    """Overall progress, then each pillar's principles as pills showing answered / total (an answer carried
    over into a new round counts once it is confirmed or changed)."""
    pending = _pending(rubric, to_confirm)
    waiting = sum(n for n, _ in pending.values())
    waiting_dont_know = sum(dk for _, dk in pending.values())
    st.progress(  # real answers: a "don't know" is counted apart, never as done
        (result.real_answers - waiting + waiting_dont_know) / result.total if result.total else 0.0,
        text=_progress_text(result, waiting, waiting_dont_know),
    )
    if result.skipped:  # the total moves with gate answers: say why
        n, everything = len(result.skipped), len(rubric.questions)
        st.caption(f":material/info: {n} of the {everything} question{'s' if everything != 1 else ''}"
                   f" {'does' if n == 1 else 'do'} not apply to your answers so far (they say \"Not asked\" and why),"
                   f" so the total is {result.total}.")
    labels = {}
    labels_real: dict[str, int] = {}  # real answers, confirmed ones only, as the pills say
    for p in result.principles:
        # Counts first: should a title ever be cut short on a narrow screen, the count never is.
        title = rubric.principle_index[p.id].title
        if p.total == 0:  # every question skipped: nothing to answer here for now
            labels[p.id] = f"not asked · {title}"
        else:
            held, held_dont_know = pending[p.id]
            real = p.answered - p.dont_know - (held - held_dont_know)
            labels_real[p.id] = real
            unknown = f" · {p.dont_know - held_dont_know} don't know" if p.dont_know - held_dont_know else ""
            confirm = f" · {held} to confirm" if held else ""
            labels[p.id] = f"{'✓ ' if real == p.total else ''}{real}/{p.total}{confirm}{unknown} · {title}"
    # One pillar per row, at the page's full width: a pill shows its whole title (in a column of
    # three, long titles were cut off).
    for pillar in rubric.pillars:
        pillar_score = result.pillar(pillar.id)
        members = [p.id for p in rubric.principles_of(pillar.id)]
        held = sum(pending[m][0] for m in members)
        st.pills(
            f"{pillar.title} · {sum(labels_real.get(m, 0) for m in members)}/{pillar_score.total}"
            + (f" · {held} to confirm" if held else ""),
            members,
            default=current.id if current.id in members else None,
            format_func=labels.__getitem__,
            key=_nav_key(pillar.id, current),
            on_change=_jumped,
            args=(pillar.id, current.id),
            wrap=True,
        )
    row = st.container(horizontal=True)
    found = session.current()
    target = _first_unanswered(rubric, result, set(found[1].answers) if found else set())
    if target is not None:
        pid, number = target
        where = "on this page" if pid == current.id else rubric.principle_index[pid].title
        row.button(
            f"First unanswered: question {number}, {where}",
            icon=":material/skip_next:",
            type="tertiary",
            on_click=_move,
            args=(pid, number),
            key="first-unanswered",
        )
    unknown = _next_dont_know(rubric, result, current)
    if unknown is not None and unknown != current.id:
        row.button(
            f"Revisit the don't-know answers: {rubric.principle_index[unknown].title}",
            icon=":material/help:",
            type="tertiary",
            on_click=_move,
            args=(unknown,),
        )
    # Recorded once drawn whole: a run cut short by a newer click leaves the progress out of date.
    st.session_state[_PROGRESS_DRAWN] = progress_drawn()


def show_prev_next(rubric: Rubric, current: Principle) -> None:
    """Previous / next principle; answers are already saved, so moving never discards anything."""
    order = list(rubric.principles)
    i = order.index(current)
    row = st.container(horizontal=True, horizontal_alignment="distribute")
    if i == 0:
        row.space()  # keeps "Next" on the right
    else:
        prev = order[i - 1]
        row.button(f"Previous: {prev.title}", icon=":material/arrow_back:", on_click=_move,
                   args=(prev.id,), key="prev")
    if i + 1 < len(order):
        nxt = order[i + 1]
        row.button(f"Next: {nxt.title}", icon=":material/arrow_forward:", icon_position="right", type="primary",
                   on_click=_move, args=(nxt.id,), key="next")
    else:
        row.page_link("ui/pages/results.py", label="See your results", icon=":material/insights:")

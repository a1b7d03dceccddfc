"""The suggestions shown against their questions, each with its evidence, to Accept or Ignore.

An answer already given is never replaced without a click: its suggestion says what it would
change, and the button says "Replace".
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from assessment.answers import Answer
from assessment.modelcard import Suggestion
from assessment.rubric import Question, Rubric
from ui import session
from ui.frame.text import md_escape
from ui.modelcard import pending


def _accepted(question_id: str, after: Callable[[str], None] | None) -> None:
    pending.accept(question_id, after)
    st.rerun()  # the answer changes the score, the progress and maybe which questions apply


def _ignored(question_id: str) -> None:
    pending.ignore(question_id)
    st.rerun()


def _label(rubric: Rubric, question: Question, choice_id: str) -> str:
    choice = next((c for c in rubric.choices_for(question) if c.id == choice_id), None)
    return choice.label if choice is not None else choice_id


def _suggestion(rubric: Rubric, question: Question, suggestion: Suggestion, answer: Answer | None,
                key: str, after: Callable[[str], None] | None) -> None:
    source = pending.pending().source
    label = md_escape(_label(rubric, question, suggestion.choice))
    lines = [f":blue[:material/auto_awesome:] **The model card suggests:** {label}",
             f":gray[Evidence ({md_escape(source)}):] {md_escape(suggestion.evidence)}"]
    if suggestion.note:
        lines.append(f":gray[:small[{md_escape(suggestion.note)}]]")
    action = "Accept"
    if answer is not None and answer.choice == suggestion.choice:
        lines.append(":gray[Your answer already says this; accepting adds the evidence to its note.]")
        action = "Accept (add the evidence)"
    elif answer is not None:
        lines.append(f":orange[Your answer now: {md_escape(_label(rubric, question, answer.choice))}."
                     " It stays unless you replace it.]")
        action = "Replace my answer"
    st.markdown("  \n".join(lines))
    row = st.container(horizontal=True, gap="small")
    row.button(action, key=f"{key}-accept-{question.id}", icon=":material/check:", type="primary",
               on_click=_accepted, args=(question.id, after))
    row.button("Ignore", key=f"{key}-ignore-{question.id}", icon=":material/close:", on_click=_ignored,
               args=(question.id,))


def show_inline(rubric: Rubric, question: Question, answer: Answer | None,
                after: Callable[[str], None] | None = None) -> None:
    """Inside a question's block: its waiting suggestion, if any. `after(question_id)` runs once accepted."""
    suggestion = pending.suggestion_for(question.id)
    if suggestion is not None:
        with st.container(border=True):
            _suggestion(rubric, question, suggestion, answer, "inline", after)


def show_list(rubric: Rubric, key: str) -> None:
    """Every waiting suggestion with its question (on the Start page)."""
    state = pending.pending()
    if not state.suggestions:
        return
    found = session.current()
    answers = found[1].answers if found is not None else {}
    numbers = {q.id: i for i, q in enumerate(rubric.questions, start=1)}
    n = len(state.suggestions)
    st.markdown(f"**{n} suggested answer{'s' if n != 1 else ''} from {md_escape(state.source)}**")
    for qid, suggestion in list(state.suggestions.items()):
        entry = rubric.question_index.get(qid)
        if entry is None:
            continue
        principle, question = entry
        with st.container(border=True):
            st.markdown(f"**Question {numbers[qid]} of {len(rubric.questions)}** :gray[({md_escape(principle.title)})]"
                        f"  \n{md_escape(question.text)}")
            if found is None:
                st.markdown(f":blue[:material/auto_awesome:] **The model card suggests:**"
                            f" {md_escape(_label(rubric, question, suggestion.choice))}  \n"
                            f":gray[Evidence:] {md_escape(suggestion.evidence)}")
            else:
                _suggestion(rubric, question, suggestion, answers.get(qid), key, None)
    st.button("Ignore all suggestions", key=f"{key}-ignore-all", on_click=pending.ignore_all)


def summary(rubric: Rubric, on_go: Callable[[str], None]) -> None:
    """On the questionnaire: how many suggestions wait, and where (a button per principle)."""
    state = pending.pending()
    if not state.suggestions:
        return
    where: dict[str, int] = {}
    for qid in state.suggestions:
        entry = rubric.question_index.get(qid)
        if entry is not None:
            where[entry[0].id] = where.get(entry[0].id, 0) + 1
    n = len(state.suggestions)
    where_to = "wait against their questions" if n != 1 else "waits against its question"
    st.markdown(f":blue[:material/auto_awesome:] **{n} suggestion{'s' if n != 1 else ''} from"
                f" {md_escape(state.source)}** {where_to}:")
    row = st.container(horizontal=True, gap="small")
    for pid, count in where.items():
        row.button(f"{rubric.principle_index[pid].title} ({count})", key=f"modelcard-go-{pid}",
                   on_click=on_go, args=(pid,))
    row.button("Ignore all", key="modelcard-ignore-all-q", on_click=pending.ignore_all)

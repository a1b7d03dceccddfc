"""Assessments saved under an earlier version of a rubric open under the current one.

Answers to questions and choices that still exist are carried over (a question that keeps its meaning
keeps its id); action-plan entries move to renamed gaps (`upgrades[].plan_keys` in the rubric). What
does not fit is never thrown away: it goes into a note (`upgrades` in the assessment) with the old
question and answer text and any evidence note or plan entry typed, which the app shows once and the
file keeps. Works on the raw JSON dict, before validation, so files and database rows share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from assessment.errors import InputError
from assessment.rubric import MAX_RUBRIC_BYTES, RUBRICS_DIR, Rubric, available_rubrics, load_rubric

ARCHIVE_DIR = RUBRICS_DIR / "archive"  # earlier versions, kept for the wording of what an upgrade drops


def upgradable(rubric: Rubric, ref: object) -> bool:
    """True when `ref` (a saved `rubric` reference) is an earlier version this rubric upgrades."""
    return (isinstance(ref, dict) and ref.get("id") == rubric.id and ref.get("version") != rubric.version
            and any(u.from_version == ref.get("version") for u in rubric.upgrades))


def upgrading_rubric(rubric_id: str, version: str) -> Rubric | None:
    """The shipped rubric that upgrades assessments saved under (`rubric_id`, `version`), if any."""
    for path in available_rubrics():
        try:
            found = load_rubric(path)
        except InputError:
            continue
        if upgradable(found, {"id": rubric_id, "version": version}):
            return found
    return None


@dataclass(frozen=True)
class _OldWording:
    """What an archived rubric version called its questions, choices and actions (read as plain data: an
    old version need not pass today's checks)."""

    questions: dict[str, tuple[str, dict[str, str]]]  # id -> (text, {choice id: label})
    actions: dict[str, tuple[str, list[str]]]  # gap id -> (title, actions)


def _archived(rubric: Rubric, version: str) -> _OldWording | None:
    path = ARCHIVE_DIR / f"{rubric.id}-{version}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.stat().st_size < MAX_RUBRIC_BYTES else None
        dk = {rubric.dont_know.id: rubric.dont_know.label}
        questions = {q["id"]: (q["text"], {c["id"]: c["label"] for c in q["choices"]} | dk)
                     for p in data["principles"] for q in p["questions"]}
        actions = {r["id"]: (r["title"], list(r["actions"])) for r in data.get("gap_rules", [])}
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError):
        return None
    return _OldWording(questions, actions)


def _labels(old: _OldWording | None, qid: str, choice: str) -> tuple[str, str]:
    """The old question's text and the old choice's label (the ids when the old rubric is not archived)."""
    if old is None or qid not in old.questions:
        return qid, choice
    text, labels = old.questions[qid]
    return text, labels.get(choice, choice)


def _action_text(old: _OldWording | None, key: str) -> tuple[str, str]:
    gap_id, _, index = key.partition(":")
    found = old.actions.get(gap_id) if old else None
    if found is None or not index.isdigit() or int(index) >= len(found[1]):
        return gap_id, key
    return found[0], found[1][int(index)]


def upgrade_data(data: dict[str, Any], rubric: Rubric) -> dict[str, Any]:
    """A copy of an assessment dict made under an earlier version, moved to `rubric`'s version."""
    ref = data.get("rubric")
    if not upgradable(rubric, ref):
        return data
    assert isinstance(ref, dict)
    old_version = str(ref["version"])
    step = next(u for u in rubric.upgrades if u.from_version == old_version)
    old = _archived(rubric, old_version)
    out = dict(data)
    out["rubric"] = {**ref, "version": rubric.version}
    kept: dict[str, Any] = {}
    dropped_answers = []
    answers = data.get("answers")
    for qid, answer in (answers.items() if isinstance(answers, dict) else ()):
        choice = answer.get("choice") if isinstance(answer, dict) else None
        entry = rubric.question_index.get(qid)
        if entry is not None and any(c.id == choice for c in rubric.choices_for(entry[1])):
            kept[qid] = answer
            continue
        valid_before = old is None or choice in old.questions.get(qid, ("", {}))[1]
        if not isinstance(answer, dict) or not isinstance(choice, str) or not valid_before:
            kept[qid] = answer  # not a valid answer even then: validation names it
            continue
        question, label = _labels(old, qid, choice)
        dropped_answers.append({"question": qid, "question_text": question, "choice": choice,
                                "choice_label": label, "evidence": answer.get("evidence", "")})
    if isinstance(answers, dict):
        out["answers"] = kept
    plan = data.get("action_plan")
    dropped_plan = []
    if isinstance(plan, dict):
        actions = {r.id: len(r.actions) for r in rubric.gap_rules}
        moved: dict[str, Any] = {}
        for key, item in plan.items():
            new_key = step.plan_keys.get(key, key)
            gap_id, _, index = new_key.partition(":")
            if index.isdigit() and int(index) < actions.get(gap_id, 0) and new_key not in moved:
                moved[new_key] = item
            elif isinstance(item, dict):
                gap, action = _action_text(old, key)
                dropped_plan.append({"key": key, "gap": gap, "action": action, **item})
            else:
                moved[key] = item  # not a plan entry: validation names it
        out["action_plan"] = moved
    notes = data.get("upgrades", [])
    if isinstance(notes, list):  # anything else: validation names it
        out["upgrades"] = [*notes, {"from_version": old_version, "to_version": rubric.version,
                                    "answers_kept": len(kept), "dropped_answers": dropped_answers,
                                    "dropped_plan": dropped_plan, "seen": False}]
    return out


def upgrade_message(note: Any) -> str:  # an answers.UpgradeNote (not imported: answers imports this module)
    """What the app tells a person once about an upgrade: versions, what was kept, what was not, word for word."""
    kept = f"{note.answers_kept} answer{'' if note.answers_kept == 1 else 's'}"
    text = (f"This assessment was made with version {note.from_version} of the questionnaire and now uses"
            f" version {note.to_version}: {kept} carried over.")
    if not note.dropped_answers and not note.dropped_plan:
        return text + " Nothing else needed changing."
    lines = [text, "Not carried over, because the question or its choice changed (kept in the saved file):"]
    for a in note.dropped_answers:
        evidence = f" Your note: \u201c{a.evidence}\u201d" if a.evidence else ""
        lines.append(f"- \u201c{a.question_text}\u201d - you answered \u201c{a.choice_label}\u201d.{evidence}")
    for p in note.dropped_plan:
        who = ", ".join(x for x in (p.owner, p.due.isoformat() if p.due else "", "done" if p.done else "") if x)
        lines.append(f"- Plan entry for \u201c{p.action}\u201d ({p.gap}){f': {who}' if who else ''}.")
    return "\n".join(lines)

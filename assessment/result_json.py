"""The stable JSON shape of a scored result (`assessment score --json`); scripts rely on its keys."""

from __future__ import annotations

from assessment.scoring import Result


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def result_to_dict(result: Result) -> dict[str, object]:
    """The stable JSON shape of a result (`assessment score --json`); scripts rely on it."""
    return {
        "overall": _round(result.overall),
        # False while too few questions have a real answer (`score_shown_from`): `overall` and `level`
        # are still given, but the app, the reports and the CLI text show neither.
        "score_shown": result.score_shown,
        "answers_to_score": result.answers_to_score,
        "level": {
            "id": result.level.id,
            "label": result.level.label,
            "description": result.level.description,
            "capped": bool(result.capped_by),
            "capped_by": list(result.capped_by),
            "uncapped": {"id": result.uncapped_level.id, "label": result.uncapped_level.label},
            "provisional": result.provisional,
            "enough_known": result.enough_known,
            "would_cap": list(result.would_cap),
        },
        "completeness": round(result.completeness, 4),
        "answered": result.answered,
        "real_answers": result.real_answers,
        "total": result.total,
        "dont_know": result.dont_know,
        "pillars": [
            {"id": p.id, "title": p.title, "score": _round(p.score), "answered": p.answered, "total": p.total}
            for p in result.pillars
        ],
        "principles": [
            {
                "id": p.id,
                "pillar": p.pillar,
                "title": p.title,
                "score": _round(p.score),
                "raw_score": _round(p.raw_score),
                "blocked": p.blocked,
                "blocked_by": list(p.blocked_by),
                "answered": p.answered,
                "dont_know": p.dont_know,
                "total": p.total,
            }
            for p in result.principles
        ],
        "gaps": [
            {
                "id": g.id,
                "severity": g.severity,
                "title": g.title,
                "principle": g.principle,
                "reasoning": g.rule.reasoning,
                "actions": list(g.rule.actions),
                "blocks": list(g.blocks),
                "unblock": g.rule.unblock,
                "confirmed": g.confirmed,
                "to_confirm": "" if g.confirmed else g.headline,
                "unknowns": list(g.unknowns),
            }
            for g in result.gaps
        ],
        "skipped": sorted(result.skipped),
    }

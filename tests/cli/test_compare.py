"""`assessment compare OLD NEW [--json]` and `assessment report NEW --since OLD | --brief`, as people run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import main
from tests.conftest import EXAMPLES
from tests.reports.report_helpers import pdf_reader, pdf_text, squash

NEW = EXAMPLES / "harbor-legal-ai.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _variant(tmp_path: Path, name: str, change) -> Path:
    data = json.loads(NEW.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def old(tmp_path: Path) -> Path:
    def change(d: dict) -> None:
        d["answers"]["niche-objective"] = {"choice": "no"}
        d["company"]["date"] = "2026-06-01"

    return _variant(tmp_path, "old.json", change)


def test_compare_json(capsys, old: Path) -> None:
    code, out, err = run(capsys, "compare", str(old), str(NEW), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["overall"]["delta"] > 0
    assert data["overall"]["delta"] == round(data["overall"]["new"] - data["overall"]["old"], 1)
    assert data["level"] == {"old": "emerging", "new": "leading"}
    assert data["gaps_closed"] == ["no-niche"] and data["gaps_opened"] == []
    assert data["answers_changed"] == [{"question": "niche-objective", "old": "no", "new": "written"}]
    niche = next(p for p in data["principles"] if p["id"] == "niche")
    assert niche["delta"] > 0 and set(niche) == {"id", "old", "new", "delta"}
    assert data["since"] == "2026-06-01"


def test_compare_text(capsys, old: Path) -> None:
    code, out, _ = run(capsys, "compare", str(old), str(NEW))
    assert code == 0
    assert "Gaps closed: no-niche" in out
    assert "niche-objective: no -> written" in out


def test_two_companies_are_refused(capsys, old: Path) -> None:
    code, out, err = run(capsys, "compare", str(EXAMPLES / "closedwater-api.json"), str(NEW), "--json")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "only assessments of one company can be compared" in err


def test_two_rubric_versions_are_refused_with_what_to_do(capsys, tmp_path: Path) -> None:
    older = _variant(tmp_path, "older.json", lambda d: d["rubric"].update(version="0.9.0"))
    code, out, err = run(capsys, "compare", str(older), str(NEW))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "rubric version 0.9.0" in err and "compare after migrating" in err
    other = _variant(tmp_path, "other.json", lambda d: d["rubric"].update(id="another-rubric"))
    code, _, err = run(capsys, "compare", str(other), str(NEW))
    assert code == 2 and "different questionnaires" in err


@pytest.mark.parametrize("content", [b"not json", b"\x00\x01\x02", b"[]", b'{"format_version": 1}'])
def test_a_bad_file_is_named(capsys, tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, out, err = run(capsys, "compare", str(bad), str(NEW))
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {bad}: ") and err.count("\n") == 1
    code, _, err = run(capsys, "compare", str(tmp_path / "missing.json"), str(NEW))
    assert code == 2 and "cannot read file" in err


def test_report_since_has_the_progress_section(capsys, tmp_path: Path, old: Path) -> None:
    for suffix in ("pdf", "md"):
        target = tmp_path / f"report.{suffix}"
        code, _, err = run(capsys, "report", str(NEW), "--since", str(old), "-o", str(target))
        assert (code, err) == (0, "")
        text = pdf_text(target.read_bytes()) if suffix == "pdf" else target.read_text(encoding="utf-8")
        assert "Progress since 2026-06-01" in text
        assert "No niche" in squash(text).split("Progress since 2026-06-01")[1]
    code, _, err = run(capsys, "report", str(NEW), "--since", str(EXAMPLES / "closedwater-api.json"),
                       "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "one company" in err
    assert not (tmp_path / "x.pdf").exists()


def test_report_brief_is_one_page(capsys, tmp_path: Path, old: Path) -> None:
    target = tmp_path / "brief.pdf"
    code, out, err = run(capsys, "report", str(NEW), "--brief", "--since", str(old), "-o", str(target))
    assert (code, err) == (0, "") and out.strip() == f"wrote {target}"
    reader = pdf_reader(target.read_bytes())
    assert len(reader.pages) == 1
    assert reader.metadata.title == "Readiness brief: Harbor Legal AI (fictional)"
    assert "Progress since 2026-06-01" in pdf_text(target.read_bytes())
    code, _, err = run(capsys, "report", str(NEW), "--brief", "-o", str(tmp_path / "brief.md"))
    assert code == 2 and "the brief is a PDF" in err


def _closedwater(tmp_path: Path, name: str, niche: str) -> Path:
    data = json.loads((EXAMPLES / "closedwater-api.json").read_text(encoding="utf-8"))
    data["answers"]["niche-objective"] = {"choice": niche}
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_compare_prints_the_difference_of_the_rounded_scores(capsys, tmp_path: Path) -> None:
    # 44.47 -> 46.84: the app, the reports and the command line all say "44.5 -> 46.8 (+2.3)".
    old = _closedwater(tmp_path, "old.json", "informal")
    new = _closedwater(tmp_path, "new.json", "written")
    code, out, _ = run(capsys, "compare", str(old), str(new))
    assert code == 0 and out.startswith("Overall: 44.5 -> 46.8 (+2.3);")
    code, out, _ = run(capsys, "compare", str(old), str(new), "--json")
    data = json.loads(out)
    assert data["overall"] == {"old": 44.5, "new": 46.8, "delta": 2.3}
    assert all(p["delta"] == round(p["new"] - p["old"], 1) for p in data["principles"] if p["delta"] is not None)


def test_compare_names_planned_actions_closed_with_their_gap(capsys, tmp_path: Path) -> None:
    plan = {"action_plan": {"no-niche:0": {"owner": "Priya", "due": "2026-12-01"}}}
    data = json.loads((EXAMPLES / "nimbus-foundation-lab.json").read_text(encoding="utf-8"))
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps({**data, **plan}), encoding="utf-8")
    data["answers"]["niche-objective"] = {"choice": "written"}
    new.write_text(json.dumps({**data, **plan}), encoding="utf-8")
    code, out, _ = run(capsys, "compare", str(old), str(new), "--json")
    assert code == 0 and json.loads(out)["actions_closed"] == ["no-niche:0"]
    _, out, _ = run(capsys, "compare", str(old), str(new))
    assert "Planned actions closed with their gap: no-niche:0" in out

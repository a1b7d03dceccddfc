"""The source tree keeps its layout: layers point down, no cycles, small modules, documented packages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.structure.layout import all_problems, cycles, graph, source_modules


def test_the_source_tree_keeps_its_layout():
    assert all_problems(ROOT) == []


def test_every_feature_is_a_folder():
    """No file-name prefixes standing in for folders (workshop_store.py beside workshop_db.py)."""
    crowded = []
    for folder in {p.parent for top in ("assessment", "reports", "ui", "cli") for p in (ROOT / top).rglob("*.py")}:
        stems = [p.stem for p in folder.glob("*.py") if "_" in p.stem.strip("_")]
        prefixes = [s.split("_")[0] for s in stems]
        crowded += [f"{folder.relative_to(ROOT)}/{p}_*" for p in set(prefixes) if prefixes.count(p) > 1]
    assert sorted(crowded) == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for top in ("assessment", "reports", "cli", "ui"):
        init = tmp_path / top / "__init__.py"
        if not init.exists():
            init.parent.mkdir(parents=True, exist_ok=True)
            init.write_text('"""A package."""\n')
    return tmp_path


@pytest.mark.parametrize(("files", "expected"), [
    ({"assessment/scoring.py": "from reports.model import x\n"}, "imports up or across a layer: assessment -> reports"),
    ({"assessment/scoring.py": "def f():\n    import ui.session\n"}, "imports up or across a layer: assessment -> ui"),
    ({"reports/pdf.py": "import streamlit as st\n"}, "imports streamlit below ui/"),
    ({"assessment/x.py": "from streamlit import session_state\n"}, "imports streamlit below ui/"),
    ({"cli/main.py": "from ui import session\n"}, "imports up or across a layer: cli -> ui"),
    ({"ui/page.py": "from cli.main import main\n"}, "imports up or across a layer: ui -> cli"),
    ({"assessment/scoring.py": "from assessment.storage.store import Store\n",
      "assessment/storage/__init__.py": '"""Db."""\n', "assessment/storage/store.py": ""},
     "the engine core imports a feature built on it"),
    ({"reports/a.py": "from reports import b\n", "reports/b.py": "def f():\n    from reports.a import x\n"},
     "import cycle: reports.a <-> reports.b"),
    ({"reports/a.py": "x = 1\n" * 401}, "401 lines (limit 400)"),
    ({"ui/feature/__init__.py": "x = 1\n"}, "package without a docstring"),
])
def test_the_checker_catches_each_kind_of_problem(tmp_path, files, expected):
    problems = all_problems(_tree(tmp_path, files))
    assert any(expected in p for p in problems), problems


def test_the_checker_accepts_downward_imports_and_entry_points(tmp_path):
    root = _tree(tmp_path, {
        "assessment/scoring.py": "from assessment import rubric\n", "assessment/rubric.py": "",
        "assessment/__main__.py": "from cli.main import main\n",
        "reports/model.py": "from assessment.scoring import score\n",
        "cli/main.py": "from reports.model import build\nfrom assessment import rubric\n",
        "ui/page.py": "import streamlit\nfrom reports import model\n",
        "app.py": "import streamlit\nfrom ui import page\n",
    })
    assert all_problems(root) == []


def test_the_real_graph_is_seen(tmp_path):
    """The checker sees the real tree's imports (a checker that sees nothing passes everything)."""
    edges = graph(source_modules(ROOT))
    assert "assessment.scoring" in edges["reports.model.build"]
    assert "reports.pdf.document" in edges["reports.pdf"]
    assert "cli.workshop" in edges["cli.main"]
    assert cycles({"a": {"b": 1}, "b": {"a": 1}, "c": {}}) == [["a", "b"]]


def _code_map() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("## Code map", 1)[1].split("\n## ", 1)[0]


def test_the_readme_code_map_names_real_folders_and_every_package():
    section = _code_map()
    named = set(re.findall(r"`([\w./-]+/)`", section)) | set(re.findall(r"`(\w+/[\w/]+\.(?:py|yaml))`", section))
    assert named, "the code map names no folders"
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert missing == []
    packages = {p.parent.relative_to(ROOT).as_posix() + "/" for top in ("assessment", "reports", "ui", "cli")
                for p in (ROOT / top).rglob("__init__.py") if "versions" not in p.parts}
    assert sorted(packages - named) == []


def test_the_code_map_places_every_kind_of_change():
    section = _code_map()
    for kind in ("question", "gap rule", "report section", "page", "storage table", "CLI command"):
        assert f"{kind}" in section, kind
    assert "COMMAND_GROUPS" in section and "TABLE_MODULES" in section and "extras.py" in section

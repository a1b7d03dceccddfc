"""`assessment prefill CARD.md [--json]` and `assessment badge FILE -o badge.svg`, as a person runs them."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from cli.main import main
from tests.assessment.modelcard.test_prefill import CARDS
from tests.conftest import EXAMPLES, ROOT


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_prefill_json_prints_suggestions_with_evidence(capsys):
    code, out, err = run(capsys, "prefill", str(CARDS / "permissive.md"), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {"suggestions", "unmapped"}
    assert data["suggestions"]["weights-released"]["choice"] == "open"
    assert data["suggestions"]["weights-released"]["evidence"] == "line 2: license: apache-2.0"
    assert {u["field"] for u in data["unmapped"]} == {"language", "pipeline_tag", "tags"}


def test_prefill_text_names_question_choice_and_evidence(capsys):
    code, out, _ = run(capsys, "prefill", str(CARDS / "non-commercial.md"))
    assert code == 0
    assert "[weights-released] Can anyone download the weights" in out
    assert "suggested: Yes, with a restrictive licence or gated access" in out
    assert "evidence:  line 2: license: cc-by-nc-4.0" in out


@pytest.mark.parametrize(("card", "expected"), [
    ("no-metadata.md", "no-metadata.md: no YAML front matter"),
    ("broken.md", "broken.md: the front matter is not valid YAML at line 4, column 1"),
    ("dataset-card.md", "this is a dataset card"),
])
def test_prefill_bad_cards_exit_2_with_one_line(capsys, card, expected):
    code, out, err = run(capsys, "prefill", str(CARDS / card), "--json")
    assert (code, out) == (2, "")
    assert err.startswith("error: ") and expected in err and err.count("\n") == 1


def test_prefill_binary_and_huge_files_exit_2(capsys, tmp_path):
    binary = tmp_path / "model.safetensors"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    huge = tmp_path / "README.md"
    huge.write_bytes(b"---\nlicense: mit\n---\n" + b"a" * 1_100_000)
    for path, expected in ((binary, "not a text file"), (huge, "the limit is 1 MB")):
        code, _, err = run(capsys, "prefill", str(path))
        assert code == 2 and expected in err and err.count("\n") == 1


def test_badge_writes_a_valid_svg_naming_the_level(capsys, tmp_path):
    target = tmp_path / "badge.svg"
    code, out, err = run(capsys, "badge", str(EXAMPLES / "harbor-legal-ai.json"), "-o", str(target))
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"wrote {target}", "![open-LLM readiness: Leading 95.5](badge.svg)"]
    root = ET.parse(target).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Leading 95.5" in "".join(root.itertext())


def test_badge_refuses_another_suffix_and_a_bad_assessment(capsys, tmp_path):
    code, _, err = run(capsys, "badge", str(EXAMPLES / "harbor-legal-ai.json"), "-o", str(tmp_path / "b.png"))
    assert code == 2 and "give an output name ending in .svg" in err
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    code, _, err = run(capsys, "badge", str(bad), "-o", str(tmp_path / "b.svg"))
    assert code == 2 and "not valid JSON" in err
    assert not (tmp_path / "b.svg").exists()


def test_prefill_runs_as_an_installed_command():
    done = subprocess.run([sys.executable, "-m", "assessment", "prefill", str(CARDS / "gated.md"), "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["suggestions"]["weights-released"]["choice"] == "restricted"

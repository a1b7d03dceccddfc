"""Hostile files on the command line: exit 2, one line on stderr, no traceback, quickly, in bounded memory.

Each runs the real `assessment` command in a child process with a 1.5 GB address-space limit, so a
file that made the tool read or expand without bound fails here rather than slowly.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

RUBRIC = ROOT / "rubrics" / "open-llm-playbook.yaml"
EXAMPLE = EXAMPLES / "harbor-legal-ai.json"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))


def run_cli(*args: str, stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assessment", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, preexec_fn=_limit_memory, stdin=stdin)


def assert_refused(proc: subprocess.CompletedProcess[str], *words: str) -> str:
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _rubric_with(replace: str, by: str) -> str:
    text = RUBRIC.read_text(encoding="utf-8")
    assert replace in text
    return text.replace(replace, by, 1)


def test_5000_digit_integer_in_an_assessment(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('{"format_version": ' + "9" * 5000 + "}")
    assert_refused(run_cli("score", str(path)), str(path), "5,000 digits")


def test_5000_digit_integer_deep_inside_an_assessment(tmp_path: Path) -> None:
    doc = json.loads(EXAMPLE.read_text())
    doc["workbench"]["projection"]["months"] = 12345
    text = json.dumps(doc).replace("12345", "1" * 5000, 1)
    path = tmp_path / "deep.json"
    path.write_text(text)
    assert_refused(run_cli("score", str(path)), "digits")


def test_5000_digit_integer_in_a_rubric(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(_rubric_with("  - id: requirements\n", "  - id: requirements\n    weight: 1" + "0" * 5000 + "\n"))
    assert_refused(run_cli("validate-rubric", str(path)), str(path), "digits")


@pytest.mark.parametrize("weight", [".inf", "-.inf", ".nan", "1e400"])
def test_non_finite_weight_in_a_rubric(tmp_path: Path, weight: str) -> None:
    path = tmp_path / "inf.yaml"
    path.write_text(_rubric_with("  - id: requirements\n", f"  - id: requirements\n    weight: {weight}\n"))
    assert_refused(run_cli("validate-rubric", str(path)), str(path))


def test_huge_weight_on_every_pillar_is_refused(tmp_path: Path) -> None:
    text = RUBRIC.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  - id: (requirements|actions|benefits)\n", lambda m: m.group(0) + "    weight: 1e308\n", text)
    path = tmp_path / "huge.yaml"
    path.write_text(text)
    line = assert_refused(run_cli("validate-rubric", str(path)), "pillars[0].weight")
    assert "1000000" in line.replace(",", "") or "less than or equal" in line


def test_yaml_alias_bomb_inside_a_condition(tmp_path: Path) -> None:
    """9 levels of 10 aliases: a billion nodes if expanded; refused before validation."""
    items = ["&a1 {any: [&a0 {answer: {question: niche-objective, choices: ['no']}}" + ", *a0" * 9 + "]}"]
    items += [f"&a{i} {{any: [" + ", ".join([f"*a{i - 1}"] * 10) + "]}" for i in range(2, 10)]
    when = "    when:\n      any:\n" + "".join(f"        - {it}\n" for it in items)
    text = RUBRIC.read_text(encoding="utf-8")
    m = re.search(r"\n    when:\n(?:      .*\n)+", text)
    assert m is not None
    path = tmp_path / "bomb.yaml"
    path.write_text(text[: m.start()] + "\n" + when + text[m.end():])
    assert_refused(run_cli("validate-rubric", str(path)), "once its aliases are expanded")


def test_denormal_workbench_throughput(tmp_path: Path) -> None:
    doc = json.loads(EXAMPLE.read_text())
    for option in doc["workbench"]["options"]:
        if option["kind"] == "self_hosted":
            option["tokens_per_second"] = 5e-324
    path = tmp_path / "wb.json"
    path.write_text(json.dumps(doc))
    assert_refused(run_cli("score", str(path)), "tokens_per_second")


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom"])
def test_devices_are_not_read(special: str) -> None:
    assert_refused(run_cli("score", special), special, "not a regular file")
    assert_refused(run_cli("validate-rubric", special), special, "not a regular file")
    assert_refused(run_cli("report", special, "-o", "/dev/null"), "not a regular file")


def test_a_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    # Nobody writes to the pipe: reading it would block for ever; it is refused at once.
    assert_refused(run_cli("score", str(fifo)), "not a regular file")


def test_a_folder_is_not_read(tmp_path: Path) -> None:
    assert_refused(run_cli("score", str(tmp_path)), "folder")


@pytest.mark.parametrize("text, word", [
    ('{"format_version": 1, "format_version": 1}', "duplicate key 'format_version'"),
    ('{"format_version": NaN}', "NaN"),
    ('{"format_version": 1e400}', "too large"),
])
def test_strict_json(tmp_path: Path, text: str, word: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(text)
    assert_refused(run_cli("score", str(path)), word)


def test_duplicate_key_in_a_rubric(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(_rubric_with("format_version: 1\n", "format_version: 1\nformat_version: 1\n"))
    assert_refused(run_cli("validate-rubric", str(path)), "duplicate key 'format_version' at line 4")


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    doc = tmp_path / "bom.json"
    doc.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert run_cli("score", str(doc)).returncode == 0
    rubric = tmp_path / "bom.yaml"
    rubric.write_bytes(b"\xef\xbb\xbf" + RUBRIC.read_bytes())
    assert run_cli("validate-rubric", str(rubric)).returncode == 0


def test_unknown_and_overlong_action_plan_keys(tmp_path: Path) -> None:
    doc = json.loads(EXAMPLE.read_text())
    path = tmp_path / "plan.json"
    doc["action_plan"] = {"no-such-gap:0": {"owner": "CEO"}}
    path.write_text(json.dumps(doc))
    assert_refused(run_cli("score", str(path)), "action_plan.no-such-gap:0: unknown action")
    doc["action_plan"] = {"k" * 10_000: {"owner": "CEO"}}
    path.write_text(json.dumps(doc))
    line = assert_refused(run_cli("score", str(path)), "action_plan")
    assert len(line) < 500


def test_dev_zero_as_a_companies_file(tmp_path: Path) -> None:
    env_db = {"ASSESSMENT_DATABASE_URL": f"sqlite:///{tmp_path}/w.sqlite3"}
    proc = subprocess.run([sys.executable, "-m", "assessment", "workshop", "create", "--name", "W",
                           "--companies-file", "/dev/zero"], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          preexec_fn=_limit_memory, env={**os.environ, **env_db})
    assert_refused(proc, "/dev/zero", "not a regular file")

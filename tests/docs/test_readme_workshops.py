"""The README's Workshops section: its commands parse, its numbers are the code's."""

from __future__ import annotations

import re
import shlex

from assessment.workshop import attempts
from assessment.workshop.auth import THROTTLE
from cli.main import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()
SECTION = README[README.index("## Workshops"):]


def commands() -> list[list[str]]:
    block = SECTION[SECTION.index("```bash"):]
    block = block[: block.index("```", 3)]
    lines = block.replace("\\\n", " ").splitlines()
    return [shlex.split(line.split("#")[0])[1:] for line in lines if line.startswith("assessment workshop")]


def test_documented_commands_parse():
    found = commands()
    assert [c[1] for c in found] == ["create", "progress", "export"]
    parser = build_parser()
    for argv in found:
        args = parser.parse_args([a.replace("WORKSHOP_ID", "abcdefgh1234") for a in argv])
        assert callable(args.run)


def test_documented_throttle_matches_the_code():
    assert f"after {THROTTLE.free_attempts} wrong keys" in SECTION
    minutes = THROTTLE.max_delay / 60
    assert f"({THROTTLE.base_delay:g} s, doubling up to {minutes:g} minute{'s' if minutes != 1 else ''})" in SECTION
    assert attempts.FORGET_AFTER.total_seconds() == 86400 and "untouched for a\nday are deleted" in SECTION
    assert f"keeps at most {attempts.MAX_GUESSERS:,} of them" in SECTION


def test_documented_files_exist():
    for path in re.findall(r"`((?:assessment|reports|scripts)/[\w/]+\.py)`", SECTION):
        assert (ROOT / path).exists(), path


def test_documented_deployment_files_and_load_output_exist():
    for path in re.findall(r"`(deploy/[\w./]+)`", SECTION):
        assert (ROOT / path).exists(), path
    source = (ROOT / "scripts" / "workshop_load.py").read_text()
    for key in ("answers_expected", "answers_sent", "answers_stored", "lost", "p50_ms", "p95_ms", "max_ms",
                "servers", "proxy", "database"):
        assert f"`{key}`" in SECTION and f'"{key}"' in source, key

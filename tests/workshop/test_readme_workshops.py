"""The README's Workshops section: its commands parse, its numbers are the code's."""

from __future__ import annotations

import re
import shlex

from assessment.cli import build_parser
from assessment.workshop_auth import THROTTLE
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
    assert f"({THROTTLE.base_delay:g} s, doubling up to {THROTTLE.max_delay / 60:g} minutes)" in SECTION


def test_documented_files_exist():
    for path in re.findall(r"`((?:assessment|reports|scripts)/[\w/]+\.py)`", SECTION):
        assert (ROOT / path).exists(), path

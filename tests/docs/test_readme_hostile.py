"""The README's claims about limits, permissions and defaults match the code and the settings."""

from __future__ import annotations

import re
import tomllib

from assessment import reading
from assessment.answers import MAX_ASSESSMENT_BYTES, MAX_NOTE_CHARS
from assessment.rubric import MAX_RUBRIC_BYTES, MAX_WEIGHT
from assessment.workbench.model import MIN_PRICE_PER_MILLION, SelfHostedOption
from assessment.workshop.auth import THROTTLE
from reports.pdf.text import NOTE_CHUNK
from reports.workbench.section import MAX_PAIR_ROWS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end]


def test_the_limits_table_matches_the_code() -> None:
    text = " ".join(section("Hostile and oversized input").split())
    assert MAX_ASSESSMENT_BYTES == 1_000_000 and "over 1 MB (assessment)" in text
    assert MAX_RUBRIC_BYTES == 2_000_000 and "2 MB (rubric)" in text
    assert f"more than {reading.MAX_INT_DIGITS} digits" in text
    assert f"more than {reading.MAX_YAML_NODES:,} values" in text
    assert f"above {MAX_WEIGHT:,}" in text
    assert f"up to {MAX_NOTE_CHARS:,} characters" in text
    assert f"at most {NOTE_CHUNK:,} characters" in text
    assert f"at most {MAX_PAIR_ROWS} break-even pairs" in text
    assert f"${MIN_PRICE_PER_MILLION:g}" in text
    fields = SelfHostedOption.model_fields
    bounds = {name: next(m.ge for m in fields[name].metadata if getattr(m, "ge", None) is not None)
              for name in ("tokens_per_second", "target_utilisation_pct", "gpu_hour_price")}
    assert f"throughput at least {bounds['tokens_per_second']:g} tokens/s" in text
    assert f"utilisation at least {bounds['target_utilisation_pct']:g} %" in text
    assert f"GPU-hour at least ${bounds['gpu_hour_price']:g}" in text
    for path in re.findall(r"`(tests/[\w/]+\.py)`", text):
        assert (ROOT / path).is_file(), path


def test_the_server_defaults_are_what_the_readme_says() -> None:
    assert CONFIG["server"]["address"] == "127.0.0.1"
    assert CONFIG["browser"]["gatherUsageStats"] is False
    # Streamlit's unit is MiB: 1 MiB lets every file import accepts through, and nothing much bigger.
    assert CONFIG["server"]["maxUploadSize"] * 1024 * 1024 >= MAX_ASSESSMENT_BYTES
    assert CONFIG["server"]["maxUploadSize"] == 1
    text = " ".join(section("Privacy and serving a room").split())
    assert "**127.0.0.1 only**" in text and "--server.address 0.0.0.0" in text
    assert "`server.maxUploadSize`" in section("Hostile and oversized input")
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    assert "page_icon=\":material" not in app  # a material page icon is fetched from a font host


def test_the_throttle_is_what_the_readme_says() -> None:
    text = " ".join(README.split())
    assert f"after {THROTTLE.free_attempts} wrong keys in a row" in text
    assert THROTTLE.base_delay == 2 and THROTTLE.max_delay == 60
    assert "(2 s, doubling up to 1 minute)" in text


def test_the_storage_permissions_are_stated() -> None:
    text = " ".join(section("Storage").split())
    assert "0600, a folder the app creates 0700" in text

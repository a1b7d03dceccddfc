"""`assessment report FILE -o report.pdf|report.md`, as a person runs it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cli.main import main
from tests.conftest import EXAMPLES, ROOT
from tests.reports.report_helpers import pdf_reader, pdf_text

EXAMPLE = EXAMPLES / "harbor-legal-ai.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_pdf(tmp_path, capsys):
    target = tmp_path / "report.pdf"
    code, out, err = run(capsys, "report", str(EXAMPLE), "-o", str(target))
    assert (code, err) == (0, "")
    assert out.strip() == f"wrote {target}"
    reader = pdf_reader(target.read_bytes())
    assert reader.metadata.title == "Open LLM Readiness report: Harbor Legal AI (fictional)"
    assert "Readiness level: Leading" in pdf_text(target.read_bytes())


def test_report_markdown(tmp_path, capsys):
    target = tmp_path / "report.md"
    code, _, _ = run(capsys, "report", str(EXAMPLE), "--output", str(target))
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Open LLM Readiness report: Harbor Legal AI (fictional)\n")
    assert "## Methodology" in text


@pytest.mark.parametrize(("args", "message"), [
    (["report", str(EXAMPLE), "-o", "{tmp}/report.docx"], "unknown report format '.docx'; use .pdf or .md"),
    (["report", "{tmp}/missing.json", "-o", "{tmp}/r.pdf"], "cannot read file"),
    (["report", str(EXAMPLE), "-o", "{tmp}/no-such-dir/r.pdf"], "cannot write file"),
])
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.docx"))


def test_report_as_a_subprocess(tmp_path):
    target = tmp_path / "r.pdf"
    proc = subprocess.run([sys.executable, "-m", "assessment", "report", str(EXAMPLE), "-o", str(target)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert target.read_bytes().startswith(b"%PDF-")

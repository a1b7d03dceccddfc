"""The README's workbench section: its JSON example is a valid worksheet and every saved key is named."""

from __future__ import annotations

import json
import re

from assessment.workbench import ApiOption, Projection, SelfHostedOption, Workbench, Workload, parse_workbench
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()
SECTION = README[README.index("## Price/performance workbench") : README.index("## How scoring works")]


def test_the_json_example_is_a_valid_worksheet():
    block = re.search(r"```json\n(.*?)```", SECTION, flags=re.DOTALL)
    assert block is not None
    data = json.loads("{" + block.group(1) + "}")
    workbench = parse_workbench(data["workbench"])
    assert [o.name for o in workbench.options] == ["Closed API, large tier", "Our 8B"]


def test_every_saved_key_is_documented():
    documented = set(re.findall(r'[`"]([a-z_]+)[`"]', SECTION))
    keys = {
        f"{model.__name__}.{name}"
        for model in (Workbench, Workload, ApiOption, SelfHostedOption, Projection)
        for name in model.model_fields
        if name not in documented
    }
    assert keys == set()


def test_documented_limits_match_the_code():
    from assessment.workbench import HOURS_PER_MONTH, MAX_TOTAL_GPUS

    assert f"A month is {HOURS_PER_MONTH:g} hours" in SECTION
    assert f"more than {MAX_TOTAL_GPUS:,} GPUs" in SECTION
    assert SelfHostedOption.model_fields["gpus_per_replica"].metadata[-1].le == 512
    assert "must be at most 512" in SECTION

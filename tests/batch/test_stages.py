"""dvc.yaml against the code: its stages are the flow's steps (pipeline.flow.STEPS) in order, each
stage's output is what pipeline.stages writes and the next stage reads, and its params are the
settings in params.yaml. Fails when either side changes without the other (no DVC run needed)."""

from __future__ import annotations

import dataclasses

import pytest
import yaml
from support import REPO

from pipeline.cli.stages import STEPS as CLI_STEPS
from pipeline.core.release import MANIFEST_NAME
from pipeline.core.settings import Settings
from pipeline.flow import STEPS
from pipeline.stages import STAGE_OUTPUTS

DVC = yaml.safe_load((REPO / "dvc.yaml").read_text(encoding="utf-8"))
PARAMS = yaml.safe_load((REPO / "params.yaml").read_text(encoding="utf-8"))


def out_of(step: str) -> str:
    return f"staged/${{item}}/{STAGE_OUTPUTS[step]}"


def test_the_stages_are_the_flows_steps_in_order():
    assert tuple(DVC["stages"]) == STEPS == CLI_STEPS == tuple(STAGE_OUTPUTS)


@pytest.mark.parametrize("step", STEPS)
def test_each_stage_runs_its_step_for_every_release(step):
    stage = DVC["stages"][step]
    assert stage["foreach"] == "${releases}"
    assert f"stage {step} --release ${{item}}" in stage["do"]["cmd"]


@pytest.mark.parametrize("index, step", list(enumerate(STEPS)))
def test_each_stage_writes_its_output_and_reads_the_one_before(index, step):
    do = DVC["stages"][step]["do"]
    assert [next(iter(out)) if isinstance(out, dict) else out for out in do["outs"]] == [out_of(step)]
    deps = set(do["deps"])
    assert "pipeline" in deps, "the code is a dependency of every stage"
    assert out_of(STEPS[index - 1]) in deps if index else "raw/${item}" in deps


def test_params_are_the_settings_of_params_yaml():
    fields = {f.name for f in dataclasses.fields(Settings)}
    in_file = set(PARAMS["annex"])
    assert in_file <= fields, f"params.yaml sets what Settings does not know: {in_file - fields}"
    named = set()
    for step in STEPS:
        for param in DVC["stages"][step]["do"].get("params", []):
            if param == "annex":
                named |= in_file  # the whole section
                continue
            section, _, key = param.partition(".")
            assert section == "annex" and key in in_file, f"{step}: {param} is not in params.yaml"
            named.add(key)
    assert named == in_file, f"params.yaml settings no stage depends on: {in_file - named}"


def test_the_releases_list_is_the_release_folders_under_raw():
    folders = sorted(p.name for p in (REPO / "raw").iterdir() if (p / MANIFEST_NAME).is_file())
    assert PARAMS["releases"] == folders

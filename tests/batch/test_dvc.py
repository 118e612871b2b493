"""dvc.yaml on a fresh copy of the repository: `dvc repro` runs every stage of every release, a
second `dvc repro` does nothing, and a change to one release re-runs that release's stages only."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml
from batch_support import append_to_plan, tree_bytes
from support import REPO, SAMPLE_RELEASE

BIN = Path(sys.executable).parent
RELEASES = ("r1", "r2")


def shell(cmd: list[str], cwd: Path) -> str:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(cwd),  # the copy's pipeline package, not the checkout's
           "DVC_NO_ANALYTICS": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def stages_run(output: str) -> list[str]:
    return re.findall(r"Running stage '([^']+)'", output)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """What a fresh clone holds (code, DVC files, two text-dump releases), committed to git."""
    repo = tmp_path_factory.mktemp("clone")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "tmp", "cache")
    for name in ("pipeline", ".dvc"):
        shutil.copytree(REPO / name, repo / name, ignore=ignore)
    for name in ("dvc.yaml", "params.yaml", ".dvcignore"):
        shutil.copy(REPO / name, repo / name)
    for release in RELEASES:
        shutil.copytree(SAMPLE_RELEASE, repo / "raw" / release, ignore=shutil.ignore_patterns("*.pdf"))
    params = yaml.safe_load((repo / "params.yaml").read_text(encoding="utf-8"))
    params["releases"] = list(RELEASES)
    (repo / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    shell(["git", "init", "-q"], repo)
    shell(["git", "add", "-A"], repo)
    shell(["git", "commit", "-qm", "clone"], repo)
    return repo


def test_repro_runs_all_then_nothing_then_only_the_changed_release(clone):
    first = stages_run(shell([str(BIN / "dvc"), "repro"], clone))
    assert sorted(first) == sorted(f"{step}@{r}" for step in ("extract", "normalise", "validate", "publish")
                                   for r in RELEASES)
    manifest = json.loads((clone / "curated" / "_manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["releases"]) == list(RELEASES)
    assert pq.read_table(clone / "curated" / "activities").num_rows == 2 * 28
    assert json.loads((clone / "staged" / "r1" / "published.json").read_text()) == manifest["releases"]["r1"]

    second = shell([str(BIN / "dvc"), "repro"], clone)
    assert stages_run(second) == [] and "up to date" in second

    r1_before = {p: b for p, b in tree_bytes(clone / "curated").items() if "r1" in p}
    append_to_plan(clone / "raw" / "r2")
    third = stages_run(shell([str(BIN / "dvc"), "repro"], clone))
    assert sorted(third) == ["extract@r2", "normalise@r2", "publish@r2", "validate@r2"]
    assert pq.read_table(clone / "curated" / "activities" / "release=r2").num_rows == 29
    assert {p: b for p, b in tree_bytes(clone / "curated").items() if "r1" in p} == r1_before

    # annex run agrees that DVC's publish is up to date, and publishes the same table bytes itself
    run = shell([str(BIN / "annex"), "run"], clone)
    assert "0 of 2 release(s) published, 2 unchanged, skipped" in run
    shell([str(BIN / "annex"), "run", "--curated", "by-run", "--staged", "staged-by-run"], clone)
    assert tree_bytes(clone / "by-run") == tree_bytes(clone / "curated")  # data, records, manifest

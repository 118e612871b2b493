"""dvc.yaml on a real clone of the repository, as a new user gets it: the working tree committed
to a temporary repository (.gitignore included), `git clone`d, a `.venv` beside it as the README's
set-up makes one, and `.venv/bin/dvc repro` run with no venv activated (PATH without it). Every
stage of every release runs, a second `dvc repro` does nothing, and a change to one release
re-runs that release's stages only (issue 22: dvc.lock was git-ignored, which DVC 3 refuses, and
the stages called `annex`, found only in an activated venv)."""

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

VENV = Path(sys.prefix)  # the environment running the tests, with annex's dependencies and dvc
RELEASES = ("r1", "r2")
ENV = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), "DVC_NO_ANALYTICS": "1",
       "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.org", "LANG": "C.UTF-8"}

pytestmark = pytest.mark.skipif(not (VENV / "bin" / "dvc").exists(),
                                reason="dvc is not installed (pip install -e '.[dvc]')")


def shell(cmd: list[str], cwd: Path, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600)
    if ok:
        assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}"
    return done


def stages_run(output: str) -> list[str]:
    return re.findall(r"Running stage '([^']+)'", output)


def repro(clone: Path) -> str:
    done = shell([".venv/bin/dvc", "repro"], clone)
    return done.stdout + done.stderr


def working_tree_files() -> list[str]:
    """What a commit of the working tree would hold: tracked and new files, .gitignore applied."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, check=True).stdout.decode().split("\0")
    return [name for name in listed if name and (REPO / name).is_file()]


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("dvc")
    source = base / "source"
    for name in working_tree_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    # two small releases (text dumps) instead of the sample with its PDFs: the test stays quick
    shutil.rmtree(source / "raw")
    for release in RELEASES:
        shutil.copytree(SAMPLE_RELEASE, source / "raw" / release, ignore=shutil.ignore_patterns("*.pdf"))
    params = yaml.safe_load((source / "params.yaml").read_text(encoding="utf-8"))
    params["releases"] = list(RELEASES)
    (source / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    shell(["git", "init", "-q"], source)
    shell(["git", "add", "-A"], source)
    shell(["git", "commit", "-qm", "the working tree"], source)
    shell(["git", "clone", "-q", str(source), "clone"], base)
    repo = base / "clone"
    (repo / ".venv").symlink_to(VENV)  # what `python3 -m venv .venv && pip install ...` leaves
    return repo


def test_repro_runs_all_then_nothing_then_only_the_changed_release(clone):
    assert shell(["git", "check-ignore", "-q", "dvc.lock"], clone, ok=False).returncode == 1
    first = stages_run(repro(clone))
    assert sorted(first) == sorted(f"{step}@{r}" for step in ("extract", "normalise", "validate", "publish")
                                   for r in RELEASES)
    manifest = json.loads((clone / "curated" / "_manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["releases"]) == list(RELEASES)
    assert pq.read_table(clone / "curated" / "activities").num_rows == 2 * 28
    assert json.loads((clone / "staged" / "r1" / "published.json").read_text()) == manifest["releases"]["r1"]
    # the clone's own pipeline ran (not the checkout's): its code version is in the record
    version = shell([".venv/bin/python", "-c", "import pipeline.manifest as m; print(m.code_version())"],
                    clone).stdout.strip()
    assert manifest["releases"]["r1"]["code_version"] == version
    # what git sees afterwards: only dvc.lock is new (staged/ and curated/ are ignored)
    assert shell(["git", "status", "--porcelain"], clone).stdout.splitlines() == ["?? dvc.lock"]

    second = repro(clone)
    assert stages_run(second) == [] and "Data and pipelines are up to date." in second

    r1_before = {p: b for p, b in tree_bytes(clone / "curated").items() if "r1" in p}
    append_to_plan(clone / "raw" / "r2")
    third = stages_run(repro(clone))
    assert sorted(third) == ["extract@r2", "normalise@r2", "publish@r2", "validate@r2"]
    assert pq.read_table(clone / "curated" / "activities" / "release=r2").num_rows == 29
    assert {p: b for p, b in tree_bytes(clone / "curated").items() if "r1" in p} == r1_before

    # annex run agrees that DVC's publish is up to date, and publishes the same table bytes itself
    annex = [".venv/bin/python", "-m", "pipeline", "run", "--no-data-docs"]
    assert "0 of 2 release(s) published, 2 unchanged, skipped" in shell(annex, clone).stderr
    shell([*annex, "--curated", "by-run", "--staged", "staged-by-run"], clone)
    assert tree_bytes(clone / "by-run") == tree_bytes(clone / "curated")  # data, records, manifest

"""Helpers shared by the batch tests (tests/batch/): import as `from batch_support import ...`."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from pipeline.plan import PlanEntry, RunOptions, build_plan
from pipeline.runner import run

# One forkserver per test process (multiprocessing has one; `annex run --jobs N` forks its workers
# from it too, pipeline.executors.local.worker_context, adding its own preload when it starts it):
# every child forked from it has its preloaded modules at no cost, the pipeline with Great
# Expectations (a fresh interpreter spends ~4 s of CPU importing them, 3.2 s of it GX). Set here,
# once, so that whichever test starts the server first starts it with all of them.
FORKSERVER = multiprocessing.get_context("forkserver")
FORKSERVER.set_forkserver_preload(["batch_support", "pipeline.stages", "pipeline.flow", "pyarrow.parquet",
                                   "great_expectations", "pipeline.validate.gx_adapter",
                                   "pipeline.executors.warm"])


def run_releases(raw: Path, staged: Path, curated: Path, data_docs: bool = False, **options):
    """annex run's library call, without Data Docs pages unless asked (slow, and not what most
    batch tests are about); `options`: pipeline.plan.RunOptions fields."""
    return run(RunOptions(raw_root=raw, staged_root=staged, curated_root=curated, data_docs=data_docs,
                          **options))


def to_run(raw: Path, staged: Path, curated: Path, **options) -> list[PlanEntry]:
    """The entries a run's plan would run (what an executor hands pipeline.flow.process_chunk)."""
    return build_plan(RunOptions(raw_root=raw, staged_root=staged, curated_root=curated, **options)).to_run


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every visible file under root by relative path (hidden temporary files aside)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)}


def append_to_plan(release_folder: Path) -> None:
    """A changed input: one more plan activity, before the totals block when there is one."""
    plan = next(Path(release_folder).glob("*plan*.txt"))
    text = plan.read_text(encoding="utf-8")
    plan.chmod(0o644)
    row = "Extra workshop (1 day)\t3 March\tCouncillors (5)\tgrowth\n"
    plan.write_text(text.replace("TOTALS", row + "TOTALS", 1) if "TOTALS" in text else text + row,
                    encoding="utf-8")


def zero_audience(release_folder: Path) -> None:
    """A release that fails a critical rule: one audience printed as 0 people."""
    plan = next(Path(release_folder).glob("*plan*.txt"))
    plan.chmod(0o644)
    text = plan.read_text(encoding="utf-8")
    assert "PHs (15)" in text
    plan.write_text(text.replace("PHs (15)", "PHs (0)", 1), encoding="utf-8")


def publish_dying_at(kill_at: int, raw: Path, staged: Path, curated: Path, report: Path) -> None:
    """Run in a child process (tests/batch/test_publish.py): publish release "r1" from staged/ into
    curated/ with `pipeline.stages.publish_stage`, dying with os._exit(137) (what a SIGKILL looks
    like: no cleanup, no finally) right before the kill_at-th filesystem step (0: never); a kill
    at the fsync of a file first cuts the file short, as a kill mid-write would (partitions are
    serialised in memory by write_table, then written whole, then fsynced). Writes
    {"steps", "record_unchanged"} to `report` when it lives."""
    import json
    import os
    import shutil
    import stat

    import pyarrow.parquet as pq

    import pipeline.manifest
    from pipeline.stages import publish_stage

    # A fixed code version: the test is about atomicity, not about the code changing meanwhile.
    pipeline.manifest.code_version = lambda *args: "code-under-test"
    steps = 0

    def step():
        nonlocal steps
        steps += 1
        if steps == kill_at:
            os._exit(137)

    def hooked(real, before_kill=None):
        def call(*args, **kwargs):
            if before_kill and steps + 1 == kill_at:
                before_kill(*args)
            step()
            return real(*args, **kwargs)
        return call

    def cut_short(fd):
        if stat.S_ISREG(os.fstat(fd).st_mode):  # a file, not a folder's fsync after a rename
            os.ftruncate(fd, min(100, os.fstat(fd).st_size))

    # the child is a process of its own: patching these modules changes nothing in the test's
    pq.write_table = hooked(pq.write_table)
    os.replace = hooked(os.replace)
    os.fsync = hooked(os.fsync, before_kill=cut_short)
    shutil.rmtree = hooked(shutil.rmtree)
    before = (curated / "_releases" / "r1.json").read_bytes()
    # the new version drops the tracker on purpose: a shrink accepted, as `--accept-shrink` does
    publish_stage(raw, staged, curated, "r1", accept_shrink=True)
    unchanged = (curated / "_releases" / "r1.json").read_bytes() == before
    report.write_text(json.dumps({"steps": steps, "record_unchanged": unchanged}))

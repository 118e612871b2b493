"""Publishing is atomic per partition and repeatable: a publish killed at any step leaves every
curated file readable and equal to its old or its new version, and the next run completes it."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml
from batch_support import FORKSERVER, append_to_plan, publish_dying_at, tree_bytes

from pipeline.manifest import read_record
from pipeline.publish import partition_path, publish_release, write_json_atomic

# The child publishes release "r1" (new version, already extracted, normalised and validated into
# staged/) over the old one, through the publish step that `annex run` and `annex stage publish`
# share (partitions, then the release record, then the manifest), dying with os._exit(137) (what
# a SIGKILL looks like: no cleanup, no finally) right before its KILL_AT-th filesystem step; a
# kill at the fsync of a file first cuts the file short, as a kill mid-write would (partitions
# are serialised in memory by write_table, then written whole, then fsynced). The code
# is `batch_support.publish_dying_at`. Each child is a process of its own, forked from a
# forkserver that imported the pipeline once: a fresh interpreter per child spent ~0.8 s of CPU
# importing it, 50 times in this test.
_FORKSERVER = FORKSERVER  # batch_support's: one forkserver per process


def run_child(kill_at: int, raw: Path, staged: Path, curated: Path) -> tuple[int, dict]:
    """The child's exit code and what it reported (empty when it died)."""
    report = curated.parent / f".report-{curated.name}-{kill_at}.json"
    report.unlink(missing_ok=True)
    child = _FORKSERVER.Process(target=publish_dying_at, args=(kill_at, raw, staged, curated, report))
    child.start()
    child.join(120)
    assert child.exitcode is not None, "the publishing child hung"
    return child.exitcode, (json.loads(report.read_text()) if report.exists() else {})


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """Old and new versions of release r1 (new: one more activity, no tracker, so two of its
    partitions are emptied), each staged and published once into its own curated folder."""
    import shutil

    from support import SAMPLE_RELEASE

    from pipeline.stages import extract_stage, normalise_stage, publish_stage, validate_stage

    root = tmp_path_factory.mktemp("versions")
    old_raw, new_raw = root / "old-raw", root / "new-raw"
    shutil.copytree(SAMPLE_RELEASE, old_raw / "r1", ignore=shutil.ignore_patterns("*.pdf"))
    shutil.copytree(SAMPLE_RELEASE, new_raw / "r1", ignore=shutil.ignore_patterns("*.pdf", "*tracker*"))
    append_to_plan(new_raw / "r1")
    manifest = yaml.safe_load((new_raw / "r1" / "release.yaml").read_text())
    manifest["documents"] = [d for d in manifest["documents"] if "tracker" not in d["file"]]
    (new_raw / "r1" / "release.yaml").chmod(0o644)
    (new_raw / "r1" / "release.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    for name, raw in (("old", old_raw), ("new", new_raw)):
        staged = root / f"{name}-staged"
        extract_stage(raw, staged, "r1")
        normalise_stage(staged, "r1")
        assert validate_stage(staged, "r1")["outcome"] in ("passed", "not_run")
        publish_stage(raw, staged, root / name, "r1")
    return root


def complete_publish(versions, tmp_path, curated: Path) -> tuple[int, bool]:
    """Publish the new version with no kill (in a child too, so that every record in a test is
    written by the same code); returns the steps it took and whether the release record was
    already the new one before it ran."""
    exit_code, report = run_child(0, versions / "new-raw", versions / "new-staged", curated)
    assert exit_code == 0, "the publish with no kill failed (its traceback is above)"
    return report["steps"], report["record_unchanged"]


def test_a_killed_publish_leaves_old_or_new_files_and_the_next_run_completes_it(versions, tmp_path):
    import shutil

    shutil.copytree(versions / "old", tmp_path / "new")
    total, _ = complete_publish(versions, tmp_path, tmp_path / "new")
    old, new = tree_bytes(versions / "old"), tree_bytes(tmp_path / "new")
    assert set(old) == set(new)  # the tracker's tables stay, emptied (zero rows)
    assert old["deliverables/release=r1/part-0.parquet"] != new["deliverables/release=r1/part-0.parquet"]
    assert pq.read_table(tmp_path / "new" / "deliverables/release=r1/part-0.parquet").num_rows == 0
    assert total >= 8  # writes, fsyncs, replaces, records, manifest
    outcomes = set()
    for kill_at in range(1, total + 1):
        curated = tmp_path / f"kill-{kill_at}"
        shutil.copytree(versions / "old", curated)
        exit_code, _ = run_child(kill_at, versions / "new-raw", versions / "new-staged", curated)
        assert exit_code == 137, f"kill at step {kill_at}: the child exited {exit_code}"
        seen = tree_bytes(curated)
        for path, data in seen.items():
            assert data in (old.get(path), new.get(path)), f"kill at step {kill_at}: {path} is neither"
            if path.endswith(".parquet"):
                pq.read_table(curated / path)  # readable
            else:
                json.loads(data)
        # whole tables still read as datasets: hidden leftovers are ignored
        pq.read_table(curated / "activities")
        outcomes.add(tuple(sorted((p, seen[p] == new.get(p)) for p in seen)))
        # the next run sees no matching record unless the publish completed, and finishes the job
        _, record_was_new = complete_publish(versions, tmp_path, curated)
        assert tree_bytes(curated) == new, f"kill at step {kill_at}: not recovered"
        assert record_was_new == (seen["_releases/r1.json"] == new["_releases/r1.json"])
    assert len(outcomes) >= 4  # the kills really did land between different steps


def test_publish_replaces_partitions_and_empties_the_others(versions, tmp_path):
    """A table the release no longer has rows for keeps a partition of zero rows (issue 22: every
    table exists from the first publish), with the declared schema."""
    import shutil

    from pipeline.schema import CURATED_TABLES

    curated = tmp_path / "c"
    shutil.copytree(versions / "old", curated)
    new_activities = pq.read_table(partition_path(versions / "new", "activities", "r1"))
    written = publish_release({"activities": new_activities}, "r1", curated)
    assert written == {"activities": new_activities.num_rows, "deliverables": 0, "deliverable_quarters": 0,
                       "rejects": 0, "checks": 0}
    assert pq.read_table(partition_path(curated, "activities", "r1")).equals(new_activities)
    emptied = pq.read_table(partition_path(curated, "deliverables", "r1"))
    declared = CURATED_TABLES["deliverables"].schema
    assert emptied.num_rows == 0 and emptied.schema.equals(declared, check_metadata=False)
    assert [f.metadata for f in emptied.schema] == [f.metadata for f in declared]  # descriptions
    assert not [p for p in curated.rglob("*") if p.name.startswith(".")]  # no temporary leftovers


def test_every_table_reads_in_pandas_and_polars_after_the_first_publish(tmp_path, capsys):
    """Issue 22: curated/rejects/ did not exist until a line was rejected, so loading every table
    of the sample failed. The sample rejects nothing: its rejects partition has zero rows."""
    import shutil

    import pandas as pd
    import polars as pl
    from support import SAMPLE_RELEASE

    from pipeline.cli import main

    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RELEASE, raw / SAMPLE_RELEASE.name, ignore=shutil.ignore_patterns("*.pdf"))
    curated = tmp_path / "curated"
    assert main(["run", "--raw", str(raw), "--staged", str(tmp_path / "staged"), "--curated", str(curated),
                 "--params", "/dev/null", "--no-data-docs"]) == 0
    expected_rows = {"activities": 28, "deliverables": 17, "deliverable_quarters": 68, "rejects": 0}
    columns = {  # typed here, from the README's schema section
        "rejects": ["source_file", "source_page", "line", "family", "text", "reason", "release"],
        "deliverable_quarters": ["deliverable_id", "quarter", "period_start", "period_end", "value_text",
                                 "delivered", "value_flag", "release"],
    }
    for table in ("activities", "deliverables", "deliverable_quarters", "rejects", "checks"):
        frame = pd.read_parquet(curated / table, dtype_backend="pyarrow")
        polars = pl.read_parquet(curated / table / "**" / "*.parquet")
        assert len(frame) == polars.height == expected_rows.get(table, polars.height)
        if table in columns:
            assert sorted(frame.columns) == sorted(columns[table]) == sorted(polars.columns)
    assert str(pd.read_parquet(curated / "rejects", dtype_backend="pyarrow")["line"].dtype) == "int32[pyarrow]"
    assert pl.read_parquet(curated / "rejects" / "**" / "*.parquet").schema["line"] == pl.Int32


def test_stale_temporary_files_are_cleared_by_the_next_publish(versions, tmp_path):
    import shutil

    curated = tmp_path / "c"
    shutil.copytree(versions / "old", curated)
    stale = partition_path(curated, "activities", "r1").parent / ".part-0.parquet.abc123.tmp"
    stale.write_bytes(b"half")
    publish_release({"activities": pq.read_table(partition_path(curated, "activities", "r1"))}, "r1", curated)
    assert not stale.exists()


def test_json_is_written_canonically(tmp_path):
    write_json_atomic({"b": 1, "a": {"d": [2, 1], "c": "é"}}, tmp_path / "x.json")
    assert (tmp_path / "x.json").read_text(encoding="utf-8") == \
        '{\n  "a": {\n    "c": "é",\n    "d": [\n      2,\n      1\n    ]\n  },\n  "b": 1\n}\n'
    assert read_record(tmp_path, "nothing") is None


@pytest.mark.parametrize("umask, file_mode, dir_mode", [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)])
def test_published_files_honour_the_umask(batch_raw, tmp_path, umask, file_mode, dir_mode):
    """Temporary files used to be created 0600 (mkstemp) and moved into place as they were, so
    analysts of the same group could not read curated/; now every file and folder written gets
    the mode the umask gives."""
    import os

    from batch_support import run_releases

    raw = batch_raw(ids=("r1",))
    previous = os.umask(umask)
    try:
        [summary] = run_releases(raw, tmp_path / "staged", tmp_path / "curated", data_docs=True)
    finally:
        os.umask(previous)
    assert summary.ok, summary.error
    written = [p for root in ("curated", "staged") for p in (tmp_path / root).rglob("*")]
    assert any(p.name == "part-0.parquet" for p in written) and any(p.name == "_manifest.json" for p in written)
    modes = {str(p.relative_to(tmp_path)): oct(p.stat().st_mode & 0o777) for p in written}
    assert modes == {path: oct(dir_mode if (tmp_path / path).is_dir() else file_mode) for path in modes}

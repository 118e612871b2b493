"""The Dask executor (pipeline/dask_executor.py): a 2-worker LocalCluster publishes the bytes a
serial run publishes, with the same verdicts, and skips what is unchanged."""

from __future__ import annotations

import builtins

import pytest
from batch_support import tree_bytes, zero_audience

from pipeline.batch import run_batch
from pipeline.core.errors import ExitCode
from pipeline.core.release import discover_releases
from pipeline.dask_executor import ExecutorError, client_for, run_chunks

pytest.importorskip("distributed", reason="the Dask executor needs the dask extra (installed by the test extra)")


def test_a_dask_cluster_publishes_what_a_serial_run_publishes(batch_raw, tmp_path):
    raw = batch_raw(ids=("r1", "r2", "r3", "r4", "r5"))
    zero_audience(raw / "r3")
    folders = discover_releases(raw)
    options = {"data_docs": False}
    serial = run_batch(folders, tmp_path / "s1", tmp_path / "serial", release_options=options)
    started = []
    on_dask = run_batch(folders, tmp_path / "s2", tmp_path / "dask", jobs=2, executor="dask",
                        chunk_size=2, release_options=options, on_start=started.append)
    assert [(r.release_id, r.exit_code, r.folder) for r in on_dask] == \
        [(r.release_id, r.exit_code, r.folder) for r in serial]
    assert [r.exit_code for r in on_dask] == [ExitCode.OK] * 2 + [ExitCode.VALIDATION_FAILED] + [ExitCode.OK] * 2
    assert tree_bytes(tmp_path / "dask") == tree_bytes(tmp_path / "serial")
    assert sorted(f.name for chunk in started for f in chunk) == ["r1", "r2", "r3", "r4", "r5"]
    assert max(len(chunk) for chunk in started) == 2
    again = run_batch(folders, tmp_path / "s2", tmp_path / "dask", jobs=2, executor="dask",
                      release_options=options)
    assert [r.skipped for r in again] == [True, True, False, True, True]  # the refused one is redone


def test_a_chunk_whose_worker_fails_fails_its_releases_only(tmp_path):
    def task(chunk):
        if any(f.name == "bad" for f in chunk):
            raise MemoryError("worker ran out of memory")
        from pipeline.flow import ReleaseSummary
        return [ReleaseSummary(f.name, str(f)) for f in chunk]

    done = []
    run_chunks([[tmp_path / "a"], [tmp_path / "bad", tmp_path / "b"]], task, 1, None, None, done.append)
    by_name = {s.release_id: s for s in done}
    assert by_name["a"].exit_code is ExitCode.OK
    assert by_name["bad"].exit_code is by_name["b"].exit_code is ExitCode.INTERNAL
    assert "worker failed: MemoryError: worker ran out of memory" in by_name["b"].error.message


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("pipeline.dask_executor.CONNECT_TIMEOUT", "2s")
    with pytest.raises(ExecutorError) as caught:
        client_for("tcp://127.0.0.1:9", 1)
    assert caught.value.exit_code is ExitCode.BAD_INPUT
    assert "cannot reach the Dask scheduler" in caught.value.message and "dask scheduler" in caught.value.fix


def test_without_dask_installed_the_error_names_the_extra(monkeypatch):
    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed":
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(ExecutorError) as caught:
        client_for(None, 1)
    assert "annex-pipeline[dask]" in caught.value.fix

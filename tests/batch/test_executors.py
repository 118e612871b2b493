"""pipeline/executors: the one job loop (base.Executor.run) over the local executors, and the
registry the runner looks executors up in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.core.errors import ExitCode
from pipeline.executors import EXECUTORS, chunk_size_for, chunks_of, executor_for
from pipeline.executors.dask import DaskExecutor
from pipeline.executors.local import ProcessExecutor, SerialExecutor, local_executor
from pipeline.flow import ReleaseSummary
from pipeline.plan import Action, PlanEntry, RunOptions, Status


def entry(name: str) -> PlanEntry:
    return PlanEntry(Path("raw") / name, name, Status.NEW, Action.RUN, "never published")


def job(chunk: list[PlanEntry]) -> list[ReleaseSummary]:
    """A chunk's work: `boom` raises, `kill` ends its worker process abruptly."""
    for e in chunk:
        if e.release_id == "boom":
            raise RuntimeError("the job failed")
        if e.release_id == "kill":
            os._exit(9)
    return [ReleaseSummary(e.release_id, str(e.folder)) for e in chunk]


def summaries_of(executor, chunks, on_start=None) -> dict[str, ReleaseSummary]:
    with executor:
        return {s.release_id: s for _, done in executor.run(chunks, job, on_start) for s in done}


def test_serial_runs_each_chunk_after_saying_it_starts():
    events = []
    chunks = [[entry("a"), entry("b")], [entry("boom"), entry("c")], [entry("d")]]
    with SerialExecutor() as executor:
        for chunk, done in executor.run(chunks, job, lambda c: events.append(("start", [e.release_id for e in c]))):
            events.append(("done", [s.release_id for s in done]))
    assert events == [("start", ["a", "b"]), ("done", ["a", "b"]), ("start", ["boom", "c"]),
                      ("done", ["boom", "c"]), ("start", ["d"]), ("done", ["d"])]


def test_a_failed_chunk_fails_its_releases_in_one_line_naming_them():
    done = summaries_of(SerialExecutor(), [[entry("a")], [entry("boom"), entry("c")]])
    assert done["a"].ok
    assert done["boom"].exit_code is done["c"].exit_code is ExitCode.INTERNAL
    assert done["c"].error.message == "c: worker failed running boom, c: RuntimeError: the job failed"


def test_a_worker_process_that_dies_fails_its_releases_only_and_the_run_ends():
    done = summaries_of(ProcessExecutor(2), [[entry("a")], [entry("kill"), entry("b")]])
    assert set(done) == {"a", "kill", "b"}
    assert done["b"].exit_code is ExitCode.INTERNAL and "\n" not in done["b"].error.message
    assert "worker failed running kill, b: its worker process died" in done["b"].error.message


def test_executors_are_looked_up_by_name():
    assert set(EXECUTORS) == {"local", "dask"}
    assert isinstance(local_executor(1, 5), SerialExecutor) and isinstance(local_executor(4, 1), SerialExecutor)
    assert local_executor(4, 3).slots == 3  # no idle workers
    assert isinstance(executor_for(RunOptions(jobs=2), 4), ProcessExecutor)
    dask = executor_for(RunOptions(executor="dask", jobs=3, scheduler_timeout=2, no_worker_timeout=5), 4)
    assert isinstance(dask, DaskExecutor) and (dask.workers, dask.scheduler_timeout, dask.no_worker_timeout) == (3, 2, 5)
    with pytest.raises(ValueError, match="unknown executor 'spark'"):
        executor_for(RunOptions(executor="spark"), 1)


@pytest.mark.parametrize("releases, workers, sizes", [
    # five chunks of 200 would leave one of two workers the fifth alone: six of 167 instead
    (1000, 2, [167] * 5 + [165]),
    (300, 2, [75] * 4),  # at least two chunks per worker
    (1000, 1, [200] * 5),  # at most 200 releases a chunk
    (1100, 2, [184] * 5 + [180]),
    (7, 2, [2, 2, 2, 1]),
])
def test_chunks_are_as_many_for_every_worker_and_of_equal_size(releases, workers, sizes):
    size = chunk_size_for(releases, workers, data_docs=False)
    assert [len(chunk) for chunk in chunks_of(list(range(releases)), size)] == sizes


def test_with_data_docs_each_release_is_a_chunk():
    assert chunk_size_for(1000, 2, data_docs=True) == 1

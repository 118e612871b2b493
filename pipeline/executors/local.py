"""Executors on this machine: this process (serial), or a pool of worker processes that die with
the run."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from pipeline.core.processes import die_with_process
from pipeline.executors.base import Chunk, Executor, Job, one_line
from pipeline.flow import ReleaseSummary


class SerialExecutor(Executor):
    """Each chunk in this process, one after the other."""

    slots = 1

    def submit(self, job: Job, chunk: Chunk) -> Future:
        future: Future = Future()
        try:
            future.set_result(job(chunk))
        except Exception as error:  # noqa: BLE001 - reported for the chunk by the loop
            future.set_exception(error)
        return future

    def wait(self, handles: list) -> list:
        return handles

    def result(self, handle: Future) -> list[ReleaseSummary]:
        return handle.result()


# What every run worker imports before its first chunk (the flow, Great Expectations: ~3 s of
# CPU in a fresh interpreter), imported once by the fork server the workers are forked from.
WORKER_PRELOAD = "pipeline.executors.warm"


def worker_context():
    """The run's workers are forked from multiprocessing's fork server, a fresh interpreter that
    imported WORKER_PRELOAD once and runs no threads (forking this process instead could copy a
    lock held by one of its threads: Arrow's pools, Dask's), instead of spawned one by one, each
    importing everything again. The server is this process's (one per process, shared with
    anything else here that forks from it): the module is added to what it preloads. Workers
    see the environment and working directory the process had when the server started (its
    first pool), not later changes: the jobs get absolute paths (executors.base.absolute)."""
    import multiprocessing.forkserver

    context = multiprocessing.get_context("forkserver")
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    preload = list(getattr(server, "_preload_modules", None) or [])
    if WORKER_PRELOAD not in preload:  # no effect once the server runs (its modules are in)
        context.set_forkserver_preload([*preload, WORKER_PRELOAD])
    return context


class ProcessExecutor(Executor):
    """The chunks in `jobs` worker processes, at most `jobs` at a time; a worker that dies
    (killed, out of memory) fails its chunk's releases only."""

    def __init__(self, jobs: int) -> None:
        self.slots = jobs
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "ProcessExecutor":
        self.pool = ProcessPoolExecutor(max_workers=self.slots, mp_context=worker_context(),
                                        initializer=die_with_process, initargs=(os.getpid(),))
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, job: Job, chunk: Chunk) -> Future:
        return self.pool.submit(job, chunk)

    def wait(self, handles: list) -> list:
        finished, _ = wait(handles, return_when=FIRST_COMPLETED)
        return list(finished)

    def result(self, handle: Future) -> list[ReleaseSummary]:
        return handle.result()

    def why_failed(self, error: BaseException) -> str:
        if isinstance(error, BrokenProcessPool):
            return one_line(f"its worker process died (killed, or out of memory): {error}")
        return super().why_failed(error)


def local_executor(jobs: int, chunks: int) -> Executor:
    """This process for one job or one chunk (a pool would only add its start-up), else a pool."""
    return SerialExecutor() if jobs == 1 or chunks == 1 else ProcessExecutor(min(jobs, chunks))

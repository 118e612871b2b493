"""Where the releases of a run's plan are run: one interface (pipeline/executors/base.py:
`Executor.run(chunks, job)`, the one job loop), three implementations, picked by name here.

    local   this process (one job, or one chunk), else a pool of `jobs` worker processes
            (pipeline/executors/local.py)
    dask    a Dask LocalCluster of `jobs` workers, or the cluster at --scheduler
            (pipeline/executors/dask.py)
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.executors.base import (MAX_CHUNK, Executor, ExecutorLost, absolute, chunk_size_for,
                                     chunks_of, worker_failed)
from pipeline.executors.dask import DaskExecutor, ExecutorError
from pipeline.executors.local import local_executor
from pipeline.plan import RunOptions

# name -> (the run's options, the number of chunks) -> an Executor, not yet started
EXECUTORS: dict[str, Callable[[RunOptions, int], Executor]] = {
    "local": lambda options, chunks: local_executor(options.jobs, chunks),
    "dask": lambda options, chunks: DaskExecutor(options.jobs, options.scheduler, options.scheduler_timeout,
                                                 options.no_worker_timeout),
}


def executor_for(options: RunOptions, chunks: int) -> Executor:
    try:
        make = EXECUTORS[options.executor]
    except KeyError:
        raise ValueError(f"unknown executor {options.executor!r} (known: {', '.join(EXECUTORS)})") from None
    return make(options, chunks)


__all__ = ["EXECUTORS", "MAX_CHUNK", "Executor", "ExecutorError", "ExecutorLost", "absolute",
           "chunk_size_for", "chunks_of", "executor_for", "worker_failed"]

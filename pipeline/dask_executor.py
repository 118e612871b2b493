"""The Dask executor: chunks of releases on a Dask cluster (dask.distributed), each through
pipeline.flow.process_chunk like every other executor.

Without a scheduler address a LocalCluster is started here (`jobs` worker processes, one thread
each: the flow is CPU-bound Python). With one, the chunks go to that cluster's workers, which must
run the same annex version and see raw/, staged/ and curated/ at the same absolute paths as this
process (a shared filesystem): the workers read the documents and publish the Parquet themselves,
and only plain ReleaseSummary values come back. See docs/batch.md.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Callable

from pipeline.core.errors import AnnexError

CONNECT_TIMEOUT = "30s"


class ExecutorError(AnnexError):
    """The executor cannot start (Dask missing, scheduler unreachable): nothing was run."""


def _distributed():
    try:
        import distributed
    except ImportError:
        raise ExecutorError("--executor dask", "dask.distributed is not installed",
                            fix="pip install 'annex-pipeline[dask]' (or pip install 'dask[distributed]')") from None
    return distributed


def client_for(scheduler: str | None, workers: int):
    """A Client of the cluster at `scheduler`, or of a LocalCluster of `workers` processes; the
    second value is the LocalCluster to close (None for a remote cluster)."""
    distributed = _distributed()
    if scheduler is None:
        # silence_logs: the cluster's own chatter (a worker slow to stop) is not the run's news
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.ERROR)
        return distributed.Client(cluster), cluster
    try:
        return distributed.Client(scheduler, timeout=CONNECT_TIMEOUT), None
    except (OSError, TimeoutError) as error:
        raise ExecutorError(scheduler, f"cannot reach the Dask scheduler: {error}",
                            fix="start it with `dask scheduler` (and workers with `dask worker ADDRESS`), "
                            "or leave out --scheduler for a cluster on this machine") from None


def run_chunks(chunks: list[list[Path]], task: Callable, workers: int, scheduler: str | None,
               on_start: Callable | None, done: Callable) -> None:
    """Run `task(chunk)` for every chunk on the cluster, at most one chunk per worker at a time
    (so `on_start` is called when a chunk really starts); `done` sees each release's summary.
    A chunk whose worker died (Dask retries it on another first) fails its releases only."""
    from pipeline.batch import worker_failed

    distributed = _distributed()
    client, cluster = client_for(scheduler, workers)
    try:
        slots = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending = list(reversed(chunks))
        running = distributed.as_completed()
        by_future = {}

        def submit() -> None:
            chunk = pending.pop()
            if on_start:
                on_start(chunk)
            # absolute paths: a worker's working directory is its own
            future = client.submit(task, [Path(f).resolve() for f in chunk], pure=False)
            by_future[future] = chunk
            running.add(future)

        for _ in range(min(slots, len(pending))):
            submit()
        for future in running:
            chunk = by_future.pop(future)
            try:
                summaries = future.result()
            except Exception as error:  # noqa: BLE001 - the worker, not a release, failed
                summaries = worker_failed(chunk, error)
            for folder, summary in zip(chunk, summaries):
                done(dataclasses.replace(summary, folder=str(folder)))  # as the caller named it
            if pending:
                submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

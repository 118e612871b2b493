"""The executor interface and its one job loop.

An executor runs a job (pipeline.flow.process_chunk with the run's paths and settings bound) over
chunks of plan entries somewhere: this process, worker processes, a Dask cluster. Each
implementation says only how to start, submit one chunk, wait for some to finish and read a
result; `Executor.run` is the loop every one of them shares: at most `slots` chunks at a time
(so `on_start` is called when a chunk really starts), a chunk whose worker died failing its
releases only, results yielded as chunks finish.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path

from pipeline.core.errors import ExitCode
from pipeline.core.storage import Location, is_url
from pipeline.flow import ErrorInfo, ReleaseSummary
from pipeline.plan import PlanEntry

MAX_CHUNK = 200  # releases validated together: past this a bigger chunk saves little (measured)
MAX_CAUSE = 300  # characters of a worker's error kept in the one line that reports it

Chunk = list[PlanEntry]
Job = Callable[[Chunk], list[ReleaseSummary]]


class ExecutorLost(Exception):
    """The executor can run nothing more (a Dask cluster left with no worker): every chunk not
    finished fails with this message."""


class Executor(ABC):
    """Start with `with`, then `run` the chunks."""

    slots: int = 1  # chunks running at once

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc) -> None:
        pass

    @abstractmethod
    def submit(self, job: Job, chunk: Chunk) -> Hashable:
        """Start `job(chunk)`; a handle to wait on."""

    @abstractmethod
    def wait(self, handles: list) -> list:
        """Block until at least one handle has finished; those that have. May raise ExecutorLost."""

    @abstractmethod
    def result(self, handle) -> list[ReleaseSummary]:
        """The chunk's summaries; raises what killed its worker."""

    def why_failed(self, error: BaseException) -> str:
        """A worker's failure in words, on one line."""
        return one_line(f"{type(error).__name__}: {error}")

    def run(self, chunks: list[Chunk], job: Job,
            on_start: Callable[[Chunk], None] | None = None) -> Iterator[tuple[Chunk, list[ReleaseSummary]]]:
        """Each chunk with its summaries, as chunks finish (the one job loop of every executor)."""
        pending = list(reversed(chunks))
        running: dict = {}
        while pending or running:
            while pending and len(running) < self.slots:
                chunk = pending.pop()
                if on_start:
                    on_start(chunk)
                try:
                    running[self.submit(job, chunk)] = chunk
                except Exception as error:  # noqa: BLE001 - e.g. a pool broken by a dead worker
                    yield chunk, worker_failed(chunk, self.why_failed(error))
            try:
                finished = self.wait(list(running))
            except ExecutorLost as lost:
                for chunk in [*running.values(), *reversed(pending)]:
                    yield chunk, worker_failed(chunk, str(lost))
                return
            for handle in finished:
                chunk = running.pop(handle)
                try:
                    summaries = self.result(handle)
                except Exception as error:  # noqa: BLE001 - the worker, not a release, failed
                    summaries = worker_failed(chunk, self.why_failed(error))
                yield chunk, summaries


def worker_failed(chunk: Chunk, cause: str) -> list[ReleaseSummary]:
    """One failure per release of a chunk whose worker died: one line naming every release it
    took down."""
    names = ", ".join(entry.release_id for entry in chunk)
    cause = f"worker failed running {names}: {cause}"
    return [ReleaseSummary(entry.release_id, str(entry.folder), ExitCode.INTERNAL,
                           ErrorInfo(f"{entry.release_id}: {cause}", cause, str(entry.folder)))
            for entry in chunk]


def one_line(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_CAUSE else text[:MAX_CAUSE] + "..."


def chunk_size_for(releases: int, workers: int, data_docs: bool) -> int:
    """Releases per chunk: with Data Docs each release is validated alone anyway (chunks of one
    give the finest progress); else chunks of at most MAX_CHUNK, at least two per worker, and as
    many for every worker (a multiple of `workers`, of equal size): with one chunk more than the
    others, a worker would run it alone at the end while the rest idle (1,000 releases on two
    workers: six chunks of 167, where five of 200 left one worker a sixth of the run alone)."""
    if data_docs or releases <= 1:
        return 1
    workers = max(1, workers)
    chunks = max(2 * workers, math.ceil(releases / MAX_CHUNK))
    chunks = math.ceil(chunks / workers) * workers
    return max(1, math.ceil(releases / chunks))


def chunks_of(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def absolute(path: Location) -> Location:
    """A worker may run in another directory (a Dask worker does): it gets absolute paths (a
    bucket URL is the same everywhere)."""
    return path if is_url(path) else Path(path).resolve()

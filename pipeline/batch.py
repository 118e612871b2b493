"""Executors: many releases in one run. Unchanged releases are skipped here first (hashing is
cheap, so a no-op run starts no worker); the rest are cut into chunks and each chunk goes through
pipeline.flow.process_chunk, in this process, in worker processes, or on a Dask cluster
(pipeline/dask_executor.py). One release failing never stops the others, and the curated bytes do
not depend on the executor, the number of workers or the chunk size.
"""

from __future__ import annotations

import functools
import math
import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Callable, Iterable

from pipeline.core.errors import ExitCode
from pipeline.core.processes import die_with_parent
from pipeline.core.settings import Settings
from pipeline.flow import (ErrorInfo, Options, ReleaseSummary, failed_summary, process_chunk,
                           skipped_summary)

EXECUTORS = ("local", "dask")
MAX_CHUNK = 200  # releases validated together: past this a bigger chunk saves little (measured)


def chunk_size_for(releases: int, workers: int, data_docs: bool) -> int:
    """Releases per chunk: with Data Docs each release is validated alone anyway (chunks of one
    give the finest progress); else at least two chunks per worker, at most MAX_CHUNK."""
    if data_docs or releases <= 1:
        return 1
    return max(1, min(MAX_CHUNK, math.ceil(releases / (2 * workers))))


def chunks_of(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def run_batch(folders: list[Path], staged_root: Path, curated_root: Path,
              settings: Settings = Settings(), jobs: int = 1, force: bool = False,
              on_release: Callable[[ReleaseSummary], None] | None = None,
              release_options: dict | None = None, executor: str = "local",
              scheduler: str | None = None, chunk_size: int | None = None,
              on_start: Callable[[list[Path]], None] | None = None) -> list[ReleaseSummary]:
    """Every release folder, with `jobs` workers (local: 1 is this process; dask: the workers of a
    LocalCluster started here, or of the cluster at `scheduler`). Results come back in the order
    of `folders`; `on_start` sees the folders of each chunk as it is handed to a worker,
    `on_release` each release as it finishes. Then curated/_manifest.json is rebuilt from the
    release records."""
    from pipeline.manifest import code_version

    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if executor not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r} (known: {', '.join(EXECUTORS)})")
    version = code_version()
    options = Options.of(release_options)
    results: dict[Path, ReleaseSummary] = {}
    todo: list[Path] = []
    for folder in map(Path, folders):
        unchanged = None if force else _unchanged(folder, curated_root, settings, version)
        if unchanged is not None:
            results[folder] = unchanged
            if on_release:
                on_release(unchanged)
        else:
            todo.append(folder)

    def done(summary: ReleaseSummary) -> None:
        results[Path(summary.folder)] = summary
        if on_release:
            on_release(summary)

    if todo:
        # force=True: the check above is the only one (a worker need not hash again); a Dask
        # worker may run elsewhere, in another directory: it gets absolute paths
        where = (lambda path: Path(path).resolve()) if executor == "dask" else Path
        task = functools.partial(process_chunk, staged_root=where(staged_root),
                                 curated_root=where(curated_root), settings=settings, force=True,
                                 version=version, options=options)
        size = chunk_size or chunk_size_for(len(todo), jobs, options.data_docs)
        chunks = chunks_of(todo, size)
        if executor == "dask":
            from pipeline.dask_executor import run_chunks

            run_chunks(chunks, task, jobs, scheduler, on_start, done)
        elif jobs == 1 or len(chunks) == 1:
            run_serial(chunks, task, on_start, done)
        else:
            run_processes(chunks, task, jobs, on_start, done)
    refresh_manifest(curated_root)
    return [results[Path(f)] for f in folders]


def _unchanged(folder: Path, curated_root: Path, settings: Settings, version: str) -> ReleaseSummary | None:
    from pipeline.manifest import fingerprint

    try:
        return skipped_summary(folder, curated_root, fingerprint(folder, settings, version))
    except OSError:
        return None  # an unreadable folder: processing it reports the problem for this release


Task = Callable[[list[Path]], list[ReleaseSummary]]


def run_serial(chunks: list[list[Path]], task: Task, on_start, done) -> None:
    for chunk in chunks:
        if on_start:
            on_start(chunk)
        for summary in task(chunk):
            done(summary)


def run_processes(chunks: list[list[Path]], task: Task, jobs: int, on_start, done) -> None:
    """The chunks in `jobs` worker processes, at most `jobs` at a time (so a chunk starts when a
    worker takes it); a worker that dies fails its chunk's releases only."""
    # "spawn": workers start clean instead of forking a parent whose Arrow thread pools are running.
    context = multiprocessing.get_context("spawn")
    pending = list(reversed(chunks))
    running: dict[Future, list[Path]] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=context,
                             initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        while pending or running:
            while pending and len(running) < jobs:
                chunk = pending.pop()
                if on_start:
                    on_start(chunk)
                running[pool.submit(task, chunk)] = chunk
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                chunk = running.pop(future)
                for summary in chunk_results(future, chunk):
                    done(summary)


def chunk_results(future, chunk: list[Path]) -> list[ReleaseSummary]:
    """The chunk's summaries, or, when its worker died (killed, out of memory), one failure per
    release of it."""
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - the worker, not a release, failed
        return worker_failed(chunk, error)


def worker_failed(chunk: Iterable[Path], error: BaseException) -> list[ReleaseSummary]:
    cause = f"worker failed: {type(error).__name__}: {error}"
    return [ReleaseSummary(Path(folder).name, str(folder), ExitCode.INTERNAL,
                           ErrorInfo(f"{Path(folder).name}: {cause}", cause, str(folder)))
            for folder in chunk]


def refresh_manifest(curated_root: Path) -> None:
    """Rewrite curated/_manifest.json when the release records say something new (an unchanged
    manifest is left alone, so a no-op run writes nothing)."""
    from pipeline.manifest import RECORDS_DIR, build_manifest, canonical_json
    from pipeline.publish import read_manifest, write_manifest

    if not (Path(curated_root) / RECORDS_DIR).is_dir():
        return
    current = read_manifest(curated_root)
    if current is None or canonical_json(current) != canonical_json(build_manifest(curated_root)):
        write_manifest(curated_root)


def exit_code_of(results: list[ReleaseSummary]) -> ExitCode:
    """The run's exit code: the worst of the releases' (OK when all succeeded or were skipped)."""
    return max((r.exit_code for r in results), default=ExitCode.OK)

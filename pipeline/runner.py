"""`annex run` as a library call: find the releases under raw/, refuse id clashes, and hand the
rest to an executor (pipeline/batch.py), which runs each through the one release flow
(pipeline/flow.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from pipeline.batch import run_batch
from pipeline.core.errors import ManifestError
from pipeline.core.release import clash_errors, discover_releases
from pipeline.core.settings import Settings
from pipeline.flow import ReleaseSummary, failed_summary


def run(raw_root: Path, staged_root: Path, curated_root: Path, release_ids: list[str] | None = None,
        settings: Settings = Settings(), on_release: Callable | None = None, jobs: int = 1,
        force: bool = False, release_options: dict | None = None, executor: str = "local",
        scheduler: str | None = None, chunk_size: int | None = None,
        on_start: Callable | None = None) -> list[ReleaseSummary]:
    """Every release under raw_root (or those named), in name order; one failing does not stop
    the others. Releases unchanged since their last publish are skipped unless `force`; the rest
    go through pipeline.flow on the executor (pipeline.batch.run_batch: `jobs` workers, local or
    Dask); `release_options`: pipeline.flow.Options fields. One ReleaseSummary per release."""

    folders = discover_releases(raw_root)
    if release_ids:
        by_name = {f.name: f for f in folders}
        missing = [r for r in release_ids if r not in by_name]
        if missing:
            raise ManifestError(str(raw_root), f"no release folder named {', '.join(missing)}",
                                fix=f"known releases: {', '.join(by_name) or 'none'}")
        folders = [by_name[r] for r in release_ids]
    elif not folders:
        raise ManifestError(str(raw_root), "no releases found (no */release.yaml)",
                            fix="put each release in raw/<release-id>/ with a release.yaml")
    # Two folders claiming one id would publish to the same partitions: neither runs, whether the
    # run names them or not (ids are checked against every folder under raw/).
    clashes = {folder: failed_summary(folder, error) for folder, error in clash_errors(raw_root, folders).items()}
    for summary in clashes.values():
        if on_release:
            on_release(summary)
    done = run_batch([f for f in folders if f not in clashes], staged_root, curated_root, settings,
                     jobs=jobs, force=force, on_release=on_release, release_options=release_options,
                     executor=executor, scheduler=scheduler, chunk_size=chunk_size, on_start=on_start)
    by_folder = {Path(s.folder): s for s in done} | {Path(f): s for f, s in clashes.items()}
    return [by_folder[Path(f)] for f in folders]

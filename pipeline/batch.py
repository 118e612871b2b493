"""Many releases in one run: skip what is unchanged, process the rest in parallel processes, record
what was published, and never let one release stop the others.

Workers return a `ReleaseSummary` (plain, picklable values) rather than the runner's
`ReleaseResult`, which holds Arrow tables and exception objects that need not cross processes.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pipeline.core.errors import AnnexError, ExitCode
from pipeline.core.settings import Settings


@dataclass(frozen=True)
class ErrorInfo:
    """An AnnexError (or a bug) as text: enough for the summary and the exit code."""

    message: str
    cause: str
    file: str = ""
    fix: str | None = None
    traceback: str | None = None  # for a bug in annex: shown by `annex --debug run`


@dataclass
class ReleaseSummary:
    """What a scheduler and the run summary need to know about one release."""

    release_id: str
    folder: str
    exit_code: ExitCode = ExitCode.OK
    error: ErrorInfo | None = None
    published: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    accounting_rows: list[dict] = field(default_factory=list)
    validation: dict = field(default_factory=dict)
    skipped: bool = False  # unchanged since its last successful publish
    fingerprint: str = ""
    flag_counts: dict[str, int] = field(default_factory=dict)  # values kept as text, by flag

    @property
    def ok(self) -> bool:
        return self.exit_code is ExitCode.OK

    def accounting(self) -> list[dict]:
        return self.accounting_rows


def validation_outcome(result) -> dict:
    """The validation verdict of a ReleaseResult as plain JSON values ("not_run" when the release
    stopped before validation)."""
    return outcome_of(result.validation)


def outcome_of(validation) -> dict:
    """A pipeline.validate.ValidationReport (or None) as {"outcome": passed|failed|not_run, ...}
    with the messages of its findings; no times or paths, so the manifest stays repeatable."""
    if validation is None:
        return {"outcome": "not_run"}
    return {"outcome": "passed" if validation.ok else "failed", "evaluated": validation.evaluated,
            "critical": [f.message for f in validation.critical],
            "warnings": [f.message for f in validation.warnings]}


def release_id_of(folder: Path) -> str:
    """The release's id from its manifest, else the folder name (the run reports the error)."""
    from pipeline.core.release import load_release

    try:
        return load_release(folder).id
    except AnnexError:
        return Path(folder).name


def process_one(folder: Path, staged_root: Path, curated_root: Path, settings: Settings = Settings(),
                force: bool = False, version: str | None = None,
                release_options: dict | None = None) -> ReleaseSummary:
    """One release: skipped when up to date, else processed, published and recorded. Never raises:
    a bug becomes an INTERNAL summary so the other releases go on. `version`: the code version to
    record (default: computed here); `release_options`: more keyword arguments for
    pipeline.runner.process_release (e.g. data_docs=False), none of which changes curated data."""
    folder = Path(folder)
    try:
        return _process_one(folder, Path(staged_root), Path(curated_root), settings, force, version,
                            release_options or {})
    except OSError as error:  # writing the release's record: disk full, read-only curated/
        from pipeline.core.errors import machine_error

        return failed_summary(folder, machine_error(error))
    except Exception as error:  # a bug in annex; reported for this release only
        import traceback

        cause = f"internal error: {type(error).__name__}: {error}"
        return ReleaseSummary(folder.name, str(folder), ExitCode.INTERNAL,
                              ErrorInfo(message=f"{folder.name}: {cause}", cause=cause, file=str(folder),
                                        fix="rerun with --debug for the traceback and report it",
                                        traceback=traceback.format_exc()))


def _process_one(folder: Path, staged_root: Path, curated_root: Path, settings: Settings,
                 force: bool, version: str | None, release_options: dict) -> ReleaseSummary:
    from pipeline.manifest import fingerprint, release_record
    from pipeline.publish import published_files, write_release_record
    from pipeline.runner import process_release

    fp = fingerprint(folder, settings, version)
    if not force and (unchanged := skipped_summary(folder, curated_root, fp)) is not None:
        return unchanged
    result = process_release(folder, staged_root, curated_root, settings, **release_options)
    summary = ReleaseSummary(
        release_id=result.release_id, folder=str(folder), exit_code=result.exit_code,
        error=_error_info(result.error), published=dict(result.published),
        warnings=list(result.warnings), accounting_rows=result.accounting(),
        validation=validation_outcome(result), fingerprint=fp.digest, flag_counts=result.flag_counts())
    if result.ok:
        tables = published_files(curated_root, result.release_id, result.published)
        write_release_record(curated_root, release_record(result.release_id, fp, tables,
                                                           summary.validation, summary.warnings))
    return summary


def skipped_summary(folder: Path, curated_root: Path, fp) -> ReleaseSummary | None:
    """The summary of an unchanged release (same fingerprint as its last publish, files intact),
    from its record; None when it must be processed."""
    from pipeline.manifest import is_up_to_date, read_record

    release_id = release_id_of(folder)
    if not is_up_to_date(curated_root, release_id, fp):
        return None
    record = read_record(curated_root, release_id)
    return ReleaseSummary(release_id, str(folder), published={n: t["rows"] for n, t in record["tables"].items()},
                          validation=record.get("validation", {}), skipped=True, fingerprint=fp.digest,
                          warnings=list(record.get("warnings", [])))


def failed_summary(folder: Path, error: AnnexError) -> ReleaseSummary:
    """A release stopped before processing (e.g. its id clashes with another folder's)."""
    return ReleaseSummary(Path(folder).name, str(folder), error.exit_code, _error_info(error))


def _error_info(error: AnnexError | None) -> ErrorInfo | None:
    if error is None:
        return None
    return ErrorInfo(message=error.message, cause=error.cause, file=error.file, fix=error.fix)


def run_batch(folders: list[Path], staged_root: Path, curated_root: Path,
              settings: Settings = Settings(), jobs: int = 1, force: bool = False,
              on_release: Callable[[ReleaseSummary], None] | None = None,
              release_options: dict | None = None) -> list[ReleaseSummary]:
    """Every release folder, with `jobs` worker processes (1: in this process). Unchanged releases
    are found here first (hashing is cheap), so a no-op run starts no workers. Results come back in
    the order of `folders`; `on_release` sees each as it finishes. Then curated/_manifest.json is
    rebuilt from the release records."""
    from pipeline.manifest import code_version

    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    version = code_version()
    results: list[ReleaseSummary | None] = [None] * len(folders)
    todo: dict[int, tuple] = {}
    for index, folder in enumerate(map(Path, folders)):
        unchanged = None if force else _unchanged(folder, curated_root, settings, version)
        if unchanged is not None:
            results[index] = unchanged
            if on_release:
                on_release(unchanged)
        else:
            # force=True below: the check above is the only one (a worker need not hash again)
            todo[index] = (folder, Path(staged_root), Path(curated_root), settings, True, version, release_options)
    if jobs == 1 or len(todo) <= 1:
        for index, args in todo.items():
            results[index] = process_one(*args)
            if on_release:
                on_release(results[index])
    else:
        for index, summary in _run_parallel(todo, jobs, on_release).items():
            results[index] = summary
    refresh_manifest(curated_root)
    return results


def _unchanged(folder: Path, curated_root: Path, settings: Settings, version: str) -> ReleaseSummary | None:
    from pipeline.manifest import fingerprint

    try:
        return skipped_summary(folder, curated_root, fingerprint(folder, settings, version))
    except OSError:
        return None  # an unreadable folder: processing it reports the problem for this release


def _run_parallel(todo: dict[int, tuple], jobs: int, on_release) -> dict[int, ReleaseSummary]:
    """process_one(*args) for each entry in worker processes; a worker that dies fails its release only."""
    # "spawn": workers start clean instead of forking a parent whose Arrow thread pools are running.
    context = multiprocessing.get_context("spawn")
    results: dict[int, ReleaseSummary] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=context,
                             initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        futures: dict[Future, int] = {pool.submit(process_one, *args): i for i, args in todo.items()}
        for future in as_completed(futures):
            index = futures[future]
            try:
                results[index] = future.result()
            except Exception as error:  # the worker died (killed, out of memory): this release only
                folder = todo[index][0]
                cause = f"worker failed: {type(error).__name__}: {error}"
                results[index] = ReleaseSummary(folder.name, str(folder), ExitCode.INTERNAL,
                                                ErrorInfo(f"{folder.name}: {cause}", cause, str(folder)))
            if on_release:
                on_release(results[index])
    return results


def die_with_parent(parent_pid: int) -> None:
    """Worker initializer: the worker ends when the `annex run` that started it dies (killed, out
    of memory), instead of publishing on and idling unseen. On Linux the kernel sends SIGKILL at
    the parent's death (prctl PR_SET_PDEATHSIG); everywhere, a daemon thread checks once a second
    that the parent is still there. A kill mid-publish is safe: publishing is atomic per file and
    the release is redone by the next run."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the thread below does it
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


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

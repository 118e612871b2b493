"""The plan of a run, made once: which releases are under raw/, what each is and what is to be
done with it. `annex run`, `annex run --dry-run` and `annex status` all start here, and nothing
downstream lists raw/, parses a release.yaml or hashes a document again:

    RunOptions   the run's settings (paths, releases named, executor, gates): one typed value
    build_plan   raw/ listed once; per release folder its release.yaml parsed once and, unless it
                 is refused, its files hashed once (the fingerprint decides skip or run, and the
                 release record stores it); the last publish record read once
    RunPlan      PlanEntry per release folder (status, action and why), plus the releases that
                 are published but no longer under raw/

Statuses: new (never published), changed (which documents, or settings or code), unchanged
(skipped), refused (its manifest is bad or its id clashes: not run), refused last time (the last
run refused it and nothing changed since: run again). Building a plan writes nothing and takes no
lock. See docs/architecture.md.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from pipeline.core.display import shown
from pipeline.core.errors import AnnexError, ExitCode, ManifestError, machine_error
from pipeline.core.release import (MANIFEST_NAME, ManifestRead, Release, declared_release_id,
                                   discover_releases, id_clashes, read_release)
from pipeline.core.settings import Settings
from pipeline.core.storage import Location, RemoteFolder, download, is_url, local_copy, renamed
from pipeline.manifest import (BucketListing, Fingerprint, changed_inputs, code_version, files_intact, fingerprint,
                               input_hashes, read_record, recorded_releases, settings_dict, why_changed)

# What the last run refused, by release folder name: a run's state, not curated data, so it is
# kept under staged/ (curated/ holds only what analysts read).
REFUSED_FILE = "_refused.json"
# Releases read at once when raw/ or curated/ is in a bucket: each waits on about ten round trips
# to the store (a listing, its files, its record, its partitions), 10-50 ms each on a real one.
# On moto's server in this process (CPU-bound, no latency) 16 threads took a no-op plan of 20
# releases from 2.0 s to 1.7 s; against a store far away, up to 16 times less waiting.
BUCKET_REQUESTS = 16


@dataclass(frozen=True)
class RunOptions:
    """Everything `annex run` is told. None of it but `settings` changes curated data."""

    raw_root: Location = Path("raw")  # a folder, or a bucket URL (pipeline/core/storage.py)
    staged_root: Path = Path("staged")
    curated_root: Location = Path("curated")
    release_ids: tuple[str, ...] = ()  # empty: every release under raw/
    settings: Settings = field(default_factory=Settings)
    force: bool = False  # redo releases that are unchanged
    accept_shrink: bool = False
    data_docs: bool = True  # Great Expectations Data Docs per release
    reports_root: Path | None = None  # Data Docs go to <reports_root>/<release>/data-docs/
    executor: str = "local"  # a name in pipeline.executors.EXECUTORS
    jobs: int = 1
    chunk_size: int | None = None  # None: pipeline.executors.chunk_size_for
    scheduler: str | None = None  # a running Dask scheduler's address
    scheduler_timeout: float = 10.0  # seconds to reach the scheduler and hear it is one
    no_worker_timeout: float = 60.0  # seconds a Dask cluster may have no worker before the run fails

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {self.jobs}")


class Status(str, Enum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    REFUSED = "refused"
    REFUSED_LAST_TIME = "refused last time"
    GONE = "published but gone from raw/"


class Action(str, Enum):
    RUN = "run"
    SKIP = "skip"
    REFUSE = "refuse"
    NONE = "none"  # published but gone from raw/: annex never removes it by itself


@dataclass(frozen=True)
class PlanEntry:
    """One release folder under raw/ (or one published release no folder holds any more)."""

    folder: Path | RemoteFolder  # as found under raw/ (as the caller named raw/)
    release_id: str  # the manifest's id, else the folder name
    status: Status
    action: Action
    why: str  # one line
    changed: tuple[str, ...] = ()  # files added, changed or removed since the last publish
    release: Release | None = None  # the parsed manifest (None when refused)
    fingerprint: Fingerprint | None = None  # None when refused, or its files cannot be read
    record: dict | None = None  # the last publish record
    error: AnnexError | None = None  # why it is refused
    copy: Path | None = None  # a release folder in a bucket: the plan's download, which it fingerprinted

    def as_json(self) -> dict:
        return {"release": self.release_id, "folder": self.folder.name, "status": self.status.value,
                "action": self.action.value, "why": self.why, "changed": list(self.changed),
                "exit_code": int(self.error.exit_code) if self.error is not None else None,
                "fix": self.error.fix if self.error is not None else None}


@dataclass(frozen=True)
class RunPlan:
    options: RunOptions
    code_version: str
    entries: tuple[PlanEntry, ...]  # one per release folder of the run, in name order
    gone: tuple[PlanEntry, ...] = ()  # published releases no folder under raw/ holds
    scratch: Path | None = None  # holds the entries' copies; the run removes it (discard)

    def discard(self) -> None:
        """Remove the copies of bucket releases the plan kept for its run (for_run)."""
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)

    @property
    def to_run(self) -> list[PlanEntry]:
        return [e for e in self.entries if e.action is Action.RUN]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self.entries + self.gone:
            counts[entry.status.value] = counts.get(entry.status.value, 0) + 1
        return dict(sorted(counts.items()))

    def as_json(self) -> dict:
        return {"releases": [e.as_json() for e in self.entries + self.gone], "counts": self.counts(),
                "to_run": len(self.to_run)}

    def as_text(self) -> list[str]:
        """One line per release (name, status, what a run does, why; names escaped, so a folder
        name cannot forge a line), then the totals."""
        rows = [(shown(e.release_id), e.status.value, e.action.value, shown(e.why))
                for e in self.entries + self.gone]
        widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
        lines = [f"{name:<{widths[0]}}  {status:<{widths[1]}}  {action:<{widths[2]}}  {why}"
                 for name, status, action, why in rows]
        totals = ", ".join(f"{n} {status}" for status, n in self.counts().items())
        return lines + [f"{len(self.to_run)} to run; {totals}"]


def build_plan(options: RunOptions, for_run: bool = False) -> RunPlan:
    """The plan of a run. Raises ManifestError for a run that cannot start (an unknown --release,
    no release under raw/); a bad release is an entry refused, never an exception.

    `for_run` (the plan `annex run` runs, not one it only shows) with raw/ in a bucket and the
    workers on this machine (no --scheduler): the download each release to run was fingerprinted
    from is kept for its worker (PlanEntry.copy), so a release is downloaded once per run and what
    was fingerprinted is what is read; the run removes what is left (RunPlan.discard)."""
    version = code_version()
    folders = discover_releases(options.raw_root)
    selected = _selected(options, folders)
    # every folder is read (once): a release run alone is refused for an id clash as in a full run
    wanted, every = set(selected), list(dict.fromkeys(folders + selected))
    keep = for_run and is_url(options.raw_root) and options.scheduler is None
    scratch = Path(tempfile.mkdtemp(prefix="annex-plan-")) if keep else None
    try:
        plan = _plan(options, version, selected, wanted, every, scratch)
    except BaseException:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        raise
    for entry in plan.entries:  # only the releases to run keep their copy
        if entry.copy is None and scratch is not None and (scratch / entry.folder.name).exists():
            shutil.rmtree(scratch / entry.folder.name, ignore_errors=True)
    return plan


def _plan(options: RunOptions, version: str, selected: list, wanted: set, every: list,
          scratch: Path | None) -> RunPlan:
    read = _each(lambda folder: _read(folder, hash_inputs=folder in wanted, scratch=scratch), every,
                 is_url(options.raw_root))
    reads, hashed = {f: r for f, (r, _) in zip(every, read)}, {f: h for f, (_, h) in zip(every, read)}
    clashes = _clashes(reads)
    refused_before = read_refusals(options.staged_root)
    # curated/ in a bucket: listed once (ETags) with its manifest, not asked per release
    listing = BucketListing.read(options.curated_root) if is_url(options.curated_root) else None
    entries = tuple(_each(lambda folder: _entry(folder, reads[folder], clashes.get(folder),
                                                refused_before.get(folder.name), options, version,
                                                hashed[folder], listing),
                          selected, is_url(options.raw_root) or is_url(options.curated_root)))
    if scratch is not None:
        entries = tuple(replace(e, copy=scratch / e.folder.name) if e.action is Action.RUN
                        and (scratch / e.folder.name).is_dir() else e for e in entries)
    gone = () if options.release_ids else _gone(options.curated_root, reads)
    return RunPlan(options, version, entries, gone, scratch)


def _each(function, items: list, in_bucket: bool) -> list:
    """function over items, in order: one after the other on disk (as always); with a bucket,
    BUCKET_REQUESTS at a time in threads, since each waits on the network, not the CPU."""
    if not in_bucket:
        return [function(item) for item in items]
    with ThreadPoolExecutor(max_workers=BUCKET_REQUESTS) as pool:
        return list(pool.map(function, items))


def _selected(options: RunOptions, folders: list[Path]) -> list[Path]:
    if not options.release_ids:
        if not folders:
            raise ManifestError(str(options.raw_root), "no releases found (no */release.yaml)",
                                fix="put each release in raw/<release-id>/ with a release.yaml")
        return folders
    by_name = {f.name: f for f in folders}
    missing = [r for r in options.release_ids if r not in by_name]
    if missing:
        raise ManifestError(str(options.raw_root), f"no release folder named {', '.join(missing)}",
                            fix=f"known releases: {', '.join(by_name) or 'none'}")
    return [by_name[r] for r in options.release_ids]


def _read(folder: Path | RemoteFolder, hash_inputs: bool,
          scratch: Path | None = None) -> tuple[ManifestRead, dict[str, str] | None]:
    """read_release; a fault of the machine or a bug reading one folder refuses it alone. A
    folder in a bucket is downloaded once, to read its manifest and (`hash_inputs`) to hash its
    files as input_hashes does on disk (the same bytes give the same fingerprint); the copy is
    kept under `scratch` when given (build_plan for_run), else gone after: a worker elsewhere
    downloads its own and checks it against these hashes (pipeline/flow.py)."""
    try:
        if isinstance(folder, RemoteFolder):
            return _read_remote(folder, hash_inputs, scratch)
        return read_release(folder), None
    except AnnexError as error:  # the bucket refused (pipeline/core/storage.py)
        return ManifestRead(None, error=error), None
    except OSError as error:
        return ManifestRead(None, error=machine_error(error)), None
    except Exception as error:  # noqa: BLE001 - a bug: this release only, the others go on
        return ManifestRead(None, error=internal_error(folder / MANIFEST_NAME, error)), None


def _read_remote(folder: RemoteFolder, hash_inputs: bool,
                 scratch: Path | None) -> tuple[ManifestRead, dict[str, str] | None]:
    if not hash_inputs:  # a folder not run: only the id it claims (for clashes), from its release.yaml
        return ManifestRead(declared_release_id(folder)), None
    with local_copy(folder.url) if scratch is None else nullcontext(download(folder.url, scratch)) as local:
        read = read_release(local)
        hashes = input_hashes(local)
        if read.error is not None:
            read = ManifestRead(read.claimed_id, read.release, renamed(read.error, local, folder.url))
    return read, hashes


class InternalError(AnnexError):
    """A bug in annex, reported for the one release it stopped."""

    exit_code = ExitCode.INTERNAL


def internal_error(where: Path, error: BaseException) -> InternalError:
    cause = f"internal error: {type(error).__name__}: {error}"
    return InternalError(str(where), cause, fix="rerun with --debug for the traceback and report it")


def _clashes(reads: dict[Path, ManifestRead]) -> dict[Path, ManifestError]:
    """Folders claiming an id another folder claims: both would publish to one partition."""
    return id_clashes({folder: read.claimed_id for folder, read in reads.items()})


def _entry(folder: Path | RemoteFolder, read: ManifestRead, clash: ManifestError | None,
           refused_before: dict | None, options: RunOptions, version: str,
           hashed: dict[str, str] | None = None, listing: BucketListing | None = None) -> PlanEntry:
    error = clash or read.error
    release_id = read.release.id if read.release is not None else folder.name
    if error is not None:
        return PlanEntry(folder, release_id, Status.REFUSED, Action.REFUSE, error.message.splitlines()[0],
                         error=error)
    record = (listing.record(options.curated_root, release_id) if listing is not None
              else read_record(options.curated_root, release_id))
    try:
        fp = (fingerprint(folder, options.settings, version) if hashed is None
              else Fingerprint(hashed, settings_dict(options.settings), version))
    except OSError as error:  # an unreadable file: running the release reports it for this release
        why = f"its files cannot be read: {machine_error(error).cause}"
        return PlanEntry(folder, release_id, Status.CHANGED if record else Status.NEW, Action.RUN, why,
                         release=read.release, record=record)
    run = dict(folder=folder, release_id=release_id, action=Action.RUN, release=read.release,
               fingerprint=fp, record=record)
    if refused_before is not None and refused_before.get("fingerprint") == fp.digest:
        return PlanEntry(status=Status.REFUSED_LAST_TIME, why=(refused_before.get("error") or "refused").splitlines()[0],
                         **run)
    if record is None:
        return PlanEntry(status=Status.NEW, why="never published", **run)
    if record.get("fingerprint") != fp.digest:
        return PlanEntry(status=Status.CHANGED, why=why_changed(record, fp),
                         changed=changed_inputs(record, fp), **run)
    if not files_intact(options.curated_root, record, listing.etags if listing is not None else None):
        return PlanEntry(status=Status.CHANGED, why="its published files were changed or removed", **run)
    if options.force:
        return PlanEntry(status=Status.UNCHANGED, why="unchanged, redone (--force)", **run)
    return PlanEntry(folder, release_id, Status.UNCHANGED, Action.SKIP, "unchanged since its last publish",
                     release=read.release, fingerprint=fp, record=record)


def _gone(curated_root: Location, reads: dict[Path, ManifestRead]) -> tuple[PlanEntry, ...]:
    """Published releases whose id no folder under raw/ claims (kept: `annex withdraw` removes one)."""
    claimed = {read.claimed_id for read in reads.values()} | {f.name for f in reads}
    return tuple(PlanEntry(Path(release_id), release_id, Status.GONE, Action.NONE,
                           f"release {release_id} is published in {curated_root} but raw/ no longer "
                           f"holds it; it stays published: `annex withdraw {release_id} "
                           f"--reason TEXT` takes it back")
                 for release_id in recorded_releases(curated_root) if release_id not in claimed)


# --- what the last run refused ---------------------------------------------------------------

def read_refusals(staged_root: Path) -> dict[str, dict]:
    """Folder name -> {"release", "fingerprint", "exit_code", "error"} of the last run's refusals."""
    try:
        value = json.loads((Path(staged_root) / REFUSED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def refusals_after(before: dict[str, dict], plan: RunPlan, summaries: list) -> dict[str, dict]:
    """The refusals to keep after a run: each release of the run as it ended now (refused: its
    error and fingerprint; done: none), the others as they were."""
    after = dict(before)
    fingerprints = {e.folder.name: e.fingerprint.digest if e.fingerprint else "" for e in plan.entries}
    for summary in summaries:
        name = Path(summary.folder).name
        if summary.ok:
            after.pop(name, None)
        else:
            after[name] = {"release": summary.release_id, "fingerprint": fingerprints.get(name, ""),
                           "exit_code": int(summary.exit_code),
                           "error": summary.error.message if summary.error is not None else ""}
    return dict(sorted(after.items()))

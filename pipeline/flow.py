"""The flow of a release, written once: read -> extract -> normalise -> validate -> publish.

Each step is a plain function over plain values. `annex run` (in this process, in worker
processes or on Dask: pipeline/executors/) and `annex stage` (the DVC stages, pipeline/stages.py,
which follow STEPS) call the functions of this module and nothing else, so every path publishes
the same bytes:

    process_release(folder)      one release end to end, its ReleaseResult (tables included)
    process_chunk(entries)       several releases of a run's plan (pipeline/plan.py: manifest
                                 parsed, fingerprint taken, to be run), with one validation run
                                 per curated table for the whole chunk, each published one
                                 recorded; plain ReleaseSummary values (picklable)

The gate stays per release inside a chunk: a release that fails validation (or the shrink
guard) is refused alone and keeps its previous curated version; the others publish.
"""

from __future__ import annotations

import shutil
import time
import traceback
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.core import storage
from pipeline.core.errors import AnnexError, DocumentError, ExitCode, ManifestError, machine_error
from pipeline.core.fiscal import FinancialYear
from pipeline.core.flags import ORDINARY
from pipeline.core.release import Release, load_release
from pipeline.core.settings import Settings
from pipeline.core.storage import Location, RemoteFolder, is_url, join, local_copy, name_of, renamed
from pipeline.extract.reader import read_tables
from pipeline.extract.documents import load_document
from pipeline.families import FamilyTable, Role, read_document
from pipeline.guard import check_shrink, sources_by_table
from pipeline.manifest import (MANIFEST_NAME, RECORDS_DIR, Fingerprint, build_manifest, canonical_json,
                               input_hashes, recorded_releases, release_record)
from pipeline.normalise.release import normalise_release
from pipeline.plan import PlanEntry, RunOptions, internal_error
from pipeline.publish import (publish_release, published_files, read_manifest, write_manifest,
                              write_parquet_atomic, write_release_record)
from pipeline.staging import staged_documents
from pipeline.validate import ReleaseTables, ValidationReport, validate_release, validate_releases
from pipeline.validate.unfinished import unfinished

STEPS = ("extract", "normalise", "validate", "publish")


# --- values -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ErrorInfo:
    """An AnnexError (or a bug) as text: enough for the summary and the exit code."""

    message: str
    cause: str
    file: str = ""
    fix: str | None = None
    traceback: str | None = None  # for a bug in annex: shown by `annex --debug run`


@dataclass
class ReleaseResult:
    """One release as it went through the flow, with its tables (for tests and the stages)."""

    release_id: str
    folder: Path | RemoteFolder  # a release folder in a bucket is downloaded by the extract step
    exit_code: ExitCode = ExitCode.OK
    error: AnnexError | None = None
    documents: list[FamilyTable] = field(default_factory=list)
    tables: dict[str, pa.Table] = field(default_factory=dict)
    published: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    validation: ValidationReport | None = None  # None when validation did not run
    financial_year: FinancialYear | None = None
    traceback: str | None = None  # set when a bug in annex stopped the release
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step (not recorded)
    manifest: Release | None = None  # parsed by the run's plan; else read by the extract step
    # a release folder in a bucket, from a run's plan: the input hashes it fingerprinted, which
    # the files read must have, and its download when this worker is on the plan's machine
    planned_inputs: dict[str, str] | None = None
    copy: Path | None = None

    @property
    def ok(self) -> bool:
        return self.exit_code is ExitCode.OK

    @property
    def checks(self) -> list[dict]:
        """The documents' self-checks (the curated `checks` rows), once validation has run."""
        if self.validation is None or self.validation.checks is None:
            return []
        return self.validation.checks.to_pylist()

    def flag_counts(self) -> dict[str, int]:
        return flag_counts(self.tables)

    def accounting(self) -> list[dict]:
        return accounting(self.documents)

    def fail(self, error: AnnexError) -> None:
        self.error, self.exit_code = error, error.exit_code


@dataclass
class ReleaseSummary:
    """What a scheduler and the run summary need to know about one release (plain values that
    cross process and machine boundaries)."""

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
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step; never recorded

    @property
    def ok(self) -> bool:
        return self.exit_code is ExitCode.OK

    @property
    def seconds(self) -> float:
        return sum(self.timings.values())

    def accounting(self) -> list[dict]:
        return self.accounting_rows


def flag_counts(tables: dict[str, pa.Table]) -> dict[str, int]:
    """Values kept as printed with a flag, by flag, for the run summary (blank and n/a cells are
    ordinary and not counted)."""
    counts: Counter = Counter()
    for name, column in (("activities", "flags"), ("deliverables", "flags"),
                         ("deliverable_quarters", "value_flag")):
        table = tables.get(name)
        if table is None or not table.num_rows:
            continue
        values = table.column(column)
        if pa.types.is_list(values.type):
            values = pc.list_flatten(values)
        counts.update(v for v in values.to_pylist() if v and v not in ORDINARY)
    return dict(sorted(counts.items()))


def accounting(documents: list[FamilyTable]) -> list[dict]:
    """Per document: every input line is a data row, joined into one, classified, or rejected."""
    by_document: dict[str, list[FamilyTable]] = {}
    for table in documents:  # a PDF may hold several tables: one account per document
        by_document.setdefault(table.source, []).append(table)
    out = []
    for source, tables in by_document.items():
        roles = Counter(line.role for table in tables for line in table.lines)
        # the reader's count for the whole document (a table left out would show here)
        lines = next((t.document_lines for t in tables if t.document_lines is not None),
                     sum(len(table.lines) for table in tables))
        classified = sum(n for role, n in roles.items()
                         if role not in (Role.DATA, Role.CONTINUATION, Role.REJECT))
        out.append({
            "document": source, "family": "+".join(sorted({t.family for t in tables})),
            "input_lines": lines,
            "data_rows": roles[Role.DATA], "continuation_lines": roles[Role.CONTINUATION],
            "classified_lines": classified, "rejected_lines": roles[Role.REJECT],
            "balanced": lines == roles[Role.DATA] + roles[Role.CONTINUATION]
            + classified + roles[Role.REJECT],
            # the line where the document's table seems cut off (see warnings), else None
            "unfinished_at": cut.line if (cut := unfinished(tables[-1])) is not None else None,
        })
    return out


def outcome_of(validation) -> dict:
    """A ValidationReport (or None) as {"outcome": passed|failed|not_run, ...} with the messages
    of its findings; no times or paths, so records stay repeatable."""
    if validation is None:
        return {"outcome": "not_run"}
    return {"outcome": "passed" if validation.ok else "failed", "evaluated": validation.evaluated,
            "critical": [f.message for f in validation.critical],
            "warnings": [f.message for f in validation.warnings]}


def error_info(error: AnnexError | None, traceback: str | None = None) -> ErrorInfo | None:
    if error is None:
        return None
    return ErrorInfo(message=error.message, cause=error.cause, file=error.file, fix=error.fix,
                     traceback=traceback)


def summary_of(result: ReleaseResult, fingerprint: str = "") -> ReleaseSummary:
    return ReleaseSummary(
        release_id=result.release_id, folder=str(result.folder), exit_code=result.exit_code,
        error=error_info(result.error, result.traceback), published=dict(result.published),
        warnings=list(result.warnings), accounting_rows=result.accounting(),
        validation=outcome_of(result.validation), fingerprint=fingerprint,
        flag_counts=result.flag_counts(), timings=dict(result.timings))


def failed_summary(folder: Path, error: AnnexError) -> ReleaseSummary:
    """A release stopped before processing (e.g. its id clashes with another folder's)."""
    return ReleaseSummary(name_of(str(folder)), str(folder), error.exit_code, error_info(error))


# --- the steps --------------------------------------------------------------------------------

def extract_release(release: Release, settings: Settings) -> tuple[list[FamilyTable], list[str]]:
    """Every document's tables read as their family. A table of no known family beside a known
    one is kept as rejects naming it (and a warning); a document with none is an error."""
    family_tables, warnings = [], []
    for ref in release.documents:
        document = load_document(ref.path, ref.file, settings)
        tables = read_tables(document, ref.encoding, settings, ref.table)
        # what the reader left out on purpose (an Excel sheet's hidden rows): said, not silent
        warnings += [f"{ref.file}: {note}" for table in tables for note in table.skipped]
        read = read_document(tables, ref.family, ref.file, dict(ref.table.columns) if ref.table else None)
        warnings += read.warnings
        if read.tables and (cut := unfinished(read.tables[-1])) is not None:
            warnings.append(cut.message)  # a document cut off, e.g. a truncated download
        family_tables += read.tables
    return family_tables, warnings


def resolve_financial_year(release: Release, tables: list[FamilyTable]) -> FinancialYear:
    """The manifest's year, else the one a document states; they must agree."""
    stated = {t.stated_financial_year: t.source for t in tables if t.stated_financial_year}
    for text, source in stated.items():
        try:
            year = FinancialYear.parse(text)
        except ValueError as error:
            raise DocumentError(source, f"states a bad financial year: {error}",
                                fix="check the year in the document's header (e.g. '2015/16 Target')") from None
        if release.financial_year is not None and year != release.financial_year:
            raise ManifestError(
                str(release.manifest_path),
                f"financial_year is {release.financial_year} but {source} states {year}",
                fix="correct release.yaml or check the document belongs to this release")
    if release.financial_year is not None:
        return release.financial_year
    if stated:
        return FinancialYear.parse(next(iter(stated)))
    raise ManifestError(str(release.manifest_path),
                        "no financial_year, and no document states one",
                        fix="add e.g. financial_year: '2015/16' to release.yaml")


def write_staged(folder: Path, release_id: str, tables: list[FamilyTable]) -> None:
    """Staged: per document, every line with its role and raw cells (before normalisation), as
    <folder>/<document>.lines.parquet."""
    for source, lines in staged_documents(tables, release_id).items():  # one file per document
        write_parquet_atomic(lines, Path(folder) / f"{source}.lines.parquet")


def validation_input(release_id: str, financial_year: FinancialYear, tables: dict[str, pa.Table],
                     documents: list[FamilyTable]):
    """What validation needs of one release (pipeline.validate.ReleaseTables)."""
    return ReleaseTables(release_id, financial_year, tables, documents, accounting(documents))


def validate_one(item, settings: Settings, data_docs_dir: Path | None = None) -> ValidationReport:
    """The validate step for one release, with Data Docs when a folder is given."""
    return validate_release(item.release, item.financial_year, item.tables, item.documents,
                            item.accounting, settings, data_docs_dir=data_docs_dir)


def validate_many(items: list, settings: Settings) -> list[ValidationReport]:
    """The validate step for a chunk: one Great Expectations run per curated table for all of
    them, each verdict still the release's own (pipeline.validate.validate_releases)."""
    return validate_releases(items, settings)


def publish_step(release_id: str, tables: dict[str, pa.Table], documents: list[FamilyTable],
                 curated_root: Location, settings: Settings, accept_shrink: bool = False) -> dict[str, int]:
    """Publish a validated release (tables include `checks`), unless a table shrank by more than
    settings.max_row_drop (and not `accept_shrink`): then ValidationFailed and nothing written."""
    if not accept_shrink:
        check_shrink(release_id, {name: t.num_rows for name, t in tables.items()}, curated_root,
                     settings.max_row_drop, sources_by_table(documents))
    return publish_release(tables, release_id, curated_root)


def record_step(curated_root: Location, release_id: str, fp: Fingerprint, published: dict[str, int],
                validation: dict, warnings: list[str]) -> dict:
    """The release's record (curated/_releases/<id>.json): what a later run compares to skip it."""
    record = release_record(release_id, fp, published_files(curated_root, release_id, published),
                            validation, warnings)
    write_release_record(curated_root, record)
    return record


def refresh_manifest(curated_root: Location) -> None:
    """Rewrite curated/_manifest.json when the release records say something new (an unchanged
    manifest is left alone, so a no-op run writes nothing)."""
    if is_url(curated_root):
        if not recorded_releases(curated_root) and read_manifest(curated_root) is None:
            return  # nothing published there yet
    elif not (Path(curated_root) / RECORDS_DIR).is_dir():
        return
    # in a bucket the manifest is replaced only if it is still the one read here (a PUT
    # conditional on its ETag, or on there being none): a writer meanwhile is refused, not overwritten
    seen = storage.etag(join(curated_root, MANIFEST_NAME)) if is_url(curated_root) else None
    current = read_manifest(curated_root)
    if current is None or canonical_json(current) != canonical_json(build_manifest(curated_root)):
        write_manifest(curated_root, replacing=seen if is_url(curated_root) else None)


# --- a release, a chunk -----------------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    """How releases are run; none of these changes curated data."""

    data_docs: bool = True  # Great Expectations Data Docs per release (forces per-release validation)
    reports_root: Path | None = None  # Data Docs go to <reports_root>/<release>/data-docs/
    accept_shrink: bool = False

    @classmethod
    def of(cls, options: "dict | Options | None") -> "Options":
        if isinstance(options, Options):
            return options
        return cls(**(options or {}))

    @classmethod
    def of_run(cls, run: RunOptions) -> "Options":
        return cls(data_docs=run.data_docs, reports_root=run.reports_root, accept_shrink=run.accept_shrink)


def process_release(folder: Path, staged_root: Path, curated_root: Location,
                    settings: Settings = Settings(), reports_root: Path | None = None,
                    data_docs: bool = True, accept_shrink: bool = False) -> ReleaseResult:
    """One release end to end. Input errors come back in the result, never half-published; a
    critical validation failure publishes nothing (curated/ keeps the previous version), nor does
    a table that shrank by more than settings.max_row_drop unless `accept_shrink`.
    Data Docs go to <reports_root>/<release>/data-docs/ (default reports_root: beside curated/)."""
    options = Options(data_docs=data_docs, reports_root=reports_root, accept_shrink=accept_shrink)
    result = ReleaseResult(Path(folder).name, Path(folder))
    return _run([result], Path(staged_root), _root(curated_root), settings, options)[0]


def _root(curated_root: Location) -> Location:
    return curated_root if is_url(curated_root) else Path(curated_root)


def process_chunk(entries: list[PlanEntry], staged_root: Path, curated_root: Location,
                  settings: Settings = Settings(), options: Options = Options()) -> list[ReleaseSummary]:
    """Several releases of a run's plan, in order, through the flow together (their manifests
    as the plan parsed them); each published one is recorded with the fingerprint the plan took.
    Never raises: a bug becomes an INTERNAL summary for its release, a machine fault (disk full)
    an IO_ERROR one."""
    # a release folder in a bucket: its manifest is read again from the local copy the worker reads
    results = [ReleaseResult(e.release_id, e.folder, planned_inputs=e.fingerprint.inputs if e.fingerprint else None,
                             copy=e.copy) if isinstance(e.folder, RemoteFolder)
               else ReleaseResult(e.release_id, Path(e.folder), manifest=e.release) for e in entries]
    _run(results, Path(staged_root), _root(curated_root), settings, options)
    return [_recorded(result, entry.fingerprint, curated_root) for entry, result in zip(entries, results)]


def _recorded(result: ReleaseResult, fp: Fingerprint | None, curated_root: Location) -> ReleaseSummary:
    summary = summary_of(result, fp.digest if fp is not None else "")
    if result.ok and fp is not None:
        try:
            record_step(curated_root, result.release_id, fp, result.published, summary.validation,
                        summary.warnings)
        except OSError as error:  # writing the record: disk full, read-only curated/
            return failed_summary(result.folder, machine_error(error))
        except AnnexError as error:  # writing it to a bucket that failed (pipeline/core/storage.py)
            return failed_summary(result.folder, error)
    return summary


def _failed(result: ReleaseResult, error: BaseException, trace: str | None = None) -> ReleaseResult:
    if isinstance(error, AnnexError):
        result.fail(error)
    elif isinstance(error, OSError):  # disk full, read-only curated/, a permission: not a bug
        result.fail(machine_error(error))
    else:
        result.fail(internal_error(result.folder, error))
        result.traceback = trace
    return result


def skipped_summary(entry: PlanEntry) -> ReleaseSummary:
    """The summary of a release the plan skips (unchanged since its last publish), from its record."""
    record = entry.record or {}
    return ReleaseSummary(entry.release_id, str(entry.folder),
                          published={n: t["rows"] for n, t in record.get("tables", {}).items()},
                          validation=record.get("validation", {}), skipped=True,
                          fingerprint=entry.fingerprint.digest if entry.fingerprint else "",
                          warnings=list(record.get("warnings", [])))


def _guarded(result: ReleaseResult, step: str, action) -> bool:
    """Run one step of a release, timing it; an error stops this release only."""
    start = time.perf_counter()
    try:
        action()
        return True
    except Exception as error:  # noqa: BLE001 - AnnexError, OSError or a bug: this release only
        _failed(result, error, traceback.format_exc())
        return False
    finally:
        result.timings[step] = result.timings.get(step, 0.0) + time.perf_counter() - start


def _run(results: list[ReleaseResult], staged_root: Path, curated_root: Location, settings: Settings,
         options: Options) -> list[ReleaseResult]:
    """The flow for each release: extract and normalise each, validate them together, publish
    each that passed."""
    items = {}
    for result in results:
        if _guarded(result, "extract", lambda r=result: _extract(r, settings)) and _guarded(
                result, "normalise", lambda r=result: _normalise(r, staged_root)):
            items[id(result)] = validation_input(result.release_id, result.financial_year,
                                                 result.tables, result.documents)
    alive = [r for r in results if id(r) in items]
    if options.data_docs:
        reports = Path(options.reports_root) if options.reports_root is not None else _default_reports(
            curated_root, staged_root)
        for result in alive:
            docs = reports / result.release_id / "data-docs"
            _guarded(result, "validate", lambda r=result, d=docs: setattr(
                r, "validation", validate_one(items[id(r)], settings, d)))
    elif alive:
        _validate_chunk(alive, items, settings)
    for result in alive:
        if result.validation is not None and result.ok:
            _guarded(result, "publish", lambda r=result: _publish(r, curated_root, settings, options))
    return results


def _default_reports(curated_root: Location, staged_root: Path) -> Path:
    """Beside curated/; curated/ in a bucket: beside staged/ (Data Docs are local HTML pages)."""
    return (Path(staged_root) if is_url(curated_root) else Path(curated_root)).parent / "reports"


def _validate_chunk(alive: list[ReleaseResult], items: dict, settings: Settings) -> None:
    start = time.perf_counter()
    try:
        reports = validate_many([items[id(r)] for r in alive], settings)
    except Exception:  # noqa: BLE001 - a bug in one release's validation: find it alone below
        reports = None
    share = (time.perf_counter() - start) / len(alive)
    for index, result in enumerate(alive):
        result.timings["validate"] = share
        if reports is not None:
            result.validation = reports[index]
        else:
            _guarded(result, "validate", lambda r=result: setattr(
                r, "validation", validate_one(items[id(r)], settings)))


def _extract(result: ReleaseResult, settings: Settings) -> None:
    if isinstance(result.folder, RemoteFolder):
        # the documents are read from a local copy (the readers need a path), gone after this step:
        # the plan's download when this worker shares its machine (one download per run), else one
        # made here
        kept = result.copy if result.copy is not None and result.copy.is_dir() else None
        try:
            with nullcontext(kept) if kept is not None else local_copy(result.folder.url) as local:
                try:
                    _check_as_planned(result, local)
                    _extract_release(result, load_release(local), settings)
                except AnnexError as error:
                    raise renamed(error, local, result.folder.url) from None
        finally:
            if kept is not None:
                shutil.rmtree(kept, ignore_errors=True)
        return
    _extract_release(result, result.manifest or load_release(result.folder), settings)


class ChangedSincePlanned(AnnexError):
    """A release folder in a bucket whose objects changed between the plan and the worker's read."""


def _check_as_planned(result: ReleaseResult, local: Path) -> None:
    """The files about to be read are those the plan fingerprinted (the record will say they
    were), else ChangedSincePlanned: the release is not read, so nothing is published under the
    fingerprint of other bytes."""
    if result.planned_inputs is None:
        return  # not from a plan (process_release), or the plan could not hash its files
    found = input_hashes(local)
    if found != result.planned_inputs:
        names = sorted(n for n in found.keys() | result.planned_inputs.keys()
                       if found.get(n) != result.planned_inputs.get(n))
        raise ChangedSincePlanned(str(result.folder), "its objects changed between this run's plan and "
                                  f"the worker's download ({', '.join(names)}), so the release was not "
                                  "read: nothing of it is published under the fingerprint of other bytes",
                                  fix="rerun: the next run's plan fingerprints the objects as they are then")


def _extract_release(result: ReleaseResult, release: Release, settings: Settings) -> None:
    result.release_id = release.id
    result.documents, result.warnings = extract_release(release, settings)
    result.financial_year = resolve_financial_year(release, result.documents)


def _normalise(result: ReleaseResult, staged_root: Path) -> None:
    result.tables = normalise_release(result.release_id, result.financial_year, result.documents)
    write_staged(staged_root / result.release_id, result.release_id, result.documents)


def _publish(result: ReleaseResult, curated_root: Location, settings: Settings, options: Options) -> None:
    report = result.validation
    result.tables["checks"] = report.checks
    result.warnings += [finding.message for finding in report.warnings]
    if not report.ok:
        raise report.error()
    result.published = publish_step(result.release_id, result.tables, result.documents, curated_root,
                                    settings, options.accept_shrink)

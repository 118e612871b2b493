"""The outer runner: the only code that reads raw/ and writes staged/ (and, through publish,
curated/). Each release goes extract -> normalise -> validate -> publish as plain values."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pyarrow as pa

from pipeline.core.errors import AnnexError, DocumentError, ExitCode, ManifestError, machine_error
from pipeline.core.fiscal import FinancialYear
from pipeline.core.release import Release, load_release
from pipeline.core.settings import Settings
from pipeline.extract.documents import load_document, read_tables
from pipeline.families import FamilyTable, Role, read_document
from pipeline.normalise.tables import (activity_records, deliverable_records, number_rows,
                                       reject_records)
from pipeline.schema import ACTIVITIES, DELIVERABLE_QUARTERS, DELIVERABLES, REJECTS, to_arrow
from pipeline.validate.unfinished import unfinished

if TYPE_CHECKING:
    from pipeline.validate import ValidationReport


@dataclass
class ReleaseResult:
    release_id: str
    folder: Path
    exit_code: ExitCode = ExitCode.OK
    error: AnnexError | None = None
    documents: list[FamilyTable] = field(default_factory=list)
    tables: dict[str, pa.Table] = field(default_factory=dict)
    published: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    validation: "ValidationReport | None" = None  # pipeline.validate; None when it did not run

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
        """Values kept as printed with a flag, by flag, for the run summary (blank and n/a cells
        are ordinary and not counted)."""
        import pyarrow.compute as pc

        counts: Counter = Counter()
        for name, column in (("activities", "flags"), ("deliverables", "flags"),
                             ("deliverable_quarters", "value_flag")):
            table = self.tables.get(name)
            if table is None or not table.num_rows:
                continue
            values = table.column(column)
            if pa.types.is_list(values.type):
                values = pc.list_flatten(values)
            counts.update(v for v in values.to_pylist() if v and v not in ("blank", "not_applicable"))
        return dict(sorted(counts.items()))

    def accounting(self) -> list[dict]:
        """Per document: every input line is a data row, joined into one, classified, or rejected."""
        by_document: dict[str, list[FamilyTable]] = {}
        for table in self.documents:  # a PDF may hold several tables: one account per document
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


def extract_release(release: Release, settings: Settings) -> tuple[list[FamilyTable], list[str]]:
    """Every document's tables read as their family. A table of no known family beside a known
    one is kept as rejects naming it (and a warning); a document with none is an error."""
    family_tables, warnings = [], []
    for ref in release.documents:
        document = load_document(ref.path, ref.file, settings)
        tables = read_tables(document, ref.encoding, settings)
        # what the reader left out on purpose (an Excel sheet's hidden rows): said, not silent
        warnings += [f"{ref.file}: {note}" for table in tables for note in table.skipped]
        read = read_document(tables, ref.family, ref.file)
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


def normalise_release(release_id: str, financial_year: FinancialYear,
                      tables: list[FamilyTable]) -> dict[str, pa.Table]:
    """The curated tables of one release, typed by the declared schemas."""
    activities, deliverables, quarters, rejects = [], [], [], []
    position: Counter = Counter()  # lines read so far per document (several tables in one PDF)
    for table in tables:
        if table.family == "plan":
            activities += activity_records(table, release_id, financial_year)
        else:
            more_deliverables, more_quarters = deliverable_records(table, release_id, financial_year)
            deliverables += more_deliverables
            quarters += more_quarters
        rejects += reject_records(table, release_id, first_position=position[table.source] + 1)
        position[table.source] += len(table.lines)
    return {
        ACTIVITIES.name: to_arrow(ACTIVITIES, number_rows(activities)),
        DELIVERABLES.name: to_arrow(DELIVERABLES, number_rows(deliverables)),
        DELIVERABLE_QUARTERS.name: to_arrow(DELIVERABLE_QUARTERS, quarters),
        REJECTS.name: to_arrow(REJECTS, rejects),
    }


def write_staged(staged_root: Path, release_id: str, tables: list[FamilyTable]) -> None:
    """Staged: per document, every line with its role and raw cells (before normalisation)."""
    from pipeline.publish import write_parquet_atomic
    from pipeline.staging import staged_documents

    folder = Path(staged_root) / release_id
    for source, lines in staged_documents(tables, release_id).items():  # one file per document
        write_parquet_atomic(lines, folder / f"{source}.lines.parquet")


def process_release(folder: Path, staged_root: Path, curated_root: Path,
                    settings: Settings = Settings(), reports_root: Path | None = None,
                    data_docs: bool = True, accept_shrink: bool = False) -> ReleaseResult:
    """One release end to end. Input errors come back in the result, never half-published; a
    critical validation failure publishes nothing (curated/ keeps the previous version), nor does
    a table that shrank by more than settings.max_row_drop unless `accept_shrink`.
    Data Docs go to <reports_root>/<release>/data-docs/ (default reports_root: beside curated/)."""
    from pipeline.guard import check_shrink, sources_by_table
    from pipeline.publish import publish_release
    from pipeline.validate import validate_release

    result = ReleaseResult(release_id=Path(folder).name, folder=Path(folder))
    try:
        release = load_release(folder)
        result.release_id = release.id
        result.documents, result.warnings = extract_release(release, settings)
        financial_year = resolve_financial_year(release, result.documents)
        result.tables = normalise_release(release.id, financial_year, result.documents)
        write_staged(staged_root, release.id, result.documents)
        reports = Path(reports_root) if reports_root is not None else Path(curated_root).parent / "reports"
        result.validation = validate_release(
            release.id, financial_year, result.tables, result.documents, result.accounting(), settings,
            data_docs_dir=reports / release.id / "data-docs" if data_docs else None)
        result.tables["checks"] = result.validation.checks
        result.warnings += [finding.message for finding in result.validation.warnings]
        if not result.validation.ok:
            raise result.validation.error()
        if not accept_shrink:
            check_shrink(release.id, {name: t.num_rows for name, t in result.tables.items()}, curated_root,
                         settings.max_row_drop, sources_by_table(result.documents))
        result.published = publish_release(result.tables, release.id, curated_root)
    except AnnexError as error:
        result.error = error
        result.exit_code = error.exit_code
    except OSError as error:  # disk full, read-only curated/, a permission: not a bug in annex
        result.error = machine_error(error)
        result.exit_code = result.error.exit_code
    return result


def run(raw_root: Path, staged_root: Path, curated_root: Path, release_ids: list[str] | None = None,
        settings: Settings = Settings(), on_release: Callable | None = None, jobs: int = 1,
        force: bool = False, release_options: dict | None = None) -> list:
    """Every release under raw_root (or those named), in name order; one failing does not stop
    the others. Releases unchanged since their last publish are skipped unless `force`; `jobs`
    worker processes share the rest; `release_options` go to process_release. Returns one
    pipeline.batch.ReleaseSummary per release."""
    from pipeline.batch import failed_summary, run_batch
    from pipeline.core.release import clash_errors, discover_releases

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
                     jobs=jobs, force=force, on_release=on_release, release_options=release_options)
    by_folder = {Path(s.folder): s for s in done} | {Path(f): s for f, s in clashes.items()}
    return [by_folder[Path(f)] for f in folders]

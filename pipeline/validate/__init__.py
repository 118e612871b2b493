"""The validation gate: a release's normalised tables against one expectation suite per curated
table (Great Expectations, behind gx_adapter) plus the documents' self-checks (checks.py).

`validate_release` is pure apart from the optional Data Docs folder: tables in, a
ValidationReport out (its `checks` table is published with the others). A critical finding stops
the release (`report.error()` is the ValidationFailed to raise); warnings publish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pyarrow as pa

from pipeline.core.errors import ValidationFailed
from pipeline.core.fiscal import FinancialYear
from pipeline.core.settings import Settings
from pipeline.schema import CHECKS, CURATED_TABLES, DELIVERABLES, to_arrow
from pipeline.validate import gx_adapter
from pipeline.validate.checks import WARNING_OUTCOMES, document_checks
from pipeline.validate.chunked import chunk_outcomes
from pipeline.validate.docs_page import write_summary_page
from pipeline.validate.frames import validation_frame
from pipeline.validate.results import ExpectationOutcome, Finding, finding_of
from pipeline.validate.suites import load_suites, suite_parameters

__all__ = ["ValidationReport", "ReleaseTables", "validate_release", "validate_releases", "Finding",
           "ExpectationOutcome"]


@dataclass
class ValidationReport:
    release: str
    outcomes: list[ExpectationOutcome] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    checks: pa.Table | None = None
    data_docs: Path | None = None  # the entry page of this run's Data Docs, when built

    @property
    def critical(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "critical"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "critical"]

    @property
    def ok(self) -> bool:
        return not self.critical

    @property
    def evaluated(self) -> int:
        return len(self.outcomes)

    def to_dict(self) -> dict:
        """The verdict as plain JSON values (for run records and summaries)."""
        return {"outcome": "passed" if self.ok else "failed", "ok": self.ok,
                "evaluated": self.evaluated,
                "failed_expectations": [f.message for f in self.critical],
                "warnings": [f.message for f in self.warnings]}

    def error(self) -> ValidationFailed | None:
        """The error that stops this release, naming each failed critical rule and its rows."""
        if self.ok:
            return None
        lines = "\n".join(f"  - {f.message}" for f in self.critical)
        fix = "correct the document (or the code) and rerun; the release's previous curated version is kept"
        if self.data_docs is not None:
            fix += f"; details in {self.data_docs}"
        return ValidationFailed(f"release {self.release}",
                                f"{len(self.critical)} critical validation failure(s), nothing published:\n{lines}",
                                fix=fix)


@dataclass(frozen=True)
class ReleaseTables:
    """What validation needs of one release: its normalised tables (by curated table name), its
    documents (family tables, for their totals statements) and their accounting
    (pipeline.flow.accounting)."""

    release: str
    financial_year: FinancialYear
    tables: dict[str, pa.Table]
    documents: Sequence
    accounting: list[dict]


@dataclass
class _Prepared:
    """A release ready for the expectations: its checks table, frames and suite parameters."""

    item: ReleaseTables
    checks: pa.Table
    tables: dict[str, pa.Table]  # the curated tables present, checks included
    findings: list[Finding]  # found before any expectation ran (a table missing)
    parameters: dict


def validate_release(release: str, financial_year: FinancialYear, tables: dict[str, pa.Table],
                     documents: Sequence, accounting: list[dict], settings: Settings = Settings(),
                     data_docs_dir: Path | None = None, suites: dict[str, dict] | None = None,
                     ) -> ValidationReport:
    """Check one release's normalised tables (by curated table name) and its documents (family
    tables, for their totals statements; `accounting` as pipeline.flow.accounting()).

    Returns the report, with the `checks` table to publish beside the others."""
    suites = suites if suites is not None else load_suites()
    prepared = _prepare(ReleaseTables(release, financial_year, tables, documents, accounting), settings)
    frames = {name: validation_frame(prepared.tables[name]) for name in suites if name in prepared.tables}
    outcomes, pages = gx_adapter.run_suites(frames, suites, prepared.parameters, run_name=release,
                                            data_docs_dir=data_docs_dir)
    report = _report(prepared, outcomes)
    if data_docs_dir is not None:

        report.data_docs = write_summary_page(data_docs_dir, release, outcomes, report.findings, pages)
    return report


def validate_releases(items: Sequence[ReleaseTables], settings: Settings = Settings(),
                      suites: dict[str, dict] | None = None) -> list[ValidationReport]:
    """Validate many releases with one Great Expectations run per curated table (and per set of
    releases sharing their row-level bounds, i.e. their financial year), instead of one run per
    table and release. Each report is the one validate_release gives for that release alone, so
    a broken release is refused alone (see pipeline/validate/chunked.py for how)."""
    suites = suites if suites is not None else load_suites()
    prepared = [_prepare(item, settings) for item in items]
    outcomes = chunk_outcomes([(p.item.release, p.tables, p.parameters) for p in prepared], suites)
    return [_report(p, outcomes[p.item.release]) for p in prepared]


def _prepare(item: ReleaseTables, settings: Settings) -> _Prepared:
    checks = to_arrow(CHECKS, _check_records(item.release, item.tables, item.documents, item.accounting,
                                             document_checks))
    all_tables = {**item.tables, CHECKS.name: checks}
    findings = [Finding("critical", name, "table present", "the release produced no such table")
                for name in CURATED_TABLES if name not in all_tables]
    documents_by_family: dict[str, list[str]] = {}
    for doc in item.documents:
        documents_by_family.setdefault(doc.family, []).append(doc.source)
    deliverables = all_tables.get(DELIVERABLES.name)
    parameters = suite_parameters(item.financial_year, settings.date_margin_days, documents_by_family,
                                  deliverables.num_rows if deliverables is not None else 0)
    return _Prepared(item, checks, all_tables, findings, parameters)


def _report(prepared: _Prepared, outcomes: list[ExpectationOutcome]) -> ValidationReport:
    findings = list(prepared.findings)
    findings += [finding_of(o) for o in outcomes if o.failed]
    findings += _check_findings(prepared.checks.to_pylist(), WARNING_OUTCOMES)
    return ValidationReport(prepared.item.release, list(outcomes), findings, prepared.checks)


def _check_records(release, tables, documents, accounting, document_checks) -> list[dict]:
    def rows(name: str) -> list[dict]:
        table = tables.get(name)
        return table.to_pylist() if table is not None else []

    totals = {doc.source: (doc.family, tuple(doc.totals)) for doc in documents if doc.totals}
    return document_checks(release, totals, rows("activities"), rows("deliverables"),
                           rows("deliverable_quarters"), accounting)


def _check_findings(records: list[dict], warning_outcomes: tuple[str, ...]) -> list[Finding]:
    """Unbalanced row accounting is critical (a line was lost or counted twice); a document that
    disagrees with itself is a warning: its rows are published as printed."""
    out = []
    for record in records:
        if record["check"] == "row_accounting" and record["outcome"] != "match":
            severity = "critical"
        elif record["outcome"] in warning_outcomes:
            severity = "warning"
        else:
            continue
        out.append(Finding(severity, f"checks ({record['document']})",
                           f"{record['check']} of {record['subject']!r}", record["detail"]))
    return out

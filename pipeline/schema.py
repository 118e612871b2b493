"""The curated tables' schemas, declared once: the writer, the expectation suites, the docs and
the report all read them from here. Each field carries its description in the Parquet metadata.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from pipeline.core.flags import ACTIVITY_FLAGS, DELIVERABLE_FLAGS, QUARTER_FLAG, flags_in

SCHEMA_VERSION = "1"
# The release id is stored in each file *and* named by the hive folder release=<id>. Dictionary
# encoding is what pyarrow infers for a hive key, so both agree and pandas/Polars/DuckDB can read a
# whole table folder (plain strings would clash with the folder key); a single file still has it.
RELEASE_TYPE = pa.dictionary(pa.int32(), pa.string())


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = True

    def field(self) -> pa.Field:
        return pa.field(self.name, self.type, nullable=self.nullable,
                        metadata={"description": self.description})


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # unique per release

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([c.field() for c in self.columns],
                         metadata={"table": self.name, "description": self.description,
                                   "schema_version": SCHEMA_VERSION})

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _listed(column: str) -> str:
    """The flags a column can hold, for its description (pipeline.core.flags is the one list)."""
    return ", ".join(flags_in(column))


_PROVENANCE = (
    Column("release", RELEASE_TYPE, "Release id: the folder under raw/ the document came from.", False),
    Column("source_file", pa.string(), "Document file name within its release folder.", False),
    Column("source_page", pa.int32(), "Page of the source document the row starts on (1-based; "
           "text dumps count pages by the repeated header; Word documents, which have no fixed pages: "
           "the ordinal of the Word table the row is in; Excel workbooks: the position of the sheet "
           "in the workbook, hidden sheets counted).", False),
    Column("row_number", pa.int32(), "Position of the row in this table of the release (1-based, in "
           "document order); with release, the table's key.", False),
)

ACTIVITIES = TableSpec(
    name="activities",
    description="One row per activity of an improvement plan (plan family).",
    key=("release", "row_number"),
    columns=_PROVENANCE + (
        Column("activity", pa.string(), "Activity as printed, wrapped lines joined.", False),
        Column("duration_days", pa.float64(), "Length in days read from the activity text, e.g. "
               "'(2 days)', '(1day)', '2 days TBC', '(half day)' = 0.5; null when not stated."),
        Column("date_text", pa.string(), "Date cell as printed ('' when blank).", False),
        Column("date_start", pa.date32(), "First day of the activity (inclusive); null when the "
               "date could not be read (see date_precision)."),
        Column("date_end", pa.date32(), "Last day of the activity (inclusive); a month-only date ends "
               "on the month's last day."),
        Column("date_precision", pa.string(), "How precise the date is: day, day_range, month, "
               "month_range, quarter, year, or unknown (not readable; text kept in date_text).", False),
        Column("status", pa.string(), "Status flag from the date cell or the activity text: completed, "
               "confirmed, tbc (incl. provisional), deferred (postponed, on hold, rescheduled: not happened, "
               "date not settled; the date is the new one when written, e.g. 'Deferred to Q4'), cancelled, "
               "or planned (no flag).", False),
        Column("audience_text", pa.string(), "Target audience as printed ('' when blank).", False),
        Column("audience", pa.string(), "Target audience with the document key's abbreviations "
               "expanded (PHs -> portfolio holders) and the size removed; null when blank."),
        Column("audience_size", pa.int32(), "Number of people from '(15)' in the audience; null when "
               "not stated."),
        Column("business_plan_link", pa.string(), "Business plan priority the activity links to; null "
               "when blank."),
        Column("flags", pa.list_(pa.string()), "Problems found while normalising the row: "
               f"{_listed(ACTIVITY_FLAGS)}; empty when clean (each explained under Flags in the data dictionary).", False),
    ),
)

DELIVERABLES = TableSpec(
    name="deliverables",
    description="One row per deliverable of a delivery tracker (tracker family).",
    key=("release", "row_number"),
    columns=_PROVENANCE + (
        Column("financial_year", pa.string(), "Financial year the tracker covers, e.g. '2015/16'.", False),
        Column("theme", pa.string(), "Theme heading the deliverable sits under; null before any theme."),
        Column("deliverable_id", pa.string(), "Stable id of the deliverable across releases: a hash of "
               "its normalised text (case, spacing and punctuation ignored).", False),
        Column("deliverable", pa.string(), "Deliverable as printed, wrapped lines joined.", False),
        Column("target", pa.int64(), "Target for the year; null when not a whole number (see flags)."),
        Column("total", pa.int64(), "Total delivered as printed; null when blank or not a number."),
        Column("pct_achieved", pa.float64(), "Percentage achieved as printed (31% -> 31.0), not "
               "recomputed; null when blank or unreadable."),
        Column("commentary", pa.string(), "Commentary/forecast as printed; null when blank."),
        Column("flags", pa.list_(pa.string()), "Problems found while normalising the row: "
               f"{_listed(DELIVERABLE_FLAGS)}; empty when clean (each explained under Flags in the data dictionary).", False),
    ),
)

DELIVERABLE_QUARTERS = TableSpec(
    name="deliverable_quarters",
    description="Four rows per deliverable: the count delivered in each quarter of the financial year.",
    key=("release", "deliverable_id", "quarter"),
    columns=(
        Column("release", RELEASE_TYPE, "Release id.", False),
        Column("deliverable_id", pa.string(), "Deliverable (see deliverables.deliverable_id).", False),
        Column("quarter", pa.int8(), "Quarter of the financial year, 1 (April-June) to 4 (January-March).",
               False),
        Column("period_start", pa.date32(), "First day of the quarter.", False),
        Column("period_end", pa.date32(), "Last day of the quarter.", False),
        Column("value_text", pa.string(), "Cell as printed ('' when blank, 'n/a' kept).", False),
        Column("delivered", pa.int64(), "Count delivered in the quarter; null for blank, n/a or text "
               "that is not an unambiguous number (see value_flag)."),
        Column("value_flag", pa.string(), "Why delivered is null or approximate: "
               f"{_listed(QUARTER_FLAG)}; null when a plain number (each explained under Flags in the data dictionary)."),
    ),
)

REJECTS = TableSpec(
    name="rejects",
    description="Source lines that could not be read as data, kept with the reason (nothing is "
    "dropped silently).",
    key=("release", "source_file", "line"),
    columns=(
        Column("release", RELEASE_TYPE, "Release id.", False),
        Column("source_file", pa.string(), "Document file name.", False),
        Column("source_page", pa.int32(), "Page of the line (Word: table ordinal; Excel: sheet "
               "position; as activities.source_page).", False),
        Column("line", pa.int32(), "Line (text dump) or row position (PDF, Word, Excel) within the "
               "document.", False),
        Column("family", pa.string(), "Family of the document's table.", False),
        Column("text", pa.string(), "The line's cells as printed, tab-separated.", False),
        Column("reason", pa.string(), "Why the line is not a data row.", False),
    ),
)

# stated/computed are doubles, not text: one numeric type serves every check (half days, 67.5%),
# so analysts can filter and subtract without parsing; the printed words stay in subject/detail.
CHECKS = TableSpec(
    name="checks",
    description="The documents' own statements checked against their rows (stated totals, % achieved, "
    "quarter values against the total) and each document's row accounting. A mismatch is reported "
    "with both numbers; the data is never corrected to agree.",
    key=("release", "document", "check", "subject"),
    columns=(
        Column("release", RELEASE_TYPE, "Release id.", False),
        Column("document", pa.string(), "Document file name the check is about.", False),
        Column("check", pa.string(), "What was checked: stated_total, pct_achieved, quarters_vs_total "
               "or row_accounting.", False),
        Column("subject", pa.string(), "What it was checked for: the totals statement as printed "
               "(stated_total), the deliverable_id (pct_achieved, quarters_vs_total) or the document "
               "(row_accounting).", False),
        Column("stated", pa.float64(), "The number the document states: from the statement ('41 days' "
               "-> 41), % achieved, the deliverable's total, or the input lines; null when not stated."),
        Column("computed", pa.float64(), "The number computed from the rows to compare with stated; null "
               "when there is nothing to compute from."),
        Column("outcome", pa.string(), "match, mismatch, additive (total = sum of the quarters), "
               "cumulative (total = latest or largest quarter), inconsistent, or not_comparable.", False),
        Column("detail", pa.string(), "How computed was computed and compared, in words.", False),
    ),
)

CURATED_TABLES: dict[str, TableSpec] = {
    t.name: t for t in (ACTIVITIES, DELIVERABLES, DELIVERABLE_QUARTERS, REJECTS, CHECKS)
}


def to_arrow(spec: TableSpec, records: list[dict]) -> pa.Table:
    """Records -> an Arrow table of exactly the declared schema (missing keys are null)."""
    columns = {c.name: [r.get(c.name) for r in records] for c in spec.columns}
    return pa.Table.from_pydict(columns, schema=spec.schema)


def schema_markdown() -> str:
    """The curated tables as Markdown (README's schema section and the data dictionary)."""
    lines = []
    for spec in CURATED_TABLES.values():
        lines += [f"### `{spec.name}`", "", f"{spec.description} Key: {', '.join(spec.key)}.", "",
                  "| column | type | description |", "|---|---|---|"]
        for column in spec.columns:
            kind = "string (dictionary)" if column.type == RELEASE_TYPE else str(column.type)
            lines.append(f"| `{column.name}` | {kind}{'' if column.nullable else ', not null'} | "
                         f"{column.description} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"

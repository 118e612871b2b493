"""A document's `table:` hints from release.yaml applied to the tables its reader found: which
pages (Word: table ordinals, Excel: sheet positions), which table, how many header rows. The
`columns:` hint is the family layer's (pipeline.families.columns). Every error names the hint.

Pure functions over LogicalTable values; pipeline.extract.reader.read_tables calls apply_table_hint.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from pipeline.core.errors import DocumentError
from pipeline.core.model import LineKind, LogicalTable, SourceRow
from pipeline.core.release import TableHint

_SHOW = "`annex tables FILE` prints the tables found, numbered in reading order"


def apply_table_hint(tables: Sequence[LogicalTable], hint: TableHint | None, source: str,
                     by_ordinal: bool = False) -> list[LogicalTable]:
    """The tables the hint keeps, header re-split. `by_ordinal`: the tables' `pages` are Word
    table ordinals or Excel sheet positions, filtered here (a PDF reader is given the pages)."""
    tables = list(tables)
    if hint is None:
        return tables
    if by_ordinal and hint.pages is not None:
        tables = on_pages(tables, hint, source)
    if hint.index is not None:
        tables = [chosen(tables, hint, source)]
    if hint.header_rows is not None:
        tables = [with_header_rows(t, hint.header_rows, source) for t in tables]
    return tables


def on_pages(tables: list[LogicalTable], hint: TableHint, source: str) -> list[LogicalTable]:
    """The tables on the hint's pages (any page of theirs among them)."""
    wanted = set(hint.pages or ())
    kept = [t for t in tables if wanted & set(t.pages)]
    if not kept:
        found = sorted({p for t in tables for p in t.pages})
        raise DocumentError(source, f"table: pages {hint.pages_text!r} in release.yaml selects no table "
                            f"(tables are at {', '.join(map(str, found)) or 'none'})",
                            fix=f"set pages to where the table is ({_SHOW})")
    return kept


def chosen(tables: list[LogicalTable], hint: TableHint, source: str) -> LogicalTable:
    """The hint's index-th table; the others are left out on the manifest's word, and the kept
    table says so (its `skipped` sentences reach the run summary as warnings)."""
    index = hint.index or 1
    where = f" on pages {hint.pages_text}" if hint.pages_text else ""
    if index > len(tables):
        raise DocumentError(source, f"table: index {index} in release.yaml, but {len(tables)} table(s) "
                            f"found{where}", fix=f"choose index 1-{len(tables)} ({_SHOW})")
    table = tables[index - 1]
    others = [str(n) for n in range(1, len(tables) + 1) if n != index]
    if others:
        note = (f"table(s) {', '.join(others)} of {len(tables)}{where} left out: release.yaml keeps "
                f"table {index} (table: index)")
        table = replace(table, skipped=(*table.skipped, note))
    return table


def _key(row: SourceRow) -> tuple[str, ...]:
    return tuple(" ".join(c.casefold().split()) for c in row.cells)


def with_header_rows(table: LogicalTable, count: int, source: str) -> LogicalTable:
    """The table with its first `count` rows (header and body rows, in order) as its header and
    the rest as body; a later row repeating a header row is a repeated header (after a page
    break). Title rows, notes and debris keep their kind."""
    rows = [i for i, r in enumerate(table.lines) if r.kind in (LineKind.HEADER, LineKind.BODY)]
    if count >= len(rows):
        raise DocumentError(source, f"table: header_rows {count} in release.yaml, but the table "
                            f"has {len(rows)} row(s): no body would be left",
                            fix=f"count the rows of the header again ({_SHOW})")
    header = set(rows[:count])
    header_keys = {_key(table.lines[i]) for i in header}
    old_count = len(table.header_rows)
    lines = []
    for i, row in enumerate(table.lines):
        if i in header:
            kind = LineKind.HEADER
        elif row.kind in (LineKind.HEADER, LineKind.BODY):
            kind = LineKind.REPEATED_HEADER if _key(row) in header_keys else LineKind.BODY
        else:
            kind = row.kind
        lines.append(replace(row, kind=kind) if kind is not row.kind else row)
    # a span of an old header row still holds when that row is still a header row
    spans = tuple(s for s in table.header_spans if s[0] < min(count, old_count))
    return replace(table, lines=tuple(lines), header_spans=spans)

"""A whole document read as families: every logical table of it, and every line of each.

The generic reader may hand over several tables for one document: the annex, a budget table in the
report above it, or a page of the annex it could not join to the page before (its columns drawn a
little differently, its repeated header misread). Here, knowing the families:

- a table of no known family right after a family table, on the next page, with the same columns,
  is that table's continuation (header or not): its rows are the family table's rows;
- any other table of no known family in a document that holds a family table is kept whole as
  rejects with a reason naming it (a warning alone would drop its rows);
- every family table carries the number of lines the reader gave for the whole document, so the
  row accounting covers the document, not only the tables that were understood.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from pipeline.core.errors import DocumentError
from pipeline.core.model import Box, LineKind, LogicalTable, SourceRow
from pipeline.families.columns import (FAMILY_BY_NAME, ColumnMapping, HeaderMismatch, columns_hint, detect_family,
                                       header_labels, map_columns, normalise_label)
from pipeline.families.rows import FamilyTable, LineRole, Role, map_rows

# columns of two tables are the same column when their text overlaps by this share of the narrower
_COLUMN_OVERLAP = 0.5

_KEPT_ROLES = {LineKind.BLANK: Role.BLANK, LineKind.NOTE: Role.NOTE, LineKind.DEBRIS: Role.DEBRIS}


@dataclass(frozen=True)
class DocumentTables:
    """A document's family tables (tables of no known family included, as rejects) and what the
    run summary should say about them."""

    tables: tuple[FamilyTable, ...]
    warnings: tuple[str, ...] = ()


def read_document(tables: Sequence[LogicalTable], family: str | None = None,
                  source: str | None = None, columns: Mapping[str, str] | None = None) -> DocumentTables:
    """Every logical table of one document (`source`) read as its family (`family`: the one the
    manifest names, else detected per table; `columns`: the manifest's printed header -> family
    column hint).

    Raises the error of the table nearest a family when no table is of a known family (a
    DocumentError when there is no table at all, or when a `columns` hint names no printed header)."""
    source = source or (tables[0].source if tables else "document")
    if not tables:
        raise DocumentError(source, "no table found", fix="check the document holds the annex table")
    check_columns_hint(tables, columns or {}, source)
    read: list[ColumnMapping | HeaderMismatch] = []
    for table in tables:
        try:
            read.append(detect_family(table, family, columns))
        except HeaderMismatch as error:
            read.append(error)
    if not any(isinstance(r, ColumnMapping) for r in read):
        # the table nearest a family says most about what is wrong (not, say, a budget table
        # printed above the annex)
        raise max(read, key=lambda error: error.closeness)

    # each group: a family table's mapping and its tables (the first, then continuations)
    groups: list[tuple[ColumnMapping | HeaderMismatch, list[LogicalTable], int]] = []
    for number, (table, result) in enumerate(zip(tables, read), start=1):
        last = groups[-1] if groups else None
        if (isinstance(result, HeaderMismatch) and last is not None
                and isinstance(last[0], ColumnMapping) and continues(last[1][-1], table)):
            last[1].append(table)
            continue
        groups.append((result, [table], number))

    document_family = next(r.family.name for r in read if isinstance(r, ColumnMapping))
    annex_number = next(n for r, _, n in groups if isinstance(r, ColumnMapping))
    document_lines = sum(len(t.lines) for t in tables)
    out: list[FamilyTable] = []
    warnings: list[str] = []
    for result, members, number in groups:
        if isinstance(result, ColumnMapping):
            out.append(map_rows(joined(members), result))
            continue
        rejected = rejected_table(members[0], number, document_family, result)
        count = sum(1 for line in rejected.lines if line.role is Role.REJECT)
        warnings.append(f"{source}: {rejected.rejects[0].reason if count else describe(members[0], number)}: "
                        f"its {count} row(s) are in rejects; {reject_fix(members[0], annex_number, document_family)}")
        out.append(rejected)
    return DocumentTables(tuple(replace(t, document_lines=document_lines) for t in out), tuple(warnings))


def check_columns_hint(tables: Sequence[LogicalTable], columns: Mapping[str, str], source: str) -> None:
    """Every printed header a `columns:` hint names is a header of one of the tables: a hint
    that maps nothing is a mistake to say, not to ignore."""
    printed = {normalise_label(label): label for t in tables for label in header_labels(t) if label}
    for name in columns:
        if normalise_label(name) not in printed:
            found = ", ".join(repr(label) for label in printed.values()) or "none"
            raise DocumentError(source, f"table: columns in release.yaml names {name!r}, which is no "
                                f"printed header of the document (headers found: {found})",
                                fix="write the header as it is printed, rows of a header joined by a space "
                                "(`annex tables FILE` prints them), or remove it")


def reject_fix(table: LogicalTable, annex_number: int, family: str) -> str:
    """The release.yaml hint for a table of no known family beside the annex: map its header
    when it is part of the annex, or keep the annex table alone when it is not."""
    mapping = map_columns(header_labels(table), FAMILY_BY_NAME[family])
    keep = f"table: {{index: {annex_number}}} keeps the annex table alone"
    pair = columns_hint(mapping)
    if pair is None:
        return f"fix: if it is not part of the annex, in release.yaml add under this document  {keep}"
    return (f"fix: if it is part of the annex, in release.yaml add under this document  {pair}; "
            f"if it is not, {keep}")


def describe(table: LogicalTable, number: int) -> str:
    """ "table 2 (page 3, columns: Budget line | Amount)": which table of the document it is."""
    labels = [label for label in header_labels(table) if label]
    if not labels:  # no header row: what its first row says
        first = next((r for r in table.lines if r.kind is not LineKind.NOTE and not r.is_blank()), None)
        labels = [c for c in first.cells if c] if first is not None else []
    page = min(table.pages) if table.pages else 1
    return f"table {number} (page {page}, columns: {' | '.join(labels) or 'none'})"


def rejected_table(table: LogicalTable, number: int, family: str, error: HeaderMismatch) -> FamilyTable:
    """A table of no known family as lines: the text around it classified (notes, blanks), each of
    its rows a reject whose reason names the table."""
    fits_none = error.closeness < 0.5  # under half a family's columns: not a drifted family table
    what = "is of no known family" if fits_none else f"does not fit its family: {error.cause}"
    reason = f"{describe(table, number)} {what}"
    lines = tuple(LineRole(row, _KEPT_ROLES[row.kind]) if row.kind in _KEPT_ROLES
                  else LineRole(row, Role.REJECT, reason) for row in table.lines)
    return FamilyTable(family=family, source=table.source, rows=(), lines=lines)


def continues(previous: LogicalTable, table: LogicalTable) -> bool:
    """`table` is the next page of `previous`: it starts on the page after previous ends and has
    the same columns (as many, each over the same stretch of the page)."""
    if not previous.pages or not table.pages or min(table.pages) != max(previous.pages) + 1:
        return False
    if table.width != previous.width:
        return False
    mine, theirs = column_extents(table), column_extents(previous)
    if mine is None or theirs is None:
        return False  # no cell boxes (a text dump): a dump is one table anyway
    return all(_overlap(a, b) >= _COLUMN_OVERLAP for a, b in zip(mine, theirs) if a and b)


def column_extents(table: LogicalTable) -> list[tuple[float, float] | None] | None:
    """Per column, the x extent of the table's cells in it (None for an empty column); None when
    the table has no cell boxes. Notes are left out: their text runs across the columns."""
    extents: list[tuple[float, float] | None] = [None] * table.width
    boxed = False
    for row in table.lines:
        if row.kind is LineKind.NOTE or row.boxes is None:
            continue
        for column, box in enumerate(row.boxes):
            if box is None or column >= len(extents) or not row.cells[column]:
                continue
            boxed = True
            extents[column] = _union(extents[column], box)
    return extents if boxed else None


def _union(extent: tuple[float, float] | None, box: Box) -> tuple[float, float]:
    return (box[0], box[2]) if extent is None else (min(extent[0], box[0]), max(extent[1], box[2]))


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    narrower = max(min(a[1] - a[0], b[1] - b[0]), 0.1)
    return max(shared, 0.0) / narrower


def _cell_key(row: SourceRow) -> tuple[str, ...]:
    return tuple(" ".join(c.casefold().split()) for c in row.cells)


def joined(tables: Sequence[LogicalTable]) -> LogicalTable:
    """A family table and its continuations as one table. A continuation's leading rows that
    repeat the header are repeated headers; any other row it took as its header is a body row
    (a page that prints no header starts with data)."""
    first = tables[0]
    if len(tables) == 1:
        return first
    header = {_cell_key(r) for r in first.header_rows}
    lines = list(first.lines)
    for table in tables[1:]:
        for row in table.lines:
            if row.kind in (LineKind.HEADER, LineKind.REPEATED_HEADER):
                kind = LineKind.REPEATED_HEADER if _cell_key(row) in header else LineKind.BODY
                row = replace(row, kind=kind)
            lines.append(row)
    pages = tuple(sorted({p for t in tables for p in t.pages}))
    return replace(first, lines=tuple(lines), pages=pages, rows_ruled=all(t.rows_ruled for t in tables))

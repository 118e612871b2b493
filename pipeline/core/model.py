"""The plain values data flows through (see docs/architecture): Document -> LogicalTable.

The generic table layer (text dumps and PDFs alike) produces `LogicalTable`; it knows nothing of
annex families. Family code maps its rows to named columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, page coordinates


class DocumentKind(str, Enum):
    PDF = "pdf"
    TEXT = "text"
    DOCX = "docx"  # Word (Office Open XML)
    XLSX = "xlsx"  # Excel (Office Open XML)
    DOC = "doc"  # legacy word processing (.doc, .odt): converted to .docx with LibreOffice
    XLS = "xls"  # legacy spreadsheet (.xls, .ods): converted to .xlsx with LibreOffice


@dataclass(frozen=True)
class Document:
    """A source document's bytes and where they came from."""

    name: str  # file name relative to its release folder; used as source_file
    data: bytes
    kind: DocumentKind
    path: str | None = None  # absolute path when read from disk, for messages


class LineKind(str, Enum):
    """How the generic table layer accounted for a source line/row."""

    BLANK = "blank"
    TITLE = "title"  # a title row drawn inside a ruled table's grid, above its header
    HEADER = "header"  # first occurrence of the header rows
    REPEATED_HEADER = "repeated_header"  # header repeated after a page break
    DEBRIS = "debris"  # page-break debris: stray punctuation, page numbers, header fragments
    NOTE = "note"  # text outside the table (title above, notes/key below)
    BODY = "body"  # a row inside the table, for the family layer to interpret


@dataclass(frozen=True)
class SourceRow:
    """One row of cells as the reader found it, with its provenance."""

    cells: tuple[str, ...]
    page: int  # 1-based page (text dumps: counted by repeated headers)
    line: int | None = None  # 1-based line in a text dump; None for PDFs
    line_end: int | None = None  # last line when the reader already joined a wrapped row
    boxes: tuple[Box | None, ...] | None = None  # per-cell boxes from a PDF
    kind: LineKind = LineKind.BODY
    # the typed value a spreadsheet stored behind each cell's printed text, parallel to `cells`:
    # an ISO date ("2016-03-12") for an Excel date cell, None for any other cell; None for the
    # whole row when no cell of it has one (every text-dump, PDF and Word row)
    values: tuple[str | None, ...] | None = None

    @property
    def text(self) -> str:
        return "\t".join(self.cells)

    def value(self, index: int) -> str | None:
        """The stored value behind cell `index` (see `values`), or None."""
        return self.values[index] if self.values is not None and index < len(self.values) else None

    def is_blank(self) -> bool:
        return not any(c.strip() for c in self.cells)


@dataclass(frozen=True)
class LogicalTable:
    """A table as one value: its header rows, its body rows in order, the text around it.

    `lines` holds every source row in reading order with its `kind`, so that every input line is
    accounted for; `header_rows` and `body` are views of it for convenience.
    """

    source: str
    lines: tuple[SourceRow, ...]
    pages: tuple[int, ...] = field(default=(1,))
    # column spans of header cells: (header_row_index, first_column, last_column) for cells
    # that span more than one column (text in the first, "" in the rest)
    header_spans: tuple[tuple[int, int, int], ...] = ()
    # Row boundaries are drawn (a ruled PDF table): a row is a row, whatever it leaves empty. Text
    # dumps and unruled tables only suggest rows, so wrapped lines may still need joining.
    rows_ruled: bool = False
    # what the reader left out on purpose, one sentence each (an Excel sheet's hidden rows and
    # columns): the run summary lists them as warnings, `annex tables` prints them
    skipped: tuple[str, ...] = ()

    @property
    def header_rows(self) -> tuple[SourceRow, ...]:
        return tuple(r for r in self.lines if r.kind is LineKind.HEADER)

    @property
    def body(self) -> tuple[SourceRow, ...]:
        return tuple(r for r in self.lines if r.kind is LineKind.BODY)

    @property
    def notes(self) -> tuple[SourceRow, ...]:
        return tuple(r for r in self.lines if r.kind is LineKind.NOTE)

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.lines), default=0)

"""A grid of exact cells (a Word table, an Excel sheet's used range) -> classified `SourceRow`s.

Word and Excel give the cells themselves, with their merges: no layout to guess, no wrapped lines
to join. What is left is to say which rows are the header, which are titles or notes above it,
and which repeat the header (a Word table split by a page break, its header typed again). The
rules are those of the text-dump reader (`text_dump.find_header_start`,
`is_header_continuation`), plus one a grid can tell exactly: a row into which a header cell is
vertically merged is a header row too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pipeline.core.model import LineKind, SourceRow
from pipeline.extract.text_dump import find_header_start, header_key, is_header_continuation

MAX_HEADER_ROWS = 3  # as many as the PDF layer looks for: a tracker has two


@dataclass
class Grid:
    """Cells row by row (padded to one width), each row's page, and the merges: `spans` are
    (row, first column, last column) of horizontally merged cells (text in the first, "" in the
    others); `merged_down` maps a cell covered by a vertical merge to the row the merge starts on;
    `values` holds the stored values behind printed cells (Excel's dates)."""

    rows: list[tuple[str, ...]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    spans: list[tuple[int, int, int]] = field(default_factory=list)
    merged_down: dict[tuple[int, int], int] = field(default_factory=dict)
    # (row, column) -> the typed value a spreadsheet stored behind the cell's printed text (an ISO
    # date for an Excel date cell); becomes `SourceRow.values`
    values: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def padded(self) -> list[tuple[str, ...]]:
        width = self.width
        return [r + ("",) * (width - len(r)) for r in self.rows]


def clean(text: str) -> str:
    """Whitespace as one space: a cell's paragraphs or line breaks are one wrapped cell's text."""
    return " ".join(text.split())


def classify_grid(grid: Grid, above_header: LineKind) -> tuple[list[SourceRow], list[tuple[int, int, int]]]:
    """Every row of the grid with its kind, and the header spans (header row index, first, last).

    Rows above the header are `above_header` (TITLE inside a Word table's borders, NOTE for an
    Excel sheet's lines above its table). A grid with no row that could be a header is all notes:
    the family layer then says which table it is and why it is of no family."""
    cells = grid.padded()
    valued = {row for row, _ in grid.values}
    rows = [SourceRow(cells=c, page=p, kind=LineKind.BODY,
                      values=tuple(grid.values.get((index, col)) for col in range(len(c))) if index in valued else None)
            for index, (c, p) in enumerate(zip(cells, grid.pages))]
    if not rows:
        return [], []
    # Word's "repeat as header row" mark is not used: authors mark a title row with it, or only
    # the first of two header rows, so the header is found from the cells as for other formats.
    start = find_header_start(rows)
    if start is None:
        return [_blank_or(r, LineKind.NOTE) for r in rows], []
    end = start + 1
    while end < len(rows) and end - start < MAX_HEADER_ROWS and (
            any(start <= grid.merged_down.get((end, col), -1) < end for col in range(grid.width))
            or is_header_continuation(rows[start], rows[end])):
        end += 1
    header = rows[start:end]
    out: list[SourceRow] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if index < start:
            out.append(_blank_or(row, above_header))
        elif index < end:
            out.append(_with(row, LineKind.HEADER))
        elif row.is_blank():
            out.append(_with(row, LineKind.BLANK))
        elif header_key(row.cells) == header_key(header[0].cells):
            # the header typed again (a table continued after a page break): it and the header
            # rows that follow it are repeats, not data
            out.append(_with(row, LineKind.REPEATED_HEADER))
            for extra in header[1:]:
                if index + 1 < len(rows) and header_key(rows[index + 1].cells) == header_key(extra.cells):
                    index += 1
                    out.append(_with(rows[index], LineKind.REPEATED_HEADER))
        else:
            out.append(row)
        index += 1
    spans = [(row - start, first, last) for row, first, last in grid.spans if start <= row < end]
    return out, spans


def _with(row: SourceRow, kind: LineKind) -> SourceRow:
    return replace(row, kind=kind)


def _blank_or(row: SourceRow, kind: LineKind) -> SourceRow:
    return _with(row, LineKind.BLANK if row.is_blank() else kind)


def note_row(text: str, page: int, width: int) -> SourceRow:
    """Text outside a table (a Word paragraph) as a note line in the table's first column."""
    return SourceRow(cells=(clean(text),) + ("",) * (max(width, 1) - 1), page=page, kind=LineKind.NOTE)

"""Page pieces -> logical tables: a table continued on the next page with the same columns is
one table; its repeated header rows are marked; notes go to the nearest table; every row becomes
a SourceRow with its kind, page and cell boxes."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from pipeline.core.model import LineKind, LogicalTable, SourceRow
from pipeline.extract.pdf.columns import coarsening, columns_match
from pipeline.extract.pdf.headers import (
    column_kinds,
    header_count,
    is_numeric,
    join_wrapped_header_cells,
    raise_cells_spanning_rows,
    repeated_prefix,
    same_row,
    spans_from_fills,
    title_rows,
    widen_header_spans,
)
from pipeline.extract.pdf.layout import Word, join_cells, median_line_height
from pipeline.extract.pdf.page import is_caption
from pipeline.extract.pdf.pieces import Interval, PageNote, PageTable, Row
from pipeline.extract.pdf.rows import build_row, fits_on_line_above
from pipeline.extract.pdf.settings import TableSettings

PageItem = PageTable | PageNote


def fitted(first: PageTable, piece: PageTable, settings: TableSettings) -> PageTable | None:
    """`piece` in the columns of `first` when it continues that table, else None.

    An unruled piece may show fewer columns (a column empty on that page): its rows are rebuilt
    in the first piece's columns when its own columns line up with them, or when, so rebuilt,
    it opens with a row of the first piece's header (the header repeated over a page holding
    too few body rows to show the columns: its own were guessed from one or two lines). A sheet
    bordered round its header only goes on unruled: the header box's table (ruled, with its
    unruled body's lines) is continued by unruled pieces, rebuilt in its columns.
    """
    if piece.ruled != first.ruled and not (first.ruled and first.lines and not piece.ruled):
        return None  # a ruled table with lines is a header box over an unruled body (page.join_header_boxes)
    if columns_match(piece.columns, first.columns, settings.column_overlap) and piece.ruled == first.ruled:
        return piece
    if piece.ruled:
        return None
    rows = tuple(build_row(row.lines, first.columns, settings) for row in piece.rows)
    repeated, header = _repeated_header(first, piece, settings.max_header_rows, settings.align_tolerance)
    if repeated and not (repeated == len(header) and all(map(same_row, rows[:repeated], header))):
        rows = header + rows[repeated:]  # the header repeated, cut otherwise on this page
    if not coarsening(piece.columns, first.columns, settings.column_overlap) and not (
            rows and any(same_row(rows[0], row) for row in first.rows[:settings.max_header_rows])):
        return None
    return PageTable(page=piece.page, bbox=piece.bbox, columns=first.columns, rows=rows, ruled=False,
                     lines=piece.lines)


def _words_in_order(rows: Sequence[Row]) -> list[Word]:
    return sorted((w for row in rows for line in row.lines for w in line.words), key=lambda w: (round(w.top), w.x0))


def _repeated_header(first: PageTable, piece: PageTable, most: int, tolerance: float) -> tuple[int, tuple[Row, ...]]:
    """(m, first's leading rows moved to where the piece prints them) when the piece's first m
    rows print the same words, line by line and left to right, each moved by one offset (within
    `tolerance`), as some of first's leading rows (up to `most`): the header repeated on the
    page. The piece's own rows for it may be cut otherwise (on a page whose few body rows leave
    columns empty, a group label widens the one column under it that shows figures, and the
    header's lines are grouped in those columns), so first's rows stand for them; else (0, ())."""
    if not first.lines:
        return 0, ()
    wanted = {key: j for j in range(1, min(most, len(first.rows)) + 1)
              if (key := tuple(w.text for w in _words_in_order(first.rows[:j])))}  # a ruled row holds no lines
    for m in range(min(most, len(piece.rows)), 0, -1):
        words = _words_in_order(piece.rows[:m])
        j = wanted.get(tuple(w.text for w in words))
        if not j:
            continue
        shifts = {(w.x0 - v.x0, w.top - v.top) for w, v in zip(words, _words_in_order(first.rows[:j]))}
        dx, dy = next(iter(shifts))
        if all(abs(x - dx) <= tolerance and abs(y - dy) <= tolerance for x, y in shifts):
            return m, tuple(_moved(row, dx, dy) for row in first.rows[:j])
        return 0, ()
    return 0, ()


def _moved(row: Row, dx: float, dy: float) -> Row:
    boxes = tuple(None if b is None else (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy) for b in row.boxes)
    return replace(row, boxes=boxes, top=row.top + dy, bottom=row.bottom + dy)


def stacked_under(previous: PageTable, item: PageTable, settings: TableSettings) -> bool:
    """`item` is a ruled grid drawn right under the ruled grid `previous` on the same page, its
    top ruling on the other's bottom one: a table's part drawn as a grid of its own (under a
    repeated header, a few points aside: ruled.grid_bands) continues the table as a next page
    would. Two tables are never drawn touching; a grid apart from the one above is a table."""
    return (item.ruled and previous.ruled and item.page == previous.page
            and abs(item.bbox[1] - previous.bbox[3]) <= settings.grid_tolerance)


def _gap_to(note: PageNote, table: PageTable) -> float:
    if note.line.bottom <= table.bbox[1]:
        return table.bbox[1] - note.line.bottom
    return max(note.top - table.bbox[3], 0.0)


def group_items(pages: Sequence[Sequence[PageItem]], settings: TableSettings) -> list[list[PageItem]]:
    """Items of all pages grouped per logical table, in reading order; notes attached to the
    nearer table on their page (titles above, footnotes below), or to the table running
    across the page break."""
    groups: list[list[PageItem]] = []
    pending: list[PageNote] = []
    for items in pages:
        first_on_page = True
        for item in items:
            if isinstance(item, PageNote):
                pending.append(item)
                continue
            previous = _last_table(groups[-1]) if groups else None
            piece = None
            if previous is not None and ((first_on_page and item.page == previous.page + 1
                                          and not _new_caption(pending, item.page))
                                         or (not pending and stacked_under(previous, item, settings))):
                piece = fitted(_first_table(groups[-1]), item, settings)
            if piece is None and item.weak:
                pending.extend(PageNote(item.page, line) for line in item.lines)  # not a table alone
                continue
            if piece is not None:
                groups[-1].extend(pending)
                groups[-1].append(piece)
            else:
                before = [n for n in pending if previous is not None and _belongs_before(n, previous, item)]
                if groups:
                    groups[-1].extend(before)
                groups.append([n for n in pending if n not in before] + [item])
            pending = []
            first_on_page = False
    if pending:
        if groups:
            groups[-1].extend(pending)
        else:
            groups.append(list(pending))
    return groups


# a caption that says its table goes on: "Table 4 (continued)", "Table 4 cont.", "(cont'd)"
_CONTINUED = re.compile(r"\bcont(?:inued|inues|\.|'d|d)?\b", re.IGNORECASE)


def _new_caption(notes: Sequence[PageNote], page: int) -> bool:
    """A caption ("Table 8.15 - Foreign turnover", "Figure 2.3: ...") stands on `page` above the
    table that opens it: that table is the one the caption names, not the rest of the table on
    the page before, whatever its columns; unless the caption says its table continues."""
    return any(note.page == page and is_caption(note.line) and not _CONTINUED.search(note.line.text)
               for note in notes)


def _belongs_before(note: PageNote, previous: PageTable, table: PageTable) -> bool:
    """A note between two tables belongs to the earlier one when on an earlier page (footnote,
    page furniture) or nearer to it on the same page. A note set beside the earlier table, within
    its height, is not its (the caption of a table set side by side with it, a little lower)."""
    if note.page != table.page:
        return True
    beside = ((note.line.x0 >= previous.bbox[2] or note.line.x1 <= previous.bbox[0])
              and note.top < previous.bbox[3] and note.line.bottom > previous.bbox[1])
    return note.page == previous.page and not beside and _gap_to(note, previous) < _gap_to(note, table)


def _tables(group: Sequence[PageItem]) -> list[PageTable]:
    return [i for i in group if isinstance(i, PageTable)]


def _first_table(group: Sequence[PageItem]) -> PageTable:
    return _tables(group)[0]


def _last_table(group: Sequence[PageItem]) -> PageTable | None:
    tables = _tables(group)
    return tables[-1] if tables else None


def note_row(note: PageNote, width: int) -> SourceRow:
    return SourceRow(
        cells=(note.line.text,) + ("",) * (width - 1),
        page=note.page,
        boxes=(note.box,) + (None,) * (width - 1),
        kind=LineKind.NOTE,
    )


def table_row(row: Row, page: int, kind: LineKind) -> SourceRow:
    return SourceRow(cells=row.cells, page=page, boxes=row.boxes, kind=kind)


def mend_word_over_page_break(above: Row, below: Row) -> tuple[Row, Row]:
    """A row split over a page break with a word cut at its page's last line: the word's end,
    the first word of the cell's part on the next page, moves up to it ("authoriti" / "es to
    manage" -> "authorities" / "to manage"), so that the row's parts, joined with a space when
    read, keep the word whole. Returns the rows as mended (`below` may be left empty).
    Only a partial row is the rest of a row: a row broken over the page leaves empty there the
    cells that ended on the page before, while a row filling every cell filled above is a row of
    its own (a one-word cell such as "growth" over "growth" says nothing of the cell's edge)."""
    if not set(below.filled) < set(above.filled):
        return above, below
    upper, lower = list(above.cells), list(below.cells)
    for column in range(min(len(upper), len(lower))):
        top, bottom = above.end(column), below.end(column)
        if not (upper[column] and lower[column] and top and bottom and top.joins(bottom)):
            continue
        head, _, rest = lower[column].partition(" ")
        upper[column] += head
        lower[column] = rest
    if upper == list(above.cells):
        return above, below
    return replace(above, cells=tuple(upper)), replace(below, cells=tuple(lower))


def _fits_in_ruled_cell(above: Row, below: Row, column: int, columns: Sequence[Interval],
                        settings: TableSettings) -> bool:
    """Whether the first word of `below`'s cell would have fitted after the last line of
    `above`'s cell, inside the cell's text area: its right ruling less the padding the table's
    cells share (ruled.table_padding, the indent of its flush-left text: a word crossing that
    edge did not fit). Where no text shows the padding the ruling is the limit."""
    top, bottom = above.end(column), below.end(column)
    if top is None or bottom is None or not top.last_line:
        return True
    word = bottom.first
    end = top.last_line[-1].x1 + settings.fit_space_em * word.size + (word.x1 - word.x0)
    limit = columns[column][1] if top.right is None else min(columns[column][1], top.right)
    return end <= limit


def _ended_above_bottom(above: Row, column: int, settings: TableSettings) -> bool:
    """Whether `above`'s cell in `column` ended with room for more lines under its last one
    inside the row (`ended_room_lines`): a cell going on over the page fills its part down to
    the row's bottom (less its padding, taken as deep as the padding above its first line, and
    a line that widow control moved on), so a cell ending higher ended there, whatever its
    words' widths say."""
    ends = above.end(column)
    if ends is None or not ends.last_line:
        return False
    padding = max(ends.first.top - above.top, 0.0)
    last_bottom = max(w.bottom for w in ends.last_line)
    line = max(w.bottom - w.top for w in ends.last_line)
    return above.bottom - padding - last_bottom >= settings.ended_room_lines * line


def continues_over_page(above: Row, below: Row, columns: Sequence[Interval], settings: TableSettings,
                        ruled: bool = False) -> bool:
    """`below`, the first body row of a table's next page, is the rest of `above`, the last row
    of the page before, broken over the page (Word and Writer let a row break; a ruled table
    then draws the rulings around both parts, so a ruling does not tell): it fills only cells
    `above` filled, and its first word in each cell would not have fitted on the cell's last
    line above (the word processor wrapped it there, then broke the page). A tail whose words
    would have fitted is a row of its own. In an unruled table a tail that leaves the first cell
    empty that `above` filled is the rest of it too (a row always starts with its first cell);
    a ruled table may leave a first cell empty under a spanning theme, so there only the
    wrapping tells. One-cell rows of the first column are rows (headings, a totals caption), as
    rows.starts_new_row takes them on a page. A cell above holding a figure is complete."""
    mine, started = set(below.filled), set(above.filled)
    if not mine or not mine <= started:
        return False
    if any(is_numeric(above.cells[c].replace(" ", "")) for c in mine):  # "20 922": digit groups
        return False  # a figure does not wrap: its cell ended on the page before
    if mine == started == {0}:
        return False  # one-cell rows (headings, a totals caption): taken as rows, as on a page
    if ruled:
        if above.open_below:
            return True  # the grid left the row open: it goes on
        return not any(_fits_in_ruled_cell(above, below, column, columns, settings)
                       or _ended_above_bottom(above, column, settings) for column in mine)
    if not below.lines or not above.lines:
        return False
    if 0 not in mine and 0 in started:
        return True
    last, first = above.lines[-1], below.lines[0]
    return not any(fits_on_line_above(last, first, column, columns, settings) for column in mine)


def join_rows(above: Row, below: Row) -> Row:
    """One row from a row and the rest of it below (each cell's text joined as wrapped lines)."""
    cells = tuple(join_cells(a, above.end(c), b, below.end(c)) if a and b else a or b
                  for c, (a, b) in enumerate(zip(above.cells, below.cells)))
    return replace(above, cells=cells, lines=above.lines + below.lines, open_below=below.open_below)


def drop_empty_columns(lines: Sequence[SourceRow], spans: Sequence[tuple[int, int, int]]
                       ) -> tuple[list[SourceRow], list[tuple[int, int, int]]]:
    """The columns of a logical table in which no row has text left out: the grid of a ruled
    table drawn with bars or many short segments shows column boundaries that no cell uses.
    Done on the whole logical table, after its pages are joined, so that a page whose columns
    are empty there still matches the columns of the page before. Spans are remapped."""
    width = max((len(row.cells) for row in lines), default=0)
    keep = [c for c in range(width) if any(c < len(row.cells) and row.cells[c] for row in lines)]
    if len(keep) == width or not keep:
        return list(lines), list(spans)
    new_index = {c: i for i, c in enumerate(keep)}

    def remap(col: int) -> int:  # a column left out belongs to the kept column on its left
        return max((new_index[c] for c in keep if c <= col), default=0)

    out = [replace(row, cells=tuple(row.cells[c] for c in keep if c < len(row.cells)),
                   boxes=None if row.boxes is None else tuple(row.boxes[c] for c in keep if c < len(row.boxes)))
           for row in lines]
    kept_spans = [(r, remap(a), remap(b)) for r, a, b in spans if remap(b) > remap(a)]
    return out, kept_spans


def _line_height(rows: Sequence[Row], settings: TableSettings) -> float:
    """The median height of the rows' text lines (unruled rows keep them)."""
    return median_line_height([line for row in rows for line in row.lines], settings)


def logical_table(group: Sequence[PageItem], source: str, settings: TableSettings) -> LogicalTable | None:
    """One group as a LogicalTable; None when it holds no table (notes only)."""
    tables = _tables(group)
    if not tables:
        return None
    first = tables[0]
    width = first.width
    titles = title_rows(first.rows, first.ruled, settings.align_tolerance)
    candidates = first.rows[titles : titles + settings.max_header_rows]
    repeats = [repeated_prefix(candidates, t.rows) for t in tables[1:]]
    n_header = header_count(first.rows[titles:], repeats, settings.max_header_rows, settings.align_tolerance)
    header = printed = first.rows[titles : titles + n_header]
    if not first.ruled and n_header > 1:
        labels, figures = column_kinds(first.rows[titles + n_header :])
        widened = widen_header_spans(header, first.columns, settings.align_tolerance, labels, figures)
        joined = join_wrapped_header_cells(widened, settings.wrap_gap_em * _line_height(header, settings))
        joined = raise_cells_spanning_rows(joined, first.fills, settings.align_tolerance)
        joined = spans_from_fills(joined, first.fills, first.columns, settings.align_tolerance)
        first = replace(first, rows=first.rows[:titles] + tuple(joined) + first.rows[titles + n_header :])
        group = [first if item is tables[0] else item for item in group]
        header = tuple(widened)  # later pages repeat the header as printed: matched unjoined
        n_header = len(joined)
    lines: list[SourceRow] = []
    spans: list[tuple[int, int, int]] = []
    last: tuple[int, Row] | None = None  # the table's last row so far: its index in lines, itself
    for item in group:
        if isinstance(item, PageNote):
            lines.append(note_row(item, width))
            continue
        if item is first:
            for index, row in enumerate(item.rows):
                if index < titles:
                    # a row inside the grid's rulings is part of the drawn table (a spanning
                    # title such as "THRESHOLD FOR RELEASES"); above an unruled table it is a caption
                    kind = LineKind.TITLE if item.ruled else LineKind.NOTE
                elif index < titles + n_header:
                    kind = LineKind.HEADER
                    spans.extend((index - titles, a, b) for a, b in row.spans)
                else:
                    kind = LineKind.BODY
                lines.append(table_row(row, item.page, kind))
                last = (len(lines) - 1, row)
            continue
        # a page's repeated header matches the first page's as printed, or as its spanning labels
        # were moved to the first column they span (widen_header_spans)
        repeated = max(repeated_prefix(header, item.rows), repeated_prefix(printed, item.rows)) if header else 0
        for index, row in enumerate(item.rows):
            kind = LineKind.REPEATED_HEADER if index < repeated else LineKind.BODY
            if index == repeated and last is not None:
                position, above = last
                if continues_over_page(above, row, item.columns, settings, item.ruled):
                    joined = join_rows(above, row)
                    lines[position] = replace(lines[position], cells=joined.cells)
                    last = (position, joined)
                    continue
                mended, row = mend_word_over_page_break(above, row)
                if mended is not above:
                    lines[position] = replace(lines[position], cells=mended.cells)
                if not any(row.cells):
                    continue  # nothing but the end of the word
            lines.append(table_row(row, item.page, kind))
            if kind is LineKind.BODY:  # a repeated header is not the row a page break cut
                last = (len(lines) - 1, row)
    lines, spans = drop_empty_columns(lines, spans)
    pages = tuple(sorted({t.page for t in tables}))
    return LogicalTable(source=source, lines=tuple(lines), pages=pages, header_spans=tuple(spans),
                        rows_ruled=all(t.ruled for t in tables))


def logical_tables(pages: Sequence[Sequence[PageItem]], source: str, settings: TableSettings) -> list[LogicalTable]:
    tables = (logical_table(group, source, settings) for group in group_items(pages, settings))
    return [t for t in tables if t is not None]

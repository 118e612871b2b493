"""Which leading rows of a table are its header, from what any table shows.

In order of strength: rows repeated at the top of the table's later pages; leading rows in a
bold face (up to a bold section row: a one-cell row like those heading groups of rows below);
a first row whose cells span columns that the next row fills (a two-row header like "Number
delivered per quarter" over Q1..Q4); the text rows above the first row with numbers;
else the first row. Rows above the header with fewer than two filled cells are titles (notes).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from pipeline.core.model import Box
from pipeline.extract.pdf.layout import NUMERIC_CELL, is_numeric, join_cells, union_box  # noqa: F401 (re-exported)
from pipeline.extract.pdf.pieces import Row
from pipeline.extract.pdf.settings import TableSettings



# a year or a span of years as a column's heading ("2011", "2010/11", "2015-16", "2010-2011")
YEAR_HEADING = re.compile(r"^(1[89]|20)\d\d([-/–](\d\d|(1[89]|20)\d\d))?$")


def years_under_spans(row: Row, above: Row) -> bool:
    """The row names with years the sub-columns of labels spanning columns in `above` (the
    stub's heading, "District", may stand beside them): a label spanning columns stands over
    their headings, never over figures, so years under two or more of its columns are
    headings, though numbers."""
    spanned = {c for a, b in above.spans if a > 0 for c in range(a, b + 1)}
    years = [c for c in row.filled if c > 0]
    return (len(years) >= 2 and sum(1 for c in years if c in spanned) >= 2
            and all(YEAR_HEADING.match(row.cells[c].strip()) for c in years))


def has_numbers(row: Row) -> bool:
    return any(is_numeric(c) for c in row.cells if c)


def cell_key(cell: str) -> str:
    return " ".join(cell.casefold().split())


def same_row(mine: Row, theirs: Row) -> bool:
    """The same header row again: equal cells (case/spacing-blind), allowing a title glued to the
    first cell on one page only ("Annex B: Theme" then "Theme")."""
    a = [cell_key(c) for c in mine.cells]
    b = [cell_key(c) for c in theirs.cells]
    if a == b:
        return True
    if len(a) != len(b) or a[1:] != b[1:] or not any(a[1:]):
        return False
    return bool(a[0] and b[0]) and (a[0].endswith(b[0]) or b[0].endswith(a[0]))


def title_rows(rows: Sequence[Row], ruled: bool = True, tolerance: float = TableSettings.align_tolerance) -> int:
    """Leading rows with fewer than two filled cells (titles inside the table's area). In an
    unruled table, also up to a row whose one cell spans columns right of the first that the next
    row fills under it (the first row of a two-row header: "Delivered per quarter" over
    Q1..Q4), or is centred over such columns (within `tolerance`: "Employment" over "2010" and
    "2011", each centred over its own sub-columns, may stand over neither): title rows above an
    unruled table become notes, and the label would be lost from the header; a ruled grid keeps
    such a row in the table as a title row."""
    for index, row in enumerate(rows):
        spanning_label = not ruled and index + 1 < len(rows) and (
            spans_over(row, rows[index + 1]) or _centred_over(row, rows[index + 1], rows[index + 1 :], tolerance))
        if len(row.filled) >= 2 or spanning_label:
            return index
    return 0


def _centred_over(row: Row, below: Row, under: Sequence[Row], tolerance: float) -> bool:
    """The row's one cell, right of the first column, is centred over a run of columns right of
    the first (their text in the rows `under` it, from the run's first column's start to its last
    one's end) two or more of which `below` fills: a label over them, as a spanning cell is."""
    if len(row.filled) != 1 or row.filled[0] == 0 or row.boxes[row.filled[0]] is None:
        return False
    extents = []
    for column in range(len(row.cells)):
        boxes = [r.boxes[column] for r in under if r.boxes[column] is not None]
        extents.append((min(b[0] for b in boxes), max(b[2] for b in boxes)) if boxes else None)
    box, column = row.boxes[row.filled[0]], row.filled[0]
    centre = (box[0] + box[2]) / 2
    filled = set(below.filled) | {c for a, b in below.spans for c in range(a, b + 1)}
    return any(extents[start] and extents[end] and len(filled & set(range(start, end + 1))) >= 2
               and abs((extents[start][0] + extents[end][1]) / 2 - centre) <= tolerance
               for start in range(1, column + 1) for end in range(max(column, start + 1), len(extents)))


def spans_over(row: Row, below: Row) -> bool:
    """The row has a cell spanning some columns, not the first (a title or caption starts at
    the table's left), two or more of which `below` fills."""
    return any(a > 0 and sum(1 for c in below.filled if a <= c <= b) >= 2 for a, b in row.spans)


def repeated_prefix(header_candidates: Sequence[Row], rows: Sequence[Row]) -> int:
    """How many of a later page's first rows repeat the candidate header rows, in order."""
    count = 0
    for mine, theirs in zip(rows, header_candidates):
        if not same_row(mine, theirs):
            break
        count += 1
    return count


def _partial_spans(row: Row, width: int) -> list[tuple[int, int]]:
    return [(a, b) for a, b in row.spans if not (a == 0 and b == width - 1)]


def header_count(rows: Sequence[Row], repeats: Sequence[int], max_rows: int,
                 tolerance: float = TableSettings.align_tolerance) -> int:
    """Number of header rows at the start of `rows` (titles already removed).

    `repeats` holds, per later page, how many of its first rows repeat these rows.
    """
    if not rows:
        return 0
    # the fewest rows any later page repeats: a body row that happens to equal the row under
    # the header on one page must not lengthen the header
    repeated = min((r for r in repeats if r), default=0)
    if repeated:
        return min(repeated, max_rows)
    width = len(rows[0].cells)
    if has_numbers(rows[0]) and len(rows[0].filled) == sum(1 for c in rows[0].cells if is_numeric(c)) \
            and not _labels_over_headings(rows, 0):
        return 0  # a row of numbers only is data, not a header
    bold = 0
    for index, row in enumerate(rows[:max_rows]):
        if (not row.bold and not (index and is_units_row(row, rows[index - 1]))) or _figures_row(rows, index) or (
                index and is_section_row(row, rows[index + 1:], width)):
            break
        bold += 1
    if 0 < bold < len(rows) and not all(r.bold for r in rows):
        return bold
    if len(rows) > 1:
        spans = _partial_spans(rows[0], width)
        below = rows[1]
        if (not has_numbers(below) or years_under_spans(below, rows[0])) and (
                (spans and any(a < c <= b for a, b in spans for c in below.filled))
                or _centred_over(rows[0], below, rows[1:], tolerance)):
            return 2
    for index, row in enumerate(rows[: max_rows + 1]):
        if _figures_row(rows, index):
            # the body may open with sub-heading rows, a label in the first column alone
            # ("Tamil Nadu" over its Rural / Urban rows): the header ends above them
            while index > 1 and rows[index - 1].filled == (0,):
                index -= 1
            # the header's rows name two columns or more, or are labels centred over the next
            if 1 < index <= max_rows and all(len(r.filled) >= 2 or _centred_over(r, rows[k + 1], rows[k + 1 :], tolerance)
                                             for k, r in enumerate(rows[:index])):
                return index
            break
    return 1


def _labels_over_headings(rows: Sequence[Row], index: int) -> bool:
    """A row of numbers only that is a header's: labels over the headings in the row under it
    ("2010" and "2011" over "Male | Female | Total" each): the row under holds no figure and
    fills more columns (two or more), as sub-columns' headings under their group labels; a body
    row of figures is not followed by a row of headings."""
    if index + 1 >= len(rows):
        return False
    row, below = rows[index], rows[index + 1]
    # a cell may hold two labels where the columns are not yet cut at the body's gaps ("2010 2011")
    numbers_only = all(all(is_numeric(word) for word in row.cells[c].split()) for c in row.filled)
    return numbers_only and not has_numbers(below) and 2 <= len(below.filled) and len(row.filled) < len(below.filled)


def _figures_row(rows: Sequence[Row], index: int) -> bool:
    """The row holds figures (has_numbers) that are data, not labels over headings nor years
    naming the sub-columns of labels spanning columns above."""
    return has_numbers(rows[index]) and not _labels_over_headings(rows, index) and not (
        index > 0 and years_under_spans(rows[index], rows[index - 1]))


def is_units_row(row: Row, above: Row) -> bool:
    """A header's units line under the headings `above`: every cell it sets under a heading is a
    unit in brackets ("(Rs. lakh)", "(%)", "('000)"), not a figure, in any face (often regular
    under bold headings); beside them only headings of columns empty above (a stub heading set
    on the last header line)."""
    # under a heading: its cell, or a column its span covers (a units line centred under a
    # group label wider than its sub-columns falls in the span's second column)
    under = [text.strip() for c, (text, top) in enumerate(zip(row.cells, above.cells))
             if text.strip() and (top.strip() or _owned(above, c))]
    return bool(under) and all(c.startswith("(") and c.endswith(")") and not is_numeric(c) for c in under)


def header_rows(rows: Sequence[Row], max_rows: int, tolerance: float = TableSettings.align_tolerance) -> int:
    """How many leading rows of an unruled table, on its own page, are titles and header rows:
    the rows whose lines are not body lines when the body's columns are found."""
    titles = title_rows(rows, False, tolerance)
    return titles + header_count(rows[titles:], (), max_rows, tolerance)


def is_section_row(row: Row, below: Sequence[Row], width: int) -> bool:
    """A row that heads a group of body rows (a theme or section row), not a header row: one
    filled cell, and either spanning every column or shaped like a row found again among the
    data below (the same one filled column, the same face, after a data row: one with numbers,
    or two or more cells in another face): a bold theme under a two-row header is the first of
    the bold themes down the table."""
    if len(row.filled) != 1:
        return False
    if (0, width - 1) in row.spans:
        return True
    seen_data = False
    for other in below:
        if has_numbers(other) or (len(other.filled) >= 2 and other.bold != row.bold):
            seen_data = True  # a data row: figures, or cells set in the body's face
        elif seen_data and other.filled == row.filled and other.bold == row.bold:
            return True
    return False


def column_kinds(body: Sequence[Row]) -> tuple[frozenset[int], frozenset[int]]:
    """(the columns whose body cells are labels: filled, none a figure (a stub, a group column,
    a column of codes); the columns holding figures)."""
    width = max((len(row.cells) for row in body), default=0)
    cells = [[r.cells[c] for r in body if c < len(r.cells) and r.cells[c]] for c in range(width)]
    figures = frozenset(c for c in range(width) if any(is_numeric(text) for text in cells[c]))
    return frozenset(c for c in range(width) if cells[c] and c not in figures), figures


def widen_header_spans(header: Sequence[Row], columns: Sequence[tuple[float, float]] = (),
                       tolerance: float = TableSettings.align_tolerance,
                       labels: frozenset[int] = frozenset(), figures: frozenset[int] = frozenset()) -> list[Row]:
    """Spans of an unruled header cover the columns the next header row fills under them.

    Without rulings a spanning cell's extent is only its text's ("Number delivered per quarter"
    centred over Q1..Q4 may reach only Q2..Q3): a span grows over neighbouring columns that are
    empty in its row and filled in the row below, to the columns over which the label is best
    centred (_best_centred, from the table's `columns`; within `tolerance` points, the wider),
    or, for a label set flush left, over the free columns to its right; its text moves to the
    span's first column. Rows are widened from the lowest up: in a header nested two levels
    ("Spending" over "2014/15 | 2015/16", each over "Budget | Actual") a column the row below
    covers with its own span is filled there, though its text stands in the span's first column.
    A label over columns of figures never grows over a column whose body cells are labels
    (`labels`: the stub, a group column) when it stands over figures (`figures`): a group label
    wider than its figures overhangs towards the stub, but groups figures only.
    """
    rows = list(header)
    for index in reversed(range(len(rows) - 1)):
        row, below = _without_shared_columns(rows[index], columns), rows[index + 1]
        cells, boxes, spans = list(row.cells), list(row.boxes), []
        ends = [row.end(c) for c in range(len(cells))]

        def free(column: int, low: int, high: int) -> bool:
            """The column is free for a label spanning low..high so far."""
            filled_below = bool(below.cells[column]) or _owned(below, column)
            over_figures = column in labels and any(c in figures for c in range(low, high + 1))
            return (not cells[column] and filled_below and not _owned(row, column) and not over_figures
                    and not any(a <= column <= b for a, b in spans))  # nor a span widened before

        def nearer_other(column: int, label: int, low: int, high: int) -> bool:
            """The column's text lies nearer another group label of the row than the label's (at
            `label`, its span so far low..high), and no span of the row below ties it to that
            span (a group's sub-columns go with their group)."""
            if not columns or any(a <= column <= b and a <= high and b >= low for a, b in below.spans):
                return False
            a, b = columns[column]

            def apart(box: Box) -> float:
                return max(box[0] - b, a - box[2], 0.0)
            mine = apart(boxes[label])
            # another group label: over a column the row below fills (not a column's own
            # heading set in this row, such as "Total" beside "Number per quarter")
            return any(apart(box) < mine for k, box in enumerate(boxes)
                       if k != label and box is not None and cells[k] and (below.cells[k] or _owned(below, k)))

        for first, last in row.spans:
            low, high = first, last  # over the free columns nearer this label than another
            while low > 0 and free(low - 1, low, high) and not nearer_other(low - 1, first, low, high):
                low -= 1
            while high + 1 < len(cells) and free(high + 1, low, high) and not nearer_other(high + 1, first, low, high):
                high += 1
            start, end = _whole_spans_below(_best_centred(row.boxes[first], columns, (first, last), (low, high),
                                                          tolerance), below, (low, high))
            if start != first:
                cells[start], cells[first] = cells[first], ""
                boxes[start], boxes[first] = boxes[first], None
                ends[start], ends[first] = ends[first], None
            spans.append((start, end))
        # a label inside one column, free columns beside it: a group label centred over an odd
        # number of sub-columns sits over the middle one ("Literacy rate" over "Male | Female |
        # Total"), one over two may fall in either; it spans the widest run whose text it is
        # centred over
        for column in range(1, len(cells)):
            if not cells[column] or row.boxes[column] is None or any(a <= column <= b for a, b in spans):
                continue
            low, high = column, column  # over the free columns nearer this label than another
            while low > 0 and free(low - 1, low, high) and not nearer_other(low - 1, column, low, high):
                low -= 1
            while high + 1 < len(cells) and free(high + 1, low, high) and not nearer_other(high + 1, column, low, high):
                high += 1
            start, end = _whole_spans_below(_centred_run(row.boxes[column], columns, column, (low, high), tolerance),
                                            below, (low, high))
            if end == start:
                continue
            if start != column:
                cells[start], cells[column] = cells[column], ""
                boxes[start], boxes[column] = boxes[column], None
                ends[start], ends[column] = ends[column], None
            spans.append((start, end))
        rows[index] = replace(row, cells=tuple(cells), boxes=tuple(boxes), spans=tuple(sorted(spans)),
                              ends=tuple(ends))
    return rows


def _without_shared_columns(row: Row, columns: Sequence[tuple[float, float]]) -> Row:
    """The row with each span's end columns that its label's text does not reach and another
    span's label's text does given to that other span: a label centred over a column wider than
    its figures (a group of one sub-column widened to its label, the figures flush right) has
    its middle over the gap before it and was read as spanning the column before too, which
    the neighbouring label stands over."""
    if not columns or len(row.spans) < 2:
        return row

    def over(box: Box | None, column: int) -> bool:
        return box is not None and box[0] < columns[column][1] and columns[column][0] < box[2]

    cells, boxes, ends = list(row.cells), list(row.boxes), [row.end(c) for c in range(len(row.cells))]
    spans = []
    for first, last in row.spans:
        others = [row.boxes[a] for a, b in row.spans if (a, b) != (first, last)]
        start, end = first, last
        while start < end and not over(row.boxes[first], start) and any(over(box, start) for box in others):
            start += 1
        while end > start and not over(row.boxes[first], end) and any(over(box, end) for box in others):
            end -= 1
        if start != first:  # the text goes to the span's first column
            cells[start], cells[first] = cells[first], ""
            boxes[start], boxes[first] = boxes[first], None
            ends[start], ends[first] = ends[first], None
        spans.append((start, end))
    return replace(row, cells=tuple(cells), boxes=tuple(boxes), spans=tuple(spans), ends=tuple(ends))


def _whole_spans_below(span: tuple[int, int], below: Row, reach: tuple[int, int]) -> tuple[int, int]:
    """The span grown over every span of the row below that it covers in part, within `reach`:
    in a nested header a label heads whole groups ("Employment" over "2010" and "2011", each
    over its sub-columns), never half of one."""
    start, end = span
    if end == start:
        return span
    grown = True
    while grown:
        grown = False
        for a, b in below.spans:
            if a <= end and b >= start and (a < start or b > end) and reach[0] <= a and b <= reach[1]:
                start, end, grown = min(start, a), max(end, b), True
    return start, end


def _centred_run(text: Box, columns: Sequence[tuple[float, float]], column: int, reach: tuple[int, int],
                 tolerance: float) -> tuple[int, int]:
    """Of the runs of two columns or more within `reach` that hold `column`, the widest whose
    text (the first column's start to the last one's end) the label `text` is centred over,
    within `tolerance`; (column, column) when none is: a column's own heading is centred over
    that column, seldom over its neighbours too."""
    if not columns:
        return column, column
    centre = (text[0] + text[2]) / 2
    best = column, column
    for start in range(column, reach[0] - 1, -1):
        for end in range(column, reach[1] + 1):
            if end > start and end - start > best[1] - best[0] and \
                    abs((columns[start][0] + columns[end][1]) / 2 - centre) <= tolerance:
                best = start, end
    return best


def _pitch(columns: Sequence[tuple[float, float]], start: int, end: int) -> tuple[float, float]:
    """The x extent of columns start..end as cells: from where the first column's text starts to
    where the next column's starts, or the last column's text ends (cells set flush left with
    equal padding: the extent is the cells' own, shifted by that padding)."""
    return columns[start][0], columns[end + 1][0] if end + 1 < len(columns) else columns[end][1]


def _best_centred(text: Box | None, columns: Sequence[tuple[float, float]], span: tuple[int, int],
                  reach: tuple[int, int], tolerance: float) -> tuple[int, int]:
    """Of the spans from `span` out to `reach`, the one whose cells (_pitch) are centred nearest
    the label `text`: spanning labels are centred over their columns (a label "Per quarter" over
    Q2..Q3 only is as centred over Q1..Q4, and is taken to span them: the wider of spans
    centred within `tolerance`). A label set flush left, starting where its first column's text
    starts (within `tolerance`), spans every free column to its right. With no positions to
    judge by, the whole reach."""
    if text is None or not columns:
        return reach
    if abs(text[0] - columns[span[0]][0]) <= tolerance:
        return span[0], reach[1]
    centre = (text[0] + text[2]) / 2
    best, best_off = span, float("inf")
    for start in range(span[0], reach[0] - 1, -1):
        for end in range(span[1], reach[1] + 1):
            extent = _pitch(columns, start, end)
            off = abs((extent[0] + extent[1]) / 2 - centre)
            wider = end - start > best[1] - best[0]
            if off < best_off - tolerance or (abs(off - best_off) <= tolerance and wider):
                best, best_off = (start, end), off
    return best


def _owned(row: Row, column: int) -> bool:
    return any(a <= column <= b for a, b in row.spans)


def join_wrapped_header_cells(header: Sequence[Row], wrap_gap: float = float("inf")) -> list[Row]:
    """Header rows of an unruled table with each cell's wrapped lines back in one cell.

    Without rulings, a header cell spanning both header rows ("Annex B: Theme" beside the
    quarter labels) wraps onto the second row's lines, and its lines are read as two rows.
    Text under a filled single-column cell of the row above (not under a spanning cell, which
    the row below subdivides, unless it is the only text under it: _span_line_target), no
    further below it than leading (`wrap_gap` points), is the same cell's next line: it moves
    up, and a header row left empty goes. Text a row gap
    below is a cell of the next header row ("Male" under a "Total" set flush left over
    Male | Female).
    """
    rows = [list(row.cells) for row in header]
    boxes = [list(row.boxes) for row in header]
    ends = [[row.end(c) for c in range(len(row.cells))] for row in header]
    moved: set[int] = set()  # rows some of whose cells went up as wrapped lines
    for index in range(1, len(rows)):
        mine = rows[index]
        for column, text in enumerate(mine):
            owner = index - 1
            while owner > 0 and not rows[owner][column]:
                owner -= 1  # the cell may have moved up already
            if not text:
                continue
            if _owned(header[owner], column):
                target = _span_line_target(header[owner], header[index], mine, column)
            else:
                target = None if _owned(header[index], column) else column
            if target is None or not rows[owner][target]:
                continue
            upper, lower = boxes[owner][target], boxes[index][column]
            if upper is not None and lower is not None and lower[1] - upper[3] > wrap_gap:
                continue  # a row gap below: the next header row's cell
            above, below = ends[owner][target], ends[index][column]
            # a word cut at the end of the cell's last line goes on in the row below ("Them" / "e")
            rows[owner][target] = join_cells(rows[owner][target], above, text, below)
            ends[owner][target] = above.then(below) if above and below else None
            boxes[owner][target] = union_box([b for b in (boxes[owner][target], boxes[index][column]) if b])
            mine[column], boxes[index][column], ends[index][column] = "", None, None
            moved.add(index)
    for index in sorted(moved):
        _lift_rest_of_line(rows, boxes, ends, header, index)
    return [
        replace(row, cells=tuple(cells), boxes=tuple(bx), ends=tuple(en))
        for row, cells, bx, en in zip(header, rows, boxes, ends)
        if any(cells)
    ]


def _span_line_target(above: Row, row: Row, cells: Sequence[str], column: int) -> int | None:
    """The first column of the spanning cell of `above` over `column` when `column` holds the
    only text of `cells` (the cells of `row`) under it, spanning no further: one phrase under a
    span is its next line (a units line "(Rs. lakh)" centred under "Budget estimates"), two or
    more subdivide it; else None."""
    for first, last in above.spans:
        if first <= column <= last:
            alone = sum(1 for c in range(first, last + 1) if cells[c]) == 1
            inside = all(first <= a and b <= last for a, b in row.spans if a <= column <= b)
            return first if alone and inside and last > first else None
    return None


def _lift_rest_of_line(rows: list[list[str]], boxes: list[list], ends: list[list], header: Sequence[Row],
                       index: int) -> None:
    """Header row `index`, some of whose cells were wrapped lines of the row above: its other
    cells join that row too when every one is in a column the row above leaves empty and no
    spanning cell owns (a stub heading set on the last line of a heading wrapped over two, as
    "State" beside "Budget" / "(Rs. lakh)"): one header row whose cells have different heights."""
    above = index - 1
    rest = [c for c, text in enumerate(rows[index]) if text]
    if not rest or any(rows[above][c] or _owned(header[above], c) or _owned(header[index], c) for c in rest):
        return
    for c in rest:
        rows[above][c], boxes[above][c], ends[above][c] = rows[index][c], boxes[index][c], ends[index][c]
        rows[index][c], boxes[index][c], ends[index][c] = "", None, None


def raise_cells_spanning_rows(header: Sequence[Row], fills: Sequence[Box], tolerance: float = 1.0) -> list[Row]:
    """Header rows of an unruled table with each cell that spans header rows moved up to the
    first of them, as a ruled grid reads a merged cell: a cell whose own fill (the filled
    rectangle its text lies in, holding no other header cell's text: a band's background holds
    them all) reaches up over rows above, empty there, sets its label at the bottom of a cell
    spanning those rows ("Theme" beside "Delivered per quarter" over Q1..Q4, in a dark header
    whose cells a browser fills one by one). Without such fills nothing shows a cell's height,
    and each label stays in the row it is printed in. A header row left empty goes."""
    if len(header) < 2 or not fills:
        return list(header)
    rows = [list(row.cells) for row in header]
    boxes = [list(row.boxes) for row in header]
    ends = [[row.end(c) for c in range(len(row.cells))] for row in header]
    placed = [(index, column, box) for index, row in enumerate(header) for column, box in enumerate(row.boxes) if box]
    for index, column, box in placed:
        if index == 0:
            continue
        fill = _own_fill(box, [b for i, c, b in placed if (i, c) != (index, column)], fills)
        if fill is None:
            continue
        target = next(k for k in range(index + 1) if k == index or header[k].top >= fill[1] - tolerance)
        if target == index or any(rows[k][column] or _owned(header[k], column) for k in range(target, index)):
            continue
        rows[target][column], boxes[target][column], ends[target][column] = rows[index][column], box, ends[index][column]
        rows[index][column], boxes[index][column], ends[index][column] = "", None, None
    return [
        replace(row, cells=tuple(cells), boxes=tuple(bx), ends=tuple(en))
        for row, cells, bx, en in zip(header, rows, boxes, ends)
        if any(cells)
    ]


def _own_fill(box: Box, others: Sequence[Box], fills: Sequence[Box]) -> Box | None:
    """The smallest fill holding the middle of `box`, when it holds the middle of no other box."""

    def inside(b: Box, fill: Box) -> bool:
        x, y = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        return fill[0] <= x <= fill[2] and fill[1] <= y <= fill[3]

    holding = [f for f in fills if inside(box, f)]
    if not holding:
        return None
    fill = min(holding, key=lambda f: (f[2] - f[0]) * (f[3] - f[1]))
    return None if any(inside(other, fill) for other in others) else fill


def spans_from_fills(header: Sequence[Row], fills: Sequence[Box], columns: Sequence[tuple[float, float]],
                     tolerance: float = 1.0) -> list[Row]:
    """Header rows whose cells filled on their own (_own_fill) span the columns their fill
    covers: the fill shows where the cell ends, however short its label ("Sessions per term"
    set flush left over Autumn | Spring reaches one column's text only)."""
    if not fills or not columns:
        return list(header)
    placed = [(index, column, box) for index, row in enumerate(header) for column, box in enumerate(row.boxes) if box]
    out = []
    for index, row in enumerate(header):
        spans = set(row.spans)
        for column, box in enumerate(row.boxes):
            fill = _own_fill(box, [b for i, c, b in placed if (i, c) != (index, column)], fills) if box else None
            if fill is None:
                continue
            covered = [c for c, (a, b) in enumerate(columns) if a >= fill[0] - tolerance and b <= fill[2] + tolerance]
            first, last = (covered[0], covered[-1]) if covered else (column, column)
            if (last == first or not first <= column <= last or covered != list(range(first, last + 1))
                    or any(row.cells[c] for c in covered if c != column)):
                continue
            spans = {(a, b) for a, b in spans if b < first or a > last} | {(first, last)}
            if column != first:  # the cell's text goes to the span's first column
                cells, boxes = list(row.cells), list(row.boxes)
                ends = [row.end(c) for c in range(len(cells))]
                cells[first], cells[column], boxes[first], boxes[column] = cells[column], "", boxes[column], None
                ends[first], ends[column] = ends[column], None
                row = replace(row, cells=tuple(cells), boxes=tuple(boxes), ends=tuple(ends))
        out.append(replace(row, spans=tuple(sorted(spans))))
    return out

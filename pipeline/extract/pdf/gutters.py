"""Tables set side by side: a block of lines parted by a vertical strip of whitespace into
regions that are each a table of their own.

A page may print two small tables next to each other (each under its own caption or header,
a wide gutter between them). Their lines share heights, so the page's lines run across both
and one block holds them. The gutter tells them apart: a strip no word enters from above both
headers to below both bodies, wider than the column gaps a designer set inside either table,
with each side a table of its own (a header band, a stub of labels, figures set flush right or
a caption of its own).
"""

from __future__ import annotations

import bisect

from statistics import median
from typing import Callable, Sequence

from pipeline.extract.pdf.columns import column_intervals
from pipeline.extract.pdf.headers import is_numeric
from pipeline.extract.pdf.layout import TextLine, text_lines
from pipeline.extract.pdf.pieces import Interval
from pipeline.extract.pdf.settings import TableSettings


def free_strips(lines: Sequence[TextLine]) -> list[Interval]:
    """The x strips between the lines' leftmost and rightmost text that no word of any line
    enters, widest first."""
    spans = sorted((w.x0, w.x1) for line in lines for w in line.words)
    strips: list[Interval] = []
    reach = spans[0][1] if spans else 0.0
    for x0, x1 in spans[1:]:
        if x0 > reach:
            strips.append((reach, x0))
        reach = max(reach, x1)
    return sorted(strips, key=lambda s: s[0] - s[1])


def _is_figure(text: str) -> bool:
    return is_numeric(text.replace(" ", ""))


def own_table_gaps(lines: Sequence[TextLine], settings: TableSettings,
                   caption: Callable[[TextLine], bool] | None = None) -> list[float] | None:
    """The column gaps a designer set inside `lines` when they are a table of their own, else
    None. A table of its own has min_table_lines lines of two phrases or more, two columns or
    more, a header band (its first multi-column line holds no figure), a stub (its first column
    holds labels, not figures) and figures set flush right after it. The gap after the stub is
    left out: the figures leave the stub's longest label room to their own width, so that gap
    measures the labels, not the spacing. Columns of text make a table of their own only under a
    caption of its own (a line above the header that `caption` accepts, "Table 2: ..."), every
    gap counted: one table's text columns are spaced as unevenly as two tables' (a plan's
    activities and dates beside its audiences), and their rows say no more."""
    multi = [line for line in lines if len(line.phrases) >= 2]
    if len(multi) < settings.min_table_lines:
        return None
    if any(p.numeric for p in multi[0].phrases):
        return None
    size = median([w.size for line in lines for w in line.words])
    columns = column_intervals(multi, settings.column_gap(size), align_tolerance=settings.align_tolerance)
    if len(columns) < 2:
        return None
    stub = _column_texts(multi[1:], columns[0], settings)
    if not stub or _mostly_figures(stub):
        return None
    gaps = [b[0] - a[1] for a, b in zip(columns, columns[1:])]
    if _flush_right_figures(_column_phrases(multi[1:], columns[1], settings), settings):
        return gaps[1:]
    header = lines.index(multi[0])
    return gaps if caption is not None and any(caption(line) for line in lines[:header]) else None


def _column_phrases(lines: Sequence[TextLine], column: Interval, settings: TableSettings) -> list:
    return [p for line in lines for p in line.phrases
            if p.x0 >= column[0] - settings.align_tolerance and p.x1 <= column[1] + settings.align_tolerance]


def _column_texts(lines: Sequence[TextLine], column: Interval, settings: TableSettings) -> list[str]:
    return [p.text for p in _column_phrases(lines, column, settings)]


def _mostly_figures(texts: Sequence[str]) -> bool:
    return 2 * sum(1 for text in texts if _is_figure(text)) >= len(texts)


def _flush_right_figures(phrases: Sequence, settings: TableSettings) -> bool:
    """Mostly figures, most of them ending at one x (set flush right, as statistics are)."""
    figures = [p.x1 for p in phrases if p.numeric]
    if not phrases or 2 * len(figures) < len(phrases):
        return False
    edge = median(figures)
    return 2 * sum(1 for x1 in figures if abs(x1 - edge) <= settings.align_tolerance) >= len(figures)


def _side(lines: Sequence[TextLine], keep, settings: TableSettings) -> list[TextLine]:
    return text_lines([w for line in lines for w in line.words if keep(w)], settings)


def _crosses(line: TextLine, strip: Interval) -> bool:
    return any(w.x0 < strip[1] and w.x1 > strip[0] for w in line.words)


def side_by_side(block: Sequence[TextLine], settings: TableSettings,
                 caption: Callable[[TextLine], bool] | None = None) -> list[tuple[list[TextLine], bool]]:
    """The block as regions, top to bottom then left to right, each with whether it is one of
    tables set side by side: the lines above them, each table's lines (each parted again, for
    three tables in a row), the lines below; or the block alone when no gutter parts it.

    The gutter is sought between the lines after the block's leading one-phrase lines and before
    its trailing ones (a page title, a note set across both tables), then grows up and down over
    the lines that leave it empty (each table's caption)."""
    lines = list(block)
    first, last = 0, len(lines)
    while first < last and len(lines[first].phrases) < 2:
        first += 1
    while last > first and len(lines[last - 1].phrases) < 2:
        last -= 1
    if last - first < 2 * settings.min_table_lines:
        return [(lines, False)]
    size = median([w.size for line in lines[first:last] for w in line.words])
    for strip in free_strips(lines[first:last]):
        if strip[1] - strip[0] < settings.gutter_min_em * size:
            break
        top, end = first, last
        while top > 0 and not _crosses(lines[top - 1], strip):
            top -= 1
        while end < len(lines) and not _crosses(lines[end], strip):
            end += 1
        run = lines[top:end]
        # a column of running text beside a table (a page laid out in two columns) is a side
        # of its own too, with no column gaps of its own; the right side is read only when the
        # left is a table or may be such a column (most strips are column gaps of one table,
        # its left side a column or two that are no table)
        left_half = _side(run, lambda w: w.x1 <= strip[0], settings)
        left = _tables(left_half, settings, caption)
        left_prose = left is None and _running_lines(left_half, settings)
        if left is None and not left_prose:
            continue  # neither a table nor a column of text: the right side is not looked at
        right_tops = [min(w.top for w in line.words if w.x0 >= strip[1])
                      for line in run if any(w.x0 >= strip[1] for w in line.words)]
        left_prose = left_prose and _apart([line.top for line in left_half], right_tops, settings)
        if left is None and not left_prose:
            continue
        right_half = _side(run, lambda w: w.x0 >= strip[1], settings)
        right = _tables(right_half, settings, caption)
        right_prose = right is None and _running_lines(right_half, settings) and _apart(
            right_tops, [line.top for line in left_half], settings)
        if (right is None and not right_prose) or (left_prose and right_prose):
            continue
        sides = [([left_half], []) if left_prose else left, ([right_half], []) if right_prose else right]
        if any(strip[1] - strip[0] < settings.gutter_gap_ratio * gap for _, gaps in sides for gap in gaps):
            continue
        above, below = lines[:top], lines[end:]
        regions = [(above, False)] if above else []
        regions += [(table, True) for tables, _ in sides for table in tables]
        return regions + ([(below, False)] if below else [])
    return [(lines, False)]


def _running_lines(side: Sequence[TextLine], settings: TableSettings) -> bool:
    """The lines may be a column of running text (_apart tells, beside the other side):
    min_table_lines lines or more, each one phrase, starting at one x, most of them runs of
    words (running_line_words or more, as page.is_running_columns counts them)."""
    if len(side) < settings.min_table_lines or any(len(line.phrases) != 1 for line in side):
        return False
    if max(line.x0 for line in side) - min(line.x0 for line in side) > settings.align_tolerance:
        return False
    return 2 * sum(1 for line in side if len(line.words) >= settings.running_line_words) >= len(side)


def _apart(tops: Sequence[float], other: Sequence[float], settings: TableSettings) -> bool:
    """Running lines (_running_lines, their tops) are a column of running text beside the other
    side (its lines' tops) when they wrap at their own leading: on running_apart_lines lines or
    more they stand where the other side has no line, and fewer than running_aligned_share of the
    other side's lines stand on one of theirs (a table's column of wrapped labels starts every
    row on one of its lines)."""
    tolerance = settings.align_tolerance

    def on_one(values: Sequence[float], ordered: list[float]) -> int:
        """How many of `values` lie within tolerance of one of `ordered` (sorted)."""
        count = 0
        for value in values:
            k = bisect.bisect_left(ordered, value - tolerance)
            count += k < len(ordered) and ordered[k] <= value + tolerance
        return count

    apart = len(tops) - on_one(tops, sorted(other))
    aligned = on_one(other, sorted(tops))
    return apart >= settings.running_apart_lines and aligned < settings.running_aligned_share * len(other)


def _tables(side: list[TextLine], settings: TableSettings, caption: Callable[[TextLine], bool] | None
            ) -> tuple[list[list[TextLine]], list[float]] | None:
    """The tables one side of a gutter holds (itself, or tables set side by side again: three or
    more in a row) and the column gaps set inside them, or None when it is no table of its own.
    The gutters inside a side are no column gaps: tables in a row are spaced alike."""
    regions = side_by_side(side, settings, caption)
    if len(regions) > 1 and all(beside for _, beside in regions):
        parts = [own_table_gaps(region, settings, caption) for region, _ in regions]
        if all(gaps is not None for gaps in parts):
            return [region for region, _ in regions], [gap for gaps in parts for gap in gaps]
    gaps = own_table_gaps(side, settings, caption)
    return None if gaps is None else ([side], gaps)

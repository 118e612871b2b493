"""One PDF page -> its tables and the lines of text outside them, in reading order.

Ruled tables come from the rulings (ruled.py); the rest of the page is cut into blocks at wide
vertical gaps and at ruled tables, and each block with enough multi-column lines is read as an
unruled table (columns.py, rows.py); every other line is kept as a note.
"""

from __future__ import annotations

from dataclasses import replace
from statistics import median
from typing import Any, Sequence

from pipeline.extract.pdf.columns import column_intervals, crosses_columns, filled_columns
from pipeline.extract.pdf.layout import TextLine, Word, median_line_height, text_lines, word_from_pdfplumber
from pipeline.extract.pdf.pieces import Interval, PageNote, PageTable
from pipeline.extract.pdf.rows import HRule, build_row, column_wise_gaps, group_rows, starts_new_row
from pipeline.extract.pdf.ruled import find_ruled_tables, horizontal_rules
from pipeline.extract.pdf.settings import TableSettings

PageItem = PageTable | PageNote


def page_words(page: Any, settings: TableSettings) -> list[Word]:
    words = page.extract_words(
        x_tolerance=settings.x_tolerance,
        y_tolerance=settings.y_tolerance,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["fontname", "size"],
    )
    words = [word_from_pdfplumber(w) for w in words if w["text"].strip()]
    spaces = [(float(c["top"]), float(c["x0"]), float(c["x1"])) for c in page.chars if c["text"] == " "]
    return mark_broken_words(words, spaces)


def mark_broken_words(words: Sequence[Word], spaces: Sequence[tuple[float, float, float]]) -> list[Word]:
    """Words with `broken` set where a line ends inside a word.

    Word processors print the space at which a line wraps (a space glyph after the last word);
    when a page shows such line-end spaces, a line-end word without one was cut because it was
    wider than its column. Pages that print no line-end spaces (reportlab) say nothing: no word
    is marked. `spaces` holds the (top, x0, x1) of the page's space glyphs.
    """
    space_end = {(round(top), round(x0 * 2)): x1 for top, x0, x1 in spaces}

    def space_after(word: Word) -> float | None:
        """Where the space glyph printed right after the word ends, if there is one."""
        top, x = round(word.top), round(word.x1 * 2)
        for key in ((t, x + d) for t in (top, top - 1, top + 1) for d in (0, -1, 1)):
            if key in space_end:
                return space_end[key]
        return None

    ordered = sorted(words, key=lambda w: (round(w.top), w.x0))
    line_end, spaced = set(), set()
    for word, after in zip(ordered, ordered[1:] + [None]):
        space = space_after(word)
        same_line = after is not None and round(after.top) == round(word.top)
        # the next word on the line starts where the space ends: an ordinary word space
        if same_line and space is not None and after.x0 <= space + 1.0:
            continue
        if same_line and space is None and after.x0 - word.x1 < 0.5 * word.size:
            continue  # a space not printed as a glyph (reportlab): still inside the line
        line_end.add(id(word))
        if space is not None:
            spaced.add(id(word))
    if not spaced:
        return list(words)
    cut = line_end - spaced
    return [replace(w, broken=True) if id(w) in cut else w for w in words]


def split_blocks(lines: Sequence[TextLine], cuts: Sequence[float], settings: TableSettings) -> list[list[TextLine]]:
    """Lines into blocks: a new block after a vertical gap wider than block_gap_em line heights,
    or where a ruled table (its top at a `cuts` position) lies between two lines."""
    height = median_line_height(lines)
    blocks: list[list[TextLine]] = []
    for line in lines:
        if blocks:
            previous = blocks[-1][-1]
            wide_gap = line.top - previous.bottom > settings.block_gap_em * height
            cut = any(previous.bottom <= y <= line.top for y in cuts)
            if not wide_gap and not cut:
                blocks[-1].append(line)
                continue
        blocks.append([line])
    return blocks


def typical_row_gap(lines: Sequence[TextLine], columns: Sequence[Interval]) -> float | None:
    """The median gap above lines that certainly start a row (they fill a column the line above
    left empty); None when the block shows none."""
    gaps = [
        b.top - a.bottom
        for a, b in zip(lines, lines[1:])
        if b.top >= a.bottom
        and not filled_columns(b, columns) <= filled_columns(a, columns)
        and not crosses_columns(a, columns)
        and not crosses_columns(b, columns)
    ]
    if gaps:
        return median(gaps)
    # only overlapping lines where rows change (a header alone on its page): the gaps under the
    # text above in the same columns show leading and row gaps
    height = median_line_height(lines)
    column_gaps = [g for g in column_wise_gaps(lines, columns) if 0 <= g <= 1.5 * height]
    breaks = [g for g in column_gaps if g - min(column_gaps) >= 0.25 * height]
    return median(breaks) if breaks else None


def is_first_column_row(line: TextLine, gap: float, columns: Sequence[Interval],
                        row_gap: float | None, line_height: float) -> bool:
    """A line that is a one-cell row of the table although no other column is filled: one phrase
    starting at the first column's left edge, `gap` (to the table's next line) no wider than a
    row gap (a note under a table is set apart by paragraph spacing or indented differently)."""
    if row_gap is None or len(line.phrases) != 1:
        return False
    slack = 0.1 * line_height
    return abs(line.x0 - columns[0][0]) <= slack and gap <= row_gap + slack


def read_block(page: int, lines: Sequence[TextLine], rules: Sequence[HRule], settings: TableSettings) -> list[PageItem]:
    """A block of lines as an unruled table with the notes above and below it, or as notes.

    A block with fewer than min_table_lines multi-column lines (but one at least) is a weak
    table: merge keeps it only as the continuation of a table on the page before.
    """
    multi = [i for i, line in enumerate(lines) if len(line.phrases) >= 2]
    notes = [PageNote(page, line) for line in lines]
    if not multi:
        return list(notes)
    size = median([w.size for line in lines for w in line.words])
    first, last = multi[0], multi[-1]
    columns = column_intervals(lines[first : last + 1], settings.column_gap(size))
    if len(columns) < 2:
        return list(notes)
    height = median_line_height(lines)
    row_gap = typical_row_gap(lines, columns)
    weak = len(multi) < settings.min_table_lines
    # a weak piece shows its row gaps only around its multi-column line; a table's own lines
    # say more than a title's spacing above it
    groups, padded = group_rows(lines[first : last + 1], columns, rules, height, settings, lines if weak else ())
    while first > 0 and is_first_column_row(lines[first - 1], lines[first].top - lines[first - 1].bottom,
                                            columns, row_gap, height):
        first -= 1  # a one-cell row right above (the totals caption at the top of a page)
        groups.insert(0, [lines[first]])
    end = last + 1
    while end < len(lines):
        line = lines[end]
        if not starts_new_row(groups[-1], line, columns, height, settings, padded):
            groups[-1].append(line)  # the last row's wrapped cells run below the last multi-column line
        elif is_first_column_row(line, line.top - lines[end - 1].bottom, columns, row_gap, height):
            groups.append([line])  # a one-cell row under the table ("Up to 3 more ..." / "TOTALS")
        else:
            break
        end += 1
    rows = tuple(build_row(group, columns) for group in groups)
    bbox = (columns[0][0], rows[0].top, columns[-1][1], rows[-1].bottom)
    table = PageTable(page=page, bbox=bbox, columns=columns, rows=rows, ruled=False, weak=weak,
                      lines=tuple(lines[first:end]))
    return [*notes[:first], table, *notes[end:]]


def _item_top(item: PageItem) -> float:
    return item.bbox[1] if isinstance(item, PageTable) else item.top


def read_page(page: Any, page_number: int, settings: TableSettings) -> list[PageItem]:
    """A pdfplumber page's tables and notes, top to bottom."""
    words = page_words(page, settings)
    height = median([w.bottom - w.top for w in words]) if words else 10.0
    ruled = find_ruled_tables(page, page_number, words, height, settings)

    def in_ruled(word: Word) -> bool:
        return any(t.bbox[0] <= word.x_center <= t.bbox[2] and t.bbox[1] <= word.y_center <= t.bbox[3] for t in ruled)

    free = [w for w in words if not in_ruled(w)] if ruled else words
    lines = text_lines(free, settings)
    rules = horizontal_rules(page) if lines else []
    items: list[PageItem] = list(ruled)
    for block in split_blocks(lines, [t.bbox[1] for t in ruled], settings):
        top, bottom = block[0].top, block[-1].bottom
        block_rules = [r for r in rules if top - 2 <= r[0] <= bottom + 2]
        items.extend(read_block(page_number, block, block_rules, settings))
    return sorted(items, key=_item_top)

"""One PDF page -> its tables and the lines of text outside them, in reading order.

Ruled tables come from the rulings (ruled.py); the rest of the page is cut into blocks at wide
vertical gaps and at ruled tables, and each block with enough multi-column lines is read as an
unruled table (columns.py, rows.py); every other line is kept as a note.
"""

from __future__ import annotations

from statistics import median
from typing import Any, Sequence

from pipeline.extract.pdf.columns import column_intervals
from pipeline.extract.pdf.layout import TextLine, Word, median_line_height, text_lines, word_from_pdfplumber
from pipeline.extract.pdf.pieces import PageNote, PageTable
from pipeline.extract.pdf.rows import HRule, build_row, group_rows, starts_new_row
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
    return [word_from_pdfplumber(w) for w in words if w["text"].strip()]


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


def read_block(page: int, lines: Sequence[TextLine], rules: Sequence[HRule], settings: TableSettings) -> list[PageItem]:
    """A block of lines as an unruled table with the notes above and below it, or as notes."""
    multi = [i for i, line in enumerate(lines) if len(line.phrases) >= 2]
    notes = [PageNote(page, line) for line in lines]
    if len(multi) < settings.min_table_lines:
        return list(notes)
    size = median([w.size for line in lines for w in line.words])
    first, last = multi[0], multi[-1]
    columns = column_intervals(lines[first : last + 1], settings.column_gap(size))
    if len(columns) < 2:
        return list(notes)
    height = median_line_height(lines)
    groups, padded = group_rows(lines[first : last + 1], columns, rules, height, settings)
    end = last + 1
    while end < len(lines) and not starts_new_row(groups[-1], lines[end], columns, height, settings, padded):
        groups[-1].append(lines[end])  # the last row's wrapped cells run below the last multi-column line
        end += 1
    rows = tuple(build_row(group, columns) for group in groups)
    bbox = (columns[0][0], rows[0].top, columns[-1][1], rows[-1].bottom)
    table = PageTable(page=page, bbox=bbox, columns=columns, rows=rows, ruled=False)
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

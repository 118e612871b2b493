"""Text dumps of PDF tables (tab-separated cells) -> one `LogicalTable`.

A chain of small pure functions: text -> raw rows -> header found -> every row classified
(title, header, repeated header = page break, page-break debris, blank, body). The family layer
interprets the body rows; this module knows nothing of annex families.

Why by hand: csv/pandas read the tabs but know nothing of repeated headers, page debris or
titles glued above a table, which is what a dump of a PDF table is made of.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.core.model import LineKind, LogicalTable, SourceRow

_PUNCTUATION_ONLY = re.compile(r"^[\W_]*$")
# "3", "Page 3", "Page 3 of 5", "3/5", "p. 3", and the same decorated: "- 3 -", "[3]", "(3)"
_PAGE_NUMBER = re.compile(r"^[\s\-\u2013\u2014\[(|]*(?:(?:page|pg\.?|p\.)\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
                          r"[\s\-\u2013\u2014\])|]*$", re.IGNORECASE)
# A line saying the table goes on: "Continued overleaf", "Annex C (continued)", "(cont'd)",
# "continued on next page". Anchored at the end so "Continued support for councils" is no match, and
# a bare "continued" only alone ("... programme continued" may be a wrapped activity's last line).
_CONTINUED_NOTE = re.compile(
    r"(?:\(\s*(?:continued|cont['\u2019]?d\.?)\s*\)"  # "Annex C (continued)"
    r"|\b(?:continued|cont['\u2019]?d\.?)\s+(?:overleaf|over|on\s+(?:the\s+)?next\s+page|below)"  # "... continued overleaf"
    r"|^\W*(?:continued|cont['\u2019]?d\.?|(?:see\s+)?overleaf))\W*$",  # the cell is just "Continued"
    re.IGNORECASE)
_NUMERIC_CELL = re.compile(r"^[£$€]?\s*[-+]?\d[\d,.]*\s*%?$")
_FRAGMENT = re.compile(r"^[a-z][a-z&/\-]*(?: [a-z][a-z&/\-]*){0,2}$")
FORM_FEED = "\f"


def split_rows(text: str) -> list[SourceRow]:
    """One row per line, cells split on tabs and stripped, padded to the widest line.

    Pages are counted here only from form feeds (pdftotext writes them); the repeated header
    is recognised later. Line numbers are 1-based lines of the file.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # a final newline does not start another line
    rows: list[SourceRow] = []
    page = 1
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r")
        while line.startswith(FORM_FEED):
            page += 1
            line = line[1:]
        cells = tuple(_clean_cell(cell) for cell in line.split("\t"))
        rows.append(SourceRow(cells=cells, page=page, line=number, line_end=number, kind=LineKind.BODY))
        page += line.count(FORM_FEED)
    width = max((len(_trimmed(r.cells)) for r in rows), default=0)
    return [replace(r, cells=_pad(_trimmed(r.cells), width)) for r in rows]


def _clean_cell(cell: str) -> str:
    return " ".join(cell.replace(FORM_FEED, " ").split())


def _trimmed(cells: tuple[str, ...]) -> tuple[str, ...]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _pad(cells: tuple[str, ...], width: int) -> tuple[str, ...]:
    return cells + ("",) * (width - len(cells))


def filled(cells: tuple[str, ...]) -> list[int]:
    """Indexes of the non-empty cells."""
    return [i for i, cell in enumerate(cells) if cell]


def _could_be_header(row: SourceRow) -> bool:
    cells = [row.cells[i] for i in filled(row.cells)]
    return len(cells) >= 2 and not all(_NUMERIC_CELL.match(c) for c in cells)


def find_header_start(rows: list[SourceRow]) -> int | None:
    """The header: the first row with two or more non-empty cells, not all numbers, that fills
    more than half of the table's columns. A line above the table with a few cells (a board
    paper's running header "Improvement Board<tab>12 July 2016") fills fewer; when no row fills
    more than half, the first row with two cells is taken."""
    candidates = [index for index, row in enumerate(rows) if _could_be_header(row)]
    if not candidates:
        return None
    width = max(len(_trimmed(r.cells)) for r in rows)
    wide = (index for index in candidates if 2 * len(filled(rows[index].cells)) > width)
    return next(wide, candidates[0])


def is_header_continuation(header: SourceRow, candidate: SourceRow) -> bool:
    """A second header row: it leaves the first column empty, holds no plain numbers (data rows
    do), and fills columns the header row left empty (under a spanning cell) or continues a
    header label wrapped onto it ("Link to business" / "plan": lower-case fragments only)."""
    header_empty = {i for i, cell in enumerate(header.cells) if not cell}
    cells = filled(candidate.cells)
    under_empty = [i for i in cells if i in header_empty]
    wrapped = [i for i in cells if i not in header_empty]  # under a label: a wrap of it
    return (
        bool(cells)
        and not candidate.cells[0]
        and not any(_NUMERIC_CELL.match(candidate.cells[i]) for i in cells)
        and (bool(under_empty) or all(_FRAGMENT.match(candidate.cells[i]) for i in wrapped))
    )


def header_key(cells: tuple[str, ...]) -> tuple[str, ...]:
    """Cells compared case- and spacing-blind, for spotting the header again after a page break."""
    return tuple(" ".join(c.casefold().split()) for c in cells)


def matches_header(row: SourceRow, header: SourceRow) -> bool:
    """The header again: the same cells, allowing a title glued to the first one on either side
    ("Annex B: Theme" on page 1, "Theme" on page 2)."""
    mine, theirs = header_key(row.cells), header_key(header.cells)
    if mine == theirs:
        return True
    if len(mine) != len(theirs) or mine[1:] != theirs[1:] or not any(mine[1:]):
        return False
    first, other = mine[0], theirs[0]
    return bool(first and other) and (first.endswith(other) or other.endswith(first))


def is_debris(row: SourceRow, header: SourceRow) -> bool:
    """Page-break debris: punctuation or page numbers alone, or stray lower-case fragments of a
    wrapped header cell ("plan" of "Link to business plan") with nothing else on the line."""
    cells = [(i, row.cells[i]) for i in filled(row.cells)]
    if not cells:
        return False
    if len(cells) == 1 and _PAGE_NUMBER.match(cells[0][1]):
        return True
    has_punct = any(_PUNCTUATION_ONLY.match(c) for _, c in cells)
    fragments = [
        (i, c) for i, c in cells if not _PUNCTUATION_ONLY.match(c)
    ]
    fragments_in_header_columns = all(
        _FRAGMENT.match(c) and i < len(header.cells) and header.cells[i] for i, c in fragments
    )
    return (has_punct and fragments_in_header_columns) or (not fragments and has_punct)


def _is_continued_note(row: SourceRow) -> bool:
    """One short cell saying the table continues ("Continued overleaf"): page-break furniture."""
    cells = filled(row.cells)
    return len(cells) == 1 and len(row.cells[cells[0]].split()) <= 6 and bool(_CONTINUED_NOTE.search(row.cells[cells[0]]))


def classify_rows(rows: list[SourceRow]) -> list[SourceRow]:
    """Give every row its kind and its page (a repeated header starts a new page)."""
    start = find_header_start(rows)
    if start is None:
        return [replace(r, kind=LineKind.BLANK if r.is_blank() else LineKind.NOTE) for r in rows]
    header_rows = [rows[start]]
    if start + 1 < len(rows) and is_header_continuation(rows[start], rows[start + 1]):
        header_rows.append(rows[start + 1])
    first_header = header_rows[0]

    # Lines above the table seen again inside it: a running header or footer of every page.
    furniture = {header_key(r.cells) for r in rows[:start] if not r.is_blank()}
    out: list[SourceRow] = []
    page_shift = 0
    header_page = first_header.page  # the form-feed page of the latest header
    after_header = False  # debris is only recognised right after a header (a page break)
    index = 0
    while index < len(rows):
        row = rows[index]
        page = row.page + page_shift
        if index < start:
            kind = LineKind.BLANK if row.is_blank() else LineKind.NOTE
        elif start <= index < start + len(header_rows):
            kind = LineKind.HEADER
            after_header = True
        elif row.is_blank():
            kind = LineKind.BLANK
        elif matches_header(row, first_header):
            if row.page == header_page:  # no form feed since the last header: this is the break
                page_shift += 1
                page += 1
            header_page = row.page
            kind = LineKind.REPEATED_HEADER
            out.append(replace(row, page=page, kind=kind))
            # the second header row repeats with it
            for extra in header_rows[1:]:
                if index + 1 < len(rows) and header_key(rows[index + 1].cells) == header_key(extra.cells):
                    index += 1
                    out.append(replace(rows[index], page=page, kind=LineKind.REPEATED_HEADER))
            after_header = True
            index += 1
            continue
        elif (after_header or row.page != rows[index - 1].page) and is_debris(row, first_header):
            kind = LineKind.DEBRIS
        elif len(filled(row.cells)) == 1 and _PAGE_NUMBER.match(row.cells[filled(row.cells)[0]]):
            kind = LineKind.DEBRIS
        elif header_key(row.cells) in furniture or _is_continued_note(row):
            kind = LineKind.DEBRIS
        else:
            kind = LineKind.BODY
            after_header = False
        out.append(replace(row, page=page, kind=kind))
        index += 1
    return out


def read_text_table(text: str, source: str) -> LogicalTable:
    """A whole text dump as one logical table, every line accounted for."""
    rows = classify_rows(split_rows(text))
    pages = tuple(sorted({r.page for r in rows})) or (1,)
    return LogicalTable(source=source, lines=tuple(rows), pages=pages)

"""Write Word (.docx, python-docx) and Excel (.xlsx, openpyxl) annexes from plain specifications,
for tests: the rows are written by the test, cell by cell, with the merges, page breaks, hidden
rows and number formats it asks for. Nothing here reads documents, so a test of the readers
checks them against what was written, not against themselves."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Sequence

Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based, inclusive)


@dataclass(frozen=True)
class WordTable:
    rows: Sequence[Sequence[str]]  # every row as wide as the table; a merged cell's text in its top-left
    merges: Sequence[Merge] = ()
    page_break_before: Sequence[int] = ()  # row indexes: the table is split there by a page break
    repeat_header: int = 0  # header rows typed again at the top of each part after a page break


@dataclass(frozen=True)
class WordDocument:
    blocks: Sequence[str | WordTable]  # paragraphs and tables in order
    landscape: bool = False  # a wide tracker is printed landscape


def write_docx(spec: WordDocument) -> bytes:
    import docx

    document = docx.Document()
    if spec.landscape:
        from docx.enum.section import WD_ORIENT

        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for block in spec.blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            _add_table(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_table(document, spec: WordTable) -> None:
    """One Word table per part (Word splits a table at a page break the user inserts in it)."""
    cuts = [0, *sorted(spec.page_break_before), len(spec.rows)]
    for part, (start, end) in enumerate(zip(cuts, cuts[1:])):
        if part:
            document.add_page_break()
        header = list(spec.rows[: spec.repeat_header]) if part else []
        rows = header + list(spec.rows[start:end])
        width = len(spec.rows[0])
        table = document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                if text:
                    table.cell(r, c).text = text
        for top, left, bottom, right in spec.merges:  # merges within this part, in its row numbers
            if start <= top and bottom < end:
                shift = len(header) - start
                table.cell(top + shift, left).merge(table.cell(bottom + shift, right))
            if part and bottom < spec.repeat_header:  # a merge in the header typed again
                table.cell(top, left).merge(table.cell(bottom, right))


@dataclass(frozen=True)
class Sheet:
    title: str
    rows: Sequence[Sequence[Any]]  # values: str, int, float, date; None for an empty cell
    top_left: str = "A1"  # where rows[0][0] goes
    merges: Sequence[Merge] = ()  # in rows/columns of `rows`
    number_formats: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) of `rows`
    hidden_rows: Sequence[int] = ()  # indexes into `rows`
    hidden_columns: Sequence[int] = ()  # indexes into a row
    hidden: bool = False  # the sheet itself


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        letter, row0 = coordinate_from_string(spec.top_left)
        col0 = column_index_from_string(letter)
        for r, cells in enumerate(spec.rows):
            for c, value in enumerate(cells):
                if value is None or value == "":
                    continue
                cell = sheet.cell(row=row0 + r, column=col0 + c, value=value)
                if (r, c) in spec.number_formats:
                    cell.number_format = spec.number_formats[(r, c)]
        for top, left, bottom, right in spec.merges:
            sheet.merge_cells(start_row=row0 + top, start_column=col0 + left,
                              end_row=row0 + bottom, end_column=col0 + right)
        for r in spec.hidden_rows:
            sheet.row_dimensions[row0 + r].hidden = True
        for c in spec.hidden_columns:
            sheet.column_dimensions[get_column_letter(col0 + c)].hidden = True
        if spec.hidden:
            sheet.sheet_state = "hidden"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def word_from_spec(spec, page_break_before: Sequence[int] = (), repeat_header: bool = True,
                   landscape: bool = False) -> WordDocument:
    """An annex `TableSpec` (tests/generators/annex_pdf.py) as Word would hold it: the title and the
    notes as paragraphs, the header's merged cells merged (`header_merges`), a row whose only text
    is its first cell (a tracker theme) merged across the table, page breaks before body rows."""
    table, notes = _spec_rows(spec)
    n_header = len(spec.header_rows)
    breaks = tuple(n_header + index for index in page_break_before)
    return WordDocument([*spec.title, WordTable(table, _spec_merges(spec), page_break_before=breaks,
                                                repeat_header=n_header if repeat_header else 0), *notes],
                        landscape=landscape)


def sheet_from_spec(spec, title: str = "Annex") -> Sheet:
    """The same table as a worksheet: title lines above it, notes below, merges as in Word."""
    table, notes = _spec_rows(spec)
    above = len(spec.title) + 1 if spec.title else 0  # the title, then an empty row
    rows = [(t,) for t in spec.title] + ([()] if spec.title else []) + list(table) + [(n,) for n in notes]
    merges = tuple((a + above, b, c + above, d) for a, b, c, d in _spec_merges(spec))
    return Sheet(title, rows, merges=merges)


def _spec_rows(spec) -> tuple[list[tuple[str, ...]], tuple[str, ...]]:
    return list(spec.header_rows) + list(spec.rows), tuple(spec.notes)


def _spec_merges(spec) -> tuple[Merge, ...]:
    from generators.annex_pdf import header_merges

    n_header, width = len(spec.header_rows), spec.n_columns
    themes = tuple((n_header + i, 0, n_header + i, width - 1) for i, row in enumerate(spec.rows)
                   if row[0] and not any(row[1:]) and width > 1)
    return tuple(header_merges(spec.header_rows)) + themes

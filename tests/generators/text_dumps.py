"""Write a `TableSpec` as a text dump the way PDF-to-text tools do, for tests: tab-separated
cells, a title line, the header repeated after each page break with stray debris, long cells
wrapped onto continuation lines with the other cells empty, notes below the table."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from generators.annex_pdf import TableSpec


@dataclass(frozen=True)
class DumpLayout:
    page_break_before: tuple[int, ...] = ()  # body row indexes that start a new page
    repeat_header: bool = True
    debris: tuple[str, ...] = ("-",)  # cells of a stray line after a repeated header ("" = none)
    wrap_width: int | None = None  # wrap cells longer than this onto continuation lines
    blank_before_break: bool = True
    form_feed: bool = False  # pdftotext style: a \f starts each new page


def write_text_dump(spec: TableSpec, layout: DumpLayout = DumpLayout()) -> str:
    width = spec.n_columns
    lines: list[str] = []

    def emit(cells) -> None:
        lines.append("\t".join(list(cells) + [""] * (width - len(cells))))

    for title in spec.title:
        emit([title])
    for header in spec.header_rows:
        emit(header)
    for index, row in enumerate(spec.rows):
        if index in layout.page_break_before:
            if layout.blank_before_break:
                emit([])
            if layout.form_feed:
                lines.append("\f" + lines.pop() if lines and not lines[-1].strip() else "\f")
            if layout.repeat_header:
                for header in spec.header_rows:
                    emit(header)
                if any(layout.debris):
                    emit(layout.debris)
        for cells in _wrapped(row, layout.wrap_width):
            emit(cells)
    for note in spec.notes:
        emit([note])
    return "\n".join(lines) + "\n"


def _wrapped(row: tuple[str, ...], width: int | None) -> list[tuple[str, ...]]:
    if not width:
        return [row]
    parts = [textwrap.wrap(cell, width) or [""] for cell in row]
    depth = max(len(p) for p in parts)
    return [tuple(p[i] if i < len(p) else "" for p in parts) for i in range(depth)]


@dataclass(frozen=True)
class DumpTable:
    spec: TableSpec
    page_break_before: tuple[int, ...]  # spec rows that started a new page in the dump


def spec_from_dump(text: str, name: str = "dump.txt") -> DumpTable:
    """The table of an annex dump as a TableSpec, read by the pipeline's own readers: title, header
    rows (a header cell cut by a page break completed from its fragment), theme and data rows in
    printed column order with wrapped lines joined, the totals block as rows, the key as a note, and
    where the dump's pages broke. The inverse of `write_text_dump`, for making PDFs of a dump."""
    from pipeline.extract.text_dump import read_text_table
    from pipeline.families import Role, detect_family, map_rows

    table = read_text_table(text, name)
    mapping = detect_family(table)
    family_table = map_rows(table, mapping)
    width = table.width
    header_rows = tuple(tuple(_completed(cell, mapping.family) for cell in row.cells) for row in table.header_rows)
    rows: list[tuple[str, ...]] = []
    breaks: list[int] = []
    theme, page = None, 1
    for row in family_table.rows:
        if row.page != page:
            page = row.page
            breaks.append(len(rows))
        if row.theme != theme:
            theme = row.theme
            rows.append(_place({"theme": theme}, mapping.columns, width))
        rows.append(_place({k: v for k, v in row.cells.items() if k != "theme"}, mapping.columns, width))
    if family_table.totals:
        rows.append(("TOTALS",) + ("",) * (width - 1))
        # the totals block's statements, in the columns the plan prints them in
        rows.append(_place(dict(zip((mapping.family.key_column, "audience"), family_table.totals)),
                           mapping.columns, width))
    spec = TableSpec(
        title=tuple(line.row.cells[0] for line in family_table.lines if line.role is Role.TITLE),
        header_rows=header_rows,
        rows=tuple(rows),
        notes=tuple(f"KEY {k} = {v}" for k, v in family_table.key.items()),
    )
    return DumpTable(spec, tuple(b for b in breaks if 0 < b < len(rows)))


def _completed(cell: str, family) -> str:
    """A header cell whose last words a page break cut off ("Link to business" of "Link to
    business plan") printed in full, as the PDF had it."""
    for column in family.columns:
        if cell and column.label.lower().startswith(cell.lower()) and column.label.lower() != cell.lower():
            return column.label
    return cell


def _place(cells: dict[str, str], column_of: dict[str, int], width: int) -> tuple[str, ...]:
    out = [""] * width
    for name, text in cells.items():
        if name in column_of:
            out[column_of[name]] = text or ""
    return tuple(out)

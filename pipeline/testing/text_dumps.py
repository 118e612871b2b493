"""Write a `TableSpec` as a text dump the way PDF-to-text tools do, for tests: tab-separated
cells, a title line, the header repeated after each page break with stray debris, long cells
wrapped onto continuation lines with the other cells empty, notes below the table."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from pipeline.testing.annex_pdf import TableSpec


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

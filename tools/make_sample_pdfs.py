"""Make the sample release's annex PDFs from its text dumps, with the repo's PDF generator.

    python tools/make_sample_pdfs.py                       # raw/2015-16-q2/*.txt -> raw/2015-16-q2/*.pdf
    python tools/make_sample_pdfs.py --dumps ../shared/seeds --out raw/2015-16-q2 --engine reportlab

Each dump `NAME.txt` becomes `NAME.pdf`, laid out by LibreOffice (python-docx -> soffice, as
councils' PDFs are made), or by reportlab when soffice is absent; the script says which it used.

The dump reader below is deliberately small and test-only: it rebuilds a TableSpec from a dump's
shape (tabs, empty cells, letter case), knowing nothing of annex families or of these documents.
The pipeline's own readers live in pipeline/extract; this one only feeds the generator.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.testing.annex_pdf import Layout, TableSpec, libreoffice_available, write_pdf

WIDE_TABLE_COLUMNS = 7  # tables with more columns than this are laid out on landscape pages


@dataclass(frozen=True)
class DumpTable:
    spec: TableSpec
    page_break_before: tuple[int, ...]  # body rows that followed a repeated header in the dump


def read_dump(text: str) -> DumpTable:
    """A dump's table: title lines, 1-2 header rows, body rows (wrapped lines joined), notes.

    - title: single-cell lines before the first multi-cell row (the header);
    - a second header row: the next row, when its text sits only under the header's spanning cells
      (a header cell followed by empty cells, e.g. the quarter labels under "per quarter");
    - a repeated header (a page break in the source) is dropped and its position kept; a row right
      after a header made only of lower-case words or punctuation is a wrapped header fragment;
    - a row whose text all starts lower-case, in columns the previous row filled, continues it;
    - notes: single-cell lines after the last multi-cell row.
    """
    rows = [_cells(line) for line in text.splitlines()]
    width = max((len(r) for r in rows), default=0)
    rows = [r + ("",) * (width - len(r)) for r in rows if any(r)]
    first = next((i for i, r in enumerate(rows) if len(_filled(r)) > 1), None)
    if first is None:
        raise ValueError("the dump has no row with more than one cell: no table")
    last = max(i for i, r in enumerate(rows) if len(_filled(r)) > 1)
    title = tuple(" ".join(r[c] for c in _filled(r)) for r in rows[:first])
    header = [rows[first]]
    rest = rows[first + 1 : last + 1]
    if rest and _is_sub_header(rest[0], rows[first]):
        header.append(rest.pop(0))
    notes = tuple(" ".join(r[c] for c in _filled(r)) for r in rows[last + 1 :])

    body: list[tuple[str, ...]] = []
    breaks: list[int] = []
    after_header = True
    for row in rest:
        if row == header[0] or (len(header) == 2 and row == header[1] and after_header):
            if row == header[0]:
                breaks.append(len(body))
            after_header = True
            continue
        if after_header and _is_fragment(row):
            continue
        if not after_header and body and _continues(row, body[-1]):
            body[-1] = tuple(f"{a} {b}".strip() if b else a for a, b in zip(body[-1], row))
            continue
        body.append(row)
        after_header = False
    spec = TableSpec(title=title, header_rows=tuple(header), rows=tuple(body), notes=notes)
    return DumpTable(spec=spec, page_break_before=tuple(b for b in breaks if 0 < b < len(body)))


def _cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.rstrip("\r\n").split("\t"))


def _filled(row: tuple[str, ...]) -> list[int]:
    return [i for i, c in enumerate(row) if c]


def _spanned_columns(header: tuple[str, ...]) -> set[int]:
    """Columns under a header cell that is followed by empty cells (the cell spans them)."""
    cols: set[int] = set()
    for i, text in enumerate(header):
        if text and i + 1 < len(header) and not header[i + 1]:
            j = i + 1
            while j < len(header) and not header[j]:
                j += 1
            cols |= set(range(i, j))
    return cols


def _is_sub_header(row: tuple[str, ...], header: tuple[str, ...]) -> bool:
    filled = set(_filled(row))
    return bool(filled) and filled <= _spanned_columns(header)


def _is_fragment(row: tuple[str, ...]) -> bool:
    return all(_starts_lower(c) or not any(ch.isalnum() for ch in c) for c in row if c)


def _continues(row: tuple[str, ...], previous: tuple[str, ...]) -> bool:
    filled = _filled(row)
    return bool(filled) and set(filled) <= set(_filled(previous)) and all(_starts_lower(row[i]) for i in filled)


def _starts_lower(text: str) -> bool:
    return text[:1].isalpha() and text[:1].islower()


def layout_for(table: DumpTable, engine: str) -> Layout:
    """Ruled; landscape when wide; grouped tables (body rows with an empty first cell) get their
    single-cell heading rows drawn as one spanning cell, as trackers' themes are."""
    spec = table.spec
    grouped = any(not row[0] and any(row) for row in spec.rows)
    return Layout(
        engine=engine,
        font="Liberation Sans" if engine == "libreoffice" else "Helvetica",
        font_size=9,
        landscape=spec.n_columns > WIDE_TABLE_COLUMNS,
        ruled=True,
        repeat_header=True,
        span_single_cell_rows=grouped,
        page_break_before=table.page_break_before,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dumps", type=Path, default=Path("raw/2015-16-q2"), help="folder of NAME.txt dumps")
    parser.add_argument("--out", type=Path, default=None, help="folder for NAME.pdf (default: --dumps)")
    parser.add_argument("--engine", choices=("auto", "libreoffice", "reportlab"), default="auto")
    args = parser.parse_args(argv)
    out_dir = args.out or args.dumps
    engine = args.engine
    if engine == "auto":
        engine = "libreoffice" if libreoffice_available() else "reportlab"
    dumps = sorted(args.dumps.glob("*.txt"))
    if not dumps:
        print(f"no *.txt dumps in {args.dumps}", file=sys.stderr)
        return 1
    for dump in dumps:
        table = read_dump(dump.read_text(encoding="utf-8"))
        layout = layout_for(table, engine)
        path = write_pdf(table.spec, layout, out_dir / (dump.stem + ".pdf"))
        print(f"{path} <- {dump} ({engine}; {len(table.spec.rows)} rows, "
              f"{'landscape' if layout.landscape else 'portrait'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

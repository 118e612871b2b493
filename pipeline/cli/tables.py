"""`annex tables FILE`: the logical tables of a text-layer PDF, a Word or an Excel file, as JSON or CSV.

The JSON field names ("tables", "pages", "header_rows", "rows", "page", "cells") are a contract
for users' scripts. Rows are the title rows drawn inside a ruled table, the header rows (first occurrence), then the
body rows, in order;
repeated headers and the text around the table are left out.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from pipeline.core.csv_safe import neutralised
from pipeline.core.errors import DocumentError, ExitCode
from pipeline.core.model import Document, LineKind, LogicalTable

EXAMPLE = """example:
  annex tables annex-b.pdf --pages 1-3
  {"tables": [{"pages": [1, 2, 3], "header_rows": 2, "rows": [{"page": 1, "cells": ["Theme", ...]}, ...]}]}
  annex tables annex-b.pdf --format csv --output out/     # out/table-1.csv, out/table-2.csv, ...
  annex tables tracker.xlsx --format csv > tables.csv    # to stdout: tables one after another,
                                                         # an empty line between two tables
  annex tables annex-b.pdf --debug-image seen/            # seen/page-001.png, ...: what was read where
  annex tables annex-b.pdf --pdf-source pdfminer          # pdfminer parses the pages (slower, the same tables)
  annex tables tracker.xlsx     # "pages": each sheet's position; "skipped": its hidden rows and columns
  annex tables plan.docx        # "pages": each Word table's ordinal (1 = the first table)

A cell spanning several columns has its text in its first column and "" in the others; a
table continued over pages is one table, its repeated header rows left out.

--debug-image draws each page's pieces over the page: tables red (labelled ruled or unruled,
columns x rows; "weak": kept only to continue a table from the page before), columns blue, rows
green, spanning cells orange, text outside tables grey. A table continued over pages shows as
one piece per page there."""


def register(subparsers: argparse._SubParsersAction, formatter_class: type[argparse.HelpFormatter]) -> None:
    parser = subparsers.add_parser(
        "tables",
        help="print the tables of a PDF, Word or Excel file (JSON, or CSV files)",
        description="Rebuild the logical tables of a text-layer PDF: tables continued over pages "
        "joined, wrapped cells kept whole, repeated headers dropped, spanning header cells placed.",
        epilog=EXAMPLE,
        formatter_class=formatter_class,
    )
    parser.add_argument("file", metavar="FILE", help="the PDF, Word (.docx) or Excel (.xlsx) file to read "
                        "(.doc/.xls/.odt/.ods converted with LibreOffice)")
    parser.add_argument("--pages", metavar="RANGES", default=None, help="pages to read, e.g. 1-3,5 (default: all)")
    parser.add_argument("--format", choices=("json", "csv"), default="json", help="output format")
    parser.add_argument("--output", metavar="DIR", default=None,
                        help="with --format csv: write one file per table into DIR (table-1.csv, ...) "
                        "instead of standard output")
    parser.add_argument("--debug-image", metavar="DIR", default=None,
                        help="also write one PNG per page to DIR (page-001.png, ...) with the tables, rows, "
                        "columns and spanning cells found drawn over the page; written even when no table is found")
    parser.add_argument("--pdf-source", choices=("pdfium", "pdfminer"), default=None,
                        help="what parses the PDF's pages: pdfium (default, faster) or pdfminer; the same tables "
                        "(benchmarks/README.md, 'PDF page sources')")
    parser.set_defaults(func=run)


def table_rows(table: LogicalTable) -> list[dict[str, Any]]:
    """Title rows drawn in the table, header rows, then body rows, each with its page and cells."""
    order = (LineKind.TITLE, LineKind.HEADER, LineKind.BODY)
    kept = [r for kind in order for r in table.lines if r.kind is kind]
    return [{"page": r.page, "cells": list(r.cells)} for r in kept]


def tables_json(tables: list[LogicalTable]) -> dict[str, Any]:
    # "skipped" only when the reader left something out (an Excel sheet's hidden rows and columns)
    return {
        "tables": [
            {"pages": list(t.pages), "header_rows": len(t.header_rows), "rows": table_rows(t)}
            | ({"skipped": list(t.skipped)} if t.skipped else {})
            for t in tables
        ]
    }


def write_csv(table: LogicalTable, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    for row in table_rows(table):  # for people: formulas neutralised (JSON keeps the text)
        writer.writerow([neutralised(cell) for cell in row["cells"]])


def run(args: argparse.Namespace) -> int:
    # imported here: the settings and the PDF reader in its budget, 0.6 s measured, which
    # `annex --help` (0.2 s) need not pay
    from pipeline.core.settings import Settings
    from pipeline.extract.budget import read_pdf_in_budget
    from pipeline.extract.pdf_tables import parse_page_ranges

    if args.format == "json" and args.output:
        print("annex tables: error: --output DIR is for --format csv (JSON goes to standard output)",
              file=sys.stderr)
        return int(ExitCode.BAD_INPUT)
    try:
        pages = parse_page_ranges(args.pages) if args.pages else None
    except ValueError as error:
        print(f"annex tables: error: --pages: {error}", file=sys.stderr)
        return int(ExitCode.BAD_INPUT)
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(file=str(path), cause=f"cannot be read ({error.strerror or error})",
                            fix="check the path and permissions") from error
    if b"%PDF-" not in data[:1024]:  # as the PDF reader looks; else Word, Excel or an error
        return run_office(args, data, path)
    if args.debug_image:
        # Before reading the tables: when no table is found (exit 2), the images show why.
        # Imported here: pdfplumber's drawing and Pillow, 0.09 s measured, only --debug-image needs it
        from pipeline.extract.pdf.debug_image import write_debug_images

        folder = Path(args.debug_image)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # a usage mistake (a file of that name, no permission), not a bug
            print(f"annex tables: error: --debug-image {folder}: cannot create the folder "
                  f"({error.strerror or error}); give a folder path", file=sys.stderr)
            return int(ExitCode.BAD_INPUT)
        written = write_debug_images(data, str(path), folder, pages=pages)
        print(f"wrote {len(written)} page image(s) to {args.debug_image}", file=sys.stderr)
    # held to the per-document budget of the default settings (time, memory, pages), as in a run
    tables = read_pdf_in_budget(data, str(path), Settings(pdf_source=args.pdf_source) if args.pdf_source else Settings(),
                                pages=pages)
    return emit(args, tables)


def run_office(args: argparse.Namespace, data: bytes, path: Path) -> int:
    """A Word or Excel file (pages: Word tables' ordinals, Excel sheets' positions); --pages and
    --debug-image are about a PDF's pages and refused here."""
    # imported here: the readers, 0.56 s measured, `annex --help` (0.2 s) need not pay it
    from pipeline.extract.budget import read_tables
    from pipeline.extract.documents import sniff_kind

    kind = sniff_kind(data, str(path))
    if kind.value == "text":
        print(f"annex tables: error: {path} is not a PDF, Word or Excel file (a text dump? "
              "annex run reads those)", file=sys.stderr)
        return int(ExitCode.BAD_INPUT)
    for option, value in (("--pages", args.pages), ("--debug-image", args.debug_image)):
        if value:
            print(f"annex tables: error: {option} applies to PDFs only ({path} is {kind.value})", file=sys.stderr)
            return int(ExitCode.BAD_INPUT)
    tables = read_tables(Document(name=str(path), data=data, kind=kind, path=str(path)))
    return emit(args, tables)  # read in the budget, with the default settings' limits, as in a run


def emit(args: argparse.Namespace, tables: list[LogicalTable]) -> int:
    """The tables as JSON on standard output, as CSV there (an empty line between two tables), or
    one CSV file each in --output."""
    if args.format == "json":
        json.dump(tables_json(tables), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return int(ExitCode.OK)
    if not args.output:
        for number, table in enumerate(tables):
            if number:
                sys.stdout.write("\n")  # an empty line between two tables
            write_csv(table, sys.stdout)
        return int(ExitCode.OK)
    folder = Path(args.output)
    folder.mkdir(parents=True, exist_ok=True)
    for number, table in enumerate(tables, start=1):
        with open(folder / f"table-{number}.csv", "w", encoding="utf-8", newline="") as out:
            write_csv(table, out)
    print(f"wrote {len(tables)} table(s) to {folder}", file=sys.stderr)
    return int(ExitCode.OK)

"""Limits every reader obeys, and the errors that say a document passed one: the per-document
budget of time and memory (pipeline/extract/budget.py enforces it), and the sizes a table may
declare (annex.max_rows, max_columns, max_cells), checked before a reader believes them: a
KB-sized file can declare a sheet of 17 billion cells, a merge to XFD1048576 or a Word cell
spanning 200 million columns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.core.errors import DocumentError
from pipeline.core.model import DocumentKind

if TYPE_CHECKING:  # pydantic, which the reader worker does not import: pipeline/core/plain_settings.py
    from pipeline.core.settings import Settings

_SHOWN = 80  # characters of a sheet or table name shown in an error (a name can be long)


# What each format is called in the budget's messages, and what to check before raising it.
_WHAT = {DocumentKind.PDF: ("the PDF", "a page drawing one object millions of times?",
                            "streams that inflate to gigabytes?"),
         DocumentKind.TEXT: ("the text dump", "a wrong export?", "a wrong export?"),
         DocumentKind.DOCX: ("the Word document", "a table declaring millions of cells?",
                             "a table declaring millions of cells?"),
         DocumentKind.XLSX: ("the Excel workbook", "a sheet declaring millions of cells?",
                             "a sheet declaring millions of cells?"),
         DocumentKind.DOC: ("the Word 97-2003 / OpenDocument text", "LibreOffice hanging on it?",
                            "repeated cells declared by the millions?"),
         DocumentKind.XLS: ("the Excel 97-2003 / OpenDocument spreadsheet", "LibreOffice hanging on it?",
                            "repeated cells declared by the millions?")}


def time_error(name: str, kind: DocumentKind, settings: Settings) -> DocumentError:
    what, check, _ = _WHAT[kind]
    return DocumentError(
        name, f"reading {what} took longer than its budget of {settings.max_document_seconds:,} s "
        "(annex.max_document_seconds); stopped",
        fix=f"check {what} ({check}); if it is a genuine document, raise annex.max_document_seconds "
        "in params.yaml")


def memory_error(name: str, kind: DocumentKind, settings: Settings) -> DocumentError:
    what, _, check = _WHAT[kind]
    return DocumentError(
        name, f"reading {what} needed more memory than its budget of "
        f"{_mib(settings.max_document_memory)} (annex.max_document_memory); stopped",
        fix=f"check {what} ({check}); if it is a genuine document, raise annex.max_document_memory "
        "in params.yaml")


def _mib(n: int) -> str:
    return f"{n / 2**30:g} GiB" if n >= 2**30 else f"{n / 2**20:,.0f} MiB"



def check_table_size(name: str, table: str, rows: int, columns: int, cells: int,
                     settings: Settings) -> None:
    """Refuse a table that declares more rows, columns or cells than the settings allow, naming
    the file, the table (`table`, e.g. "sheet 'Plan'") and the setting."""
    for count, limit, setting, what in ((rows, settings.max_rows, "max_rows", "rows"),
                                        (columns, settings.max_columns, "max_columns", "columns"),
                                        (cells, settings.max_cells, "max_cells", "cells")):
        if count > limit:
            shown = table if len(table) <= _SHOWN else table[:_SHOWN] + "..."
            raise DocumentError(
                name, f"{shown} declares {count:,} {what}, over the limit of {limit:,} "
                f"(annex.{setting}): not an annex's table",
                fix=f"check it is the right file (a sheet or table sized far past its content?), or "
                f"raise annex.{setting} in params.yaml")

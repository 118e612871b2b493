"""CSV written for people to open in a spreadsheet, safe from CSV injection: a cell whose text
starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and LibreOffice
(`=HYPERLINK(...)` from a document would run when the file is opened), so it is written with a
single quote in front, as OWASP advises ("CSV Injection"); the quote shows the text is text.
Only CSV gets this: Parquet and JSON keep every text exactly as read."""

from __future__ import annotations

import re

import pyarrow as pa

FORMULA_START = re.compile(r"^[=+\-@\t\r]")
_FORMULA_START_PATTERN = r"^[=+\-@\t\r]"


def neutralised(text: str) -> str:
    """`text` as a CSV cell a spreadsheet shows and never runs."""
    return "'" + text if FORMULA_START.match(text) else text


def neutralised_table(table: pa.Table) -> pa.Table:
    """The table with every text column's cells neutralised (numbers, dates and nulls as they are)."""
    # here, not at the top: pyarrow.compute costs 0.03 s CPU at the start of every annex command
    # (measured on `annex --help`: 0.19 -> 0.22 s; the CLI's parser imports this module), and only a
    # CSV of `annex diff` needs it
    import pyarrow.compute as pc

    columns = []
    for column in table.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            quoted = pc.binary_join_element_wise("'", column, "")
            column = pc.if_else(pc.match_substring_regex(column, _FORMULA_START_PATTERN), quoted, column)
        columns.append(column)
    return pa.table(columns, names=table.column_names)

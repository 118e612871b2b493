"""Staged tables: what extraction saw, before normalisation, with provenance for every line."""

from __future__ import annotations

import pyarrow as pa

from pipeline.families import FamilyTable

STAGED_LINES_SCHEMA = pa.schema([
    pa.field("release", pa.string(), nullable=False),
    pa.field("source_file", pa.string(), nullable=False),
    pa.field("family", pa.string(), nullable=False),
    pa.field("source_page", pa.int32(), nullable=False),
    pa.field("line", pa.int32()),
    pa.field("line_end", pa.int32()),
    pa.field("role", pa.string(), nullable=False),
    pa.field("reason", pa.string(), nullable=False),
    pa.field("cells", pa.list_(pa.string()), nullable=False),
])


def staged_lines_table(table: FamilyTable, release: str) -> pa.Table:
    rows = [
        {
            "release": release,
            "source_file": table.source,
            "family": table.family,
            "source_page": line.row.page,
            "line": line.row.line,
            "line_end": line.row.line_end,
            "role": line.role.value,
            "reason": line.reason,
            "cells": list(line.row.cells),
        }
        for line in table.lines
    ]
    return pa.Table.from_pylist(rows, schema=STAGED_LINES_SCHEMA)


def staged_documents(tables: list[FamilyTable], release: str) -> dict[str, pa.Table]:
    """Per document, the staged lines of all its tables in reading order: one file per document,
    so that a document's second table does not overwrite its first."""
    by_source: dict[str, list[FamilyTable]] = {}
    for table in tables:
        by_source.setdefault(table.source, []).append(table)
    return {source: pa.concat_tables([staged_lines_table(t, release) for t in group])
            for source, group in by_source.items()}

"""The data dictionary: every curated column's type and description, rendered to Markdown from
pipeline/schema.py (the only place descriptions are written), pipeline/diff.py's output
schema and pipeline/core/flags.py (what each row flag means). docs/data-dictionary.md is this
text; `annex docs --check` fails when it is stale."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from pipeline.core.flags import flags_markdown
from pipeline.diff import DIFF
from pipeline.schema import CURATED_TABLES, RELEASE_TYPE, SCHEMA_VERSION, TableSpec

DICTIONARY_PATH = Path("docs") / "data-dictionary.md"

_HEADER = """# Data dictionary

<!-- Generated from pipeline/schema.py by `annex docs`; do not edit by hand. -->

Curated tables are Parquet files at `curated/<table>/release=<id>/part-0.parquet`, schema version
{version}. Each column's description below is also stored in its Parquet field metadata (key
`description`), and each file's schema metadata names its table. Types are Arrow types; pandas with
`dtype_backend="pyarrow"`, Polars and DuckDB read them as the same types (`release` reads as a
string or categorical).
"""


def arrow_type_name(column_type: pa.DataType) -> str:
    if column_type == RELEASE_TYPE:
        return "string (dictionary-encoded)"
    return str(column_type)


def table_markdown(spec: TableSpec) -> list[str]:
    lines = [f"## `{spec.name}`", "", spec.description, "",
             f"Unique key: {', '.join(f'`{k}`' for k in spec.key)}.", "",
             "| column | type | nulls | description |", "|---|---|---|---|"]
    for column in spec.columns:
        description = column.description.replace("|", "\\|")
        lines.append(f"| `{column.name}` | {arrow_type_name(column.type)} | "
                     f"{'yes' if column.nullable else 'no'} | {description} |")
    return lines + [""]


def render_dictionary() -> str:
    lines = [_HEADER.format(version=SCHEMA_VERSION)]
    lines += ["Tables: " + ", ".join(f"[`{name}`](#{name})" for name in CURATED_TABLES) + ".", ""]
    for spec in CURATED_TABLES.values():
        lines += table_markdown(spec)
    lines += ["# Outputs of commands", "",
              "Not published to curated/: written by a command when asked.", ""]
    lines += table_markdown(DIFF)
    lines += flags_markdown()
    return "\n".join(lines).rstrip() + "\n"


def is_current(path: Path) -> bool:
    path = Path(path)
    return path.is_file() and path.read_text(encoding="utf-8") == render_dictionary()

"""`annex diff`: what changed between two published releases."""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipeline.cli.options import add_location_options
from pipeline.core.csv_safe import neutralised_table
from pipeline.core.display import plain, shown
from pipeline.core.errors import AnnexError
from pipeline.diff import diff_releases

FORMATS = ("text", "json")
ITEM_WIDTH = 30  # characters of an item's text on screen (the files keep it whole)
EXAMPLE = """examples:
  annex diff 2015-16-q2 2015-16-q3                        # print the changes
  annex diff 2015-16-q2 2015-16-q3 --output changes.parquet
  annex diff 2015-16-q2 2015-16-q3 --output changes.csv --curated /data/curated
  annex diff 2015-16-q2 2015-16-q3 --format json | jq '.changes[].item'
  annex diff 2015-16-q2 2015-16-q3 --exit-code > /dev/null || echo "something changed"
"""


def register(subparsers, formatter_class) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "diff", help="list activities and deliverables changed between two releases",
        description="Compare two published releases: activities added, removed, rescheduled "
        "(date_start, date_end or date_precision changed) or whose status changed; deliverables "
        "(matched by deliverable_id) added, removed, or whose counts or commentary changed. "
        "Activities have no id: they are matched by their text (case, spacing and punctuation "
        "ignored) and their order among activities of the same text, same dates first. One row per "
        "changed field. Printed as a table (or JSON with --format json); --output also writes it as "
        "Parquet or CSV. With --exit-code, exits 1 when something changed, 0 when nothing did "
        "(as git diff --exit-code).",
        epilog=EXAMPLE, formatter_class=formatter_class)
    parser.add_argument("release_a", metavar="RELEASE_A", help="the earlier release")
    parser.add_argument("release_b", metavar="RELEASE_B", help="the later release")
    add_location_options(parser, ("curated",))
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text: tables for the terminal; json: one object on stdout, "
                        '{"from", "to", "changes": [one object per changed field]}')
    parser.add_argument("--exit-code", action="store_true",
                        help="exit 1 when the releases differ, 0 when they do not")
    parser.add_argument("--output", type=Path, default=None, metavar="FILE",
                        help="also write the diff to FILE (.parquet or .csv)")
    parser.set_defaults(func=diff_command)
    return parser


def diff_command(args: argparse.Namespace) -> int:
    # imported here: 0.96 s measured (matplotlib, PIL), `annex --help` (0.22 s) need not pay it
    from pipeline.report.data import load_release

    if args.output is not None and args.output.suffix.lower() not in (".parquet", ".csv"):
        raise AnnexError(str(args.output), "unknown output format", fix="name a .parquet or .csv file")
    a = load_release(args.curated, args.release_a)
    b = load_release(args.curated, args.release_b)
    diff = diff_releases(a.release, a.tables, b.release, b.tables)
    if args.format == "json":
        print(diff_json(diff, a.release, b.release))
    else:
        console = Console(highlight=False)
        for part in diff_tables(diff, a.release, b.release):
            console.print(part)
    if args.output is not None:
        write_diff(diff, args.output)
        Console(stderr=True, highlight=False).print(
            plain(f"wrote {diff.num_rows} change(s) to {args.output}"))
    return 1 if args.exit_code and diff.num_rows else 0


def diff_json(diff, release_a: str, release_b: str) -> str:
    """The diff as one JSON object; values as the Parquet/CSV output has them (text, or null)."""
    return json.dumps({"from": release_a, "to": release_b, "changes": diff.to_pylist()},
                      ensure_ascii=False, default=str)


def diff_tables(diff, release_a: str, release_b: str) -> list:
    """The diff for the terminal: a heading, then one rich table per curated table with changes.
    An item's name is shown once for its consecutive changes and shortened to fit 80 columns."""
    rows = diff.to_pylist()
    # Cells are documents' text: rich Text objects (never parsed as markup), control characters
    # shown escaped (pipeline/core/display.py).
    out = [Text(f"{len(rows)} change(s) from {shown(release_a)} to {shown(release_b)}", style="bold")]
    for name in ("activities", "deliverables"):
        changes = [r for r in rows if r["table"] == name]
        if not changes:
            continue
        table = Table(title=Text(f"{name}: {len(changes)} change(s)"), title_justify="left")
        for column in ("change", "rows", "item", "field", "before", "after"):
            table.add_column(column, overflow="fold")
        previous = None
        for row in changes:
            item = (row["row_a"], row["row_b"])
            table.add_row(plain(row["change"]), plain(_rows_text(row["row_a"], row["row_b"])),
                          plain(_short(shown(row["item"])) if item != previous else ""),
                          plain(row["field"] or ""), plain(row["before"] or ""), plain(row["after"] or ""))
            previous = item
        out.append(table)
    return out


def _short(text: str) -> str:
    return textwrap.shorten(text, ITEM_WIDTH, placeholder="…")


def _rows_text(row_a: int | None, row_b: int | None) -> str:
    return f"{'-' if row_a is None else row_a}→{'-' if row_b is None else row_b}"


def write_diff(diff, path: Path) -> None:
    # imported here: 0.03 s CPU measured on `annex --help` (0.19 -> 0.22 s), which builds every command's
    # parser; only a diff with --output needs them
    import pyarrow.csv as csv
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":  # for people: formulas neutralised (Parquet keeps the text)
        csv.write_csv(neutralised_table(diff), path)
    else:
        pq.write_table(diff, path)

"""`annex docs`: write the data dictionary from the code's schema, or check it is current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.dictionary import DICTIONARY_PATH, is_current, render_dictionary

EXAMPLE = """examples:
  annex docs                                  # regenerate docs/data-dictionary.md
  annex docs --check                          # exit 1 if docs/data-dictionary.md is stale
  annex docs --output /tmp/data-dictionary.md
"""


def register(subparsers, formatter_class) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "docs", help="write the data dictionary (every curated column) from the schema in code",
        description="Render the data dictionary, one description per curated column, from "
        "pipeline/schema.py (the same descriptions are in each Parquet field's metadata). With "
        "--check, write nothing and exit 1 if the file differs from what the code gives.",
        epilog=EXAMPLE, formatter_class=formatter_class)
    parser.add_argument("--output", type=Path, default=DICTIONARY_PATH, metavar="FILE",
                        help="Markdown file to write or check")
    parser.add_argument("--check", action="store_true",
                        help="only check the file is current; exit 1 when it is stale")
    parser.set_defaults(func=docs_command)
    return parser


def docs_command(args: argparse.Namespace) -> int:
    if args.check:
        if is_current(args.output):
            print(f"{args.output} is current")
            return 0
        print(f"{args.output} is stale: run `annex docs` and commit it", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render_dictionary(), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0

"""`annex dates`: read date cells on standard input, write one JSON object per line.

The output keys ("text", "start", "end", "precision", "status") are a contract for users'
scripts; they come from `DateRange.to_json`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from pipeline.core.errors import ExitCode
from pipeline.core.fiscal import FinancialYear

EXAMPLE = """example:
  annex dates --financial-year 2015/16 < date-cells.txt > dates.jsonl

  printf '14/15 May - completed\\nFeb / March\\n' | annex dates --financial-year 2015/16
  {"text": "14/15 May - completed", "start": "2015-05-14", "end": "2015-05-15", "precision": "day_range", "status": "completed"}
  {"text": "Feb / March", "start": "2016-02-01", "end": "2016-03-31", "precision": "month_range", "status": "planned"}

A year-less month is placed in the financial year (April-December in its first calendar year,
January-March in its second). precision: day, day_range, month, month_range, quarter, year,
unknown; status: completed, confirmed, tbc, cancelled, planned."""


def register(subparsers: argparse._SubParsersAction, formatter_class: type[argparse.HelpFormatter]) -> None:
    parser = subparsers.add_parser(
        "dates",
        help="normalise date cells (one per line on stdin) to JSON lines",
        description="Normalise date cells, one per line on standard input, to inclusive date "
        "ranges with a precision and a status; one JSON object per line on standard output.",
        epilog=EXAMPLE,
        formatter_class=formatter_class,
    )
    # Read as text and checked in `run` so a bad year is one line on stderr, not argparse's usage block.
    parser.add_argument(
        "--financial-year",
        required=True,
        default=argparse.SUPPRESS,  # no "(default: None)" in the help of a required option
        metavar="YYYY/YY",
        help="the document's financial year, e.g. 2015/16 (April 2015 to March 2016)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        financial_year = FinancialYear.parse(args.financial_year)
    except ValueError as error:
        print(f"annex dates: error: --financial-year: {error}", file=sys.stderr)
        return int(ExitCode.BAD_INPUT)
    write_json_lines(sys.stdin, sys.stdout, financial_year)
    return int(ExitCode.OK)


def write_json_lines(lines: TextIO, out: TextIO, financial_year: FinancialYear) -> None:
    """One output line per input line, in order; the cell is the line without its line ending."""
    from pipeline.normalise.dates import normalise_date

    for line in lines:
        cell = line.rstrip("\r\n")
        out.write(json.dumps(normalise_date(cell, financial_year).to_json(), ensure_ascii=False) + "\n")

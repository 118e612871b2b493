"""`annex dates`: read date cells on standard input, write one JSON object per line.

The output keys ("text", "start", "end", "precision", "status", and "flag" only on a cell refused
for a stated reason or read through a correction) are a contract for users' scripts; they are
`DateRange.to_json`'s.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import gc
import sys
from collections.abc import Iterator
from dataclasses import replace
from json.encoder import encode_basestring as _escape  # the C escaper json.dumps uses (ensure_ascii=False)
from typing import TYPE_CHECKING, TextIO

from pipeline.core.errors import ExitCode
from pipeline.core.fiscal import FinancialYear
# normalise_date's own path for a cell's text alone, without its checks for a context or a stored
# value, which no line has (0.1 us a cell)
from pipeline.normalise.dates.cell import normalise_cell

if TYPE_CHECKING:
    from pipeline.normalise.dates import DateRange

EXAMPLE = """example:
  annex dates --financial-year 2015/16 < date-cells.txt > dates.jsonl

  printf '14/15 May - completed\\nFeb / March\\n' | annex dates --financial-year 2015/16
  {"text": "14/15 May - completed", "start": "2015-05-14", "end": "2015-05-15", "precision": "day_range", "status": "completed"}
  {"text": "Feb / March", "start": "2016-02-01", "end": "2016-03-31", "precision": "month_range", "status": "planned"}

A year-less month is placed in the financial year (April-December in its first calendar year,
January-March in its second). precision: day, day_range, month, month_range, quarter, year,
unknown; status: completed, confirmed, tbc, deferred, cancelled, planned ("Deferred to Q4" is
deferred, dated Q4). A cell with a piece that is no date part, flag or known filler is unknown,
never a date built from the rest. A cell refused for a stated reason, or read through a
correction, also has "flag", e.g. "12 May 3015" -> "flag": "year_out_of_range" (a written year
is read only from 1900 to 2099), "12 Ocotber" -> "flag": "month_corrected". The rules, with
examples: docs/dates.md."""


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
    with _garbage_collected_less_often():
        write_json_lines(sys.stdin, sys.stdout, financial_year)
    # The readers' caches are freed here, not left to the interpreter's shutdown, which took 0.3 s
    # CPU over them after 59,271 distinct cells (bench_dates.py) against 0.02 s for this call.
    # Imported here as normalise_date is in write_json_lines (0.03 s at `annex --help`).
    from pipeline.normalise.dates import cache_clear

    cache_clear()
    return int(ExitCode.OK)


# Allocations between the collector's youngest-generation runs (CPython's default: 700). Each cell
# leaves a few small objects in the readers' caches, none in a reference cycle, so at the default
# the collector runs every few hundred cells and, as the caches fill, keeps re-scanning them.
_GC_YOUNGEST_THRESHOLD = 50_000


@contextlib.contextmanager
def _garbage_collected_less_often() -> Iterator[None]:
    """While cells are read: what is already loaded is set aside from every collection
    (`gc.freeze`), and the collector runs less often; cycles are still collected. The collector's
    settings are restored after (the command also runs inside tests' processes). Measured on the
    59,271 distinct cells of bench_dates.py, in process with dateparser loaded: 9.0 -> 7.4 us a cell."""
    thresholds = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    gc.set_threshold(_GC_YOUNGEST_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if not frozen_before:  # not undoing a freeze the process made itself
            gc.unfreeze()


def write_json_lines(lines: TextIO, out: TextIO, financial_year: FinancialYear) -> None:
    """One output line per input line, in order; the cell is the line without its line ending.

    Speed (benchmarks/bench_dates.py): input is read in large pieces as it arrives, not a line at
    a time; each line is formatted by `json_line` (the C string escaper and a fixed layout, not
    `json.dumps` building a dict); output is written once per piece (one write per line costs a
    system call each when Python runs unbuffered). A piece is answered as soon as it is read, so
    a program feeding lines one by one still gets each answer back at once.
    """

    first_year = financial_year.first_year
    pending = ""
    for piece in _pieces(lines):
        text = pending + piece
        rows = text.split("\n")
        pending = rows.pop()  # the line not yet ended
        if rows:
            if "\r" in text:
                rows = [row.rstrip("\r") for row in rows]
            read = read_cell if "\ufffd" in text else normalise_cell  # the flag only where bytes were replaced
            out.write("".join([json_line(read(row, first_year)) for row in rows]))
            out.flush()
    if pending:
        out.write(json_line(read_cell(pending.rstrip("\r"), first_year)))
    out.flush()


NOT_UTF8 = "not_utf8"  # the flag of a line whose bytes were not UTF-8 (each bad byte shown as U+FFFD)


def read_cell(cell: str, first_year: int) -> DateRange:
    """The cell read; a line that held bytes that are not UTF-8 (replaced by U+FFFD when read)
    is flagged, whatever was read from the rest of it."""
    result = normalise_cell(cell, first_year)
    return replace(result, flag=result.flag or NOT_UTF8) if "\ufffd" in cell else result


_PIECE = 1 << 16


def _pieces(lines: TextIO) -> Iterator[str]:
    """The text of `lines` in pieces of whatever has arrived (up to 64 KiB of bytes at once)."""
    buffer = getattr(lines, "buffer", None)
    read1 = getattr(buffer, "read1", None)
    if read1 is None:  # not a binary-backed stream (a StringIO in tests): in pieces of text
        while piece := lines.read(_PIECE):
            yield piece
        return
    # bytes that are not of the encoding become U+FFFD, and their line is flagged (read_cell):
    # never a traceback, never a lone surrogate that would make the output invalid JSON
    decoder = codecs.getincrementaldecoder(lines.encoding or "utf-8")("replace")
    while data := read1(_PIECE):
        yield decoder.decode(data)
    yield decoder.decode(b"", final=True)


# What follows the text on a read cell's line, by (start, end, precision, status): cells share far
# fewer of these than they have texts, and formatting two dates costs more than a lookup.
_READ_TAILS: dict[tuple, str] = {}
_READ_TAILS_MAX = 65536  # past it the tails are dropped and rebuilt


def json_line(result: DateRange) -> str:
    """`json.dumps(result.to_json(), ensure_ascii=False) + "\\n"`, byte for byte (a test holds
    them equal), without building the dict: only the text needs escaping, the other values are
    ISO dates and enum values (`_value_`: the stored value, without the `value` property)."""
    start, end, flag = result.start, result.end, result.flag
    if start is not None and end is not None and flag is None:  # a date read: the text, then a known tail
        key = (start, end, result.precision, result.status)
        tail = _READ_TAILS.get(key)
        if tail is None:
            if len(_READ_TAILS) >= _READ_TAILS_MAX:
                _READ_TAILS.clear()
            tail = _READ_TAILS[key] = (
                f', "start": "{start.isoformat()}", "end": "{end.isoformat()}", '
                f'"precision": "{result.precision._value_}", "status": "{result.status._value_}"}}\n'
            )
        return f'{{"text": {_escape(result.text)}{tail}'
    start_json = "null" if start is None else f'"{start.isoformat()}"'
    end_json = "null" if end is None else f'"{end.isoformat()}"'
    flag_json = "" if flag is None else f', "flag": {_escape(flag)}'
    return (
        f'{{"text": {_escape(result.text)}, "start": {start_json}, "end": {end_json}, '
        f'"precision": "{result.precision._value_}", "status": "{result.status._value_}"{flag_json}}}\n'
    )

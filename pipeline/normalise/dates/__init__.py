"""Date cells of annexes -> inclusive [start, end] ranges with a precision and a status.

Annexes write "14/15 May - completed", "Feb / March", "12 September (CONFIRMED)", "Q3",
"2015/16", "Deferred to Q4"... and seldom the year: a document covers one financial year (April
to March), so a year-less month is placed in it. The rules, with examples, are in docs/dates.md;
`tests/normalise/test_dates_rules.py` holds them, table by table.

Why a hand-written grammar: dateparser returns a single datetime, so it cannot express a range
("14/15 May" even comes back as 14 May 2015, "15" read as the year) or a status flag, and it
fills a missing year from today's date unless told otherwise. So the cell is cut into tokens
(`tokens`: one compiled regex; the commonest shapes straight into parts by a faster anchored
one) and one grammar reads them (`grammar`, with `fiscal` placing year-less parts); every piece of a cell
must be a date part, a status flag (`statuses`) or a known filler, or the cell is unknown.
dateparser (`fallback`) is tried only on a cell whose every piece is known. A spreadsheet's
stored date is weighed against its printed text in `spreadsheet`.

Package layout: model (DateRange, Precision, Status, flags), lexicon, statuses, slips (a month
name with one slip), tokens, parts, fiscal, grammar, fallback, cell (one cell, cached),
spreadsheet; this module is the public API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from pipeline.core.fiscal import FinancialYear
from pipeline.normalise.dates.cell import cache_clear as _cell_cache_clear
from pipeline.normalise.dates.cell import normalise_cell, parse_quarter_header, states_no_date
from pipeline.normalise.dates.grammar import read_items, read_tokens
from pipeline.normalise.dates.fallback import DATEPARSER_LANGUAGES, dateparser_settings
from pipeline.normalise.dates.model import (
    IMPOSSIBLE,
    MONTH_CORRECTED,
    VALUE_MISMATCH,
    VALUE_OUTSIDE_FINANCIAL_YEAR,
    WEEKDAY_MISMATCH,
    YEAR_OUT_OF_RANGE,
    DateRange,
    Precision,
    Status,
)
from pipeline.normalise.dates.spreadsheet import _stored_date, _with_stored_date
from pipeline.normalise.dates.statuses import _context_status, find_status

__all__ = [
    "DATEPARSER_LANGUAGES", "IMPOSSIBLE", "MONTH_CORRECTED", "VALUE_MISMATCH", "VALUE_OUTSIDE_FINANCIAL_YEAR",
    "WEEKDAY_MISMATCH", "YEAR_OUT_OF_RANGE", "DateRange", "Precision", "Status", "cache_clear", "dateparser_settings",
    "find_status", "normalise_date", "parse_quarter_header", "states_no_date",
]

def cache_clear() -> None:
    """Forget every cached answer (benchmarks and tests time or check a cold cache)."""
    _cell_cache_clear()
    read_tokens.cache_clear()
    read_items.cache_clear()


def normalise_date(text: str | None, financial_year: FinancialYear, *, context: str = "",
                   value: str | dt.date | None = None) -> DateRange:
    """Read a date cell in the document's financial year; never raises on any text.

    `context` is other text of the same row whose annotated flag applies when the cell has none.
    `value` is the date a spreadsheet stored behind the printed `text` (an ISO date or a date),
    used as docs/dates.md says; a value that is no date is ignored.
    """
    if value is None and not context and type(text) is str:  # the common call: a cell's text alone
        return normalise_cell(text, financial_year.first_year)
    cell = "" if text is None else text if isinstance(text, str) else str(text)
    stored = None if value is None else _stored_date(value)
    if stored is None:
        result = normalise_cell(cell, financial_year.first_year)
    else:
        result = _with_stored_date(cell, stored, financial_year.first_year)
    if context and result.status is Status.PLANNED and find_status(cell) is None:
        borrowed = _context_status(context)
        if borrowed is not None:
            return replace(result, status=borrowed)
    return result

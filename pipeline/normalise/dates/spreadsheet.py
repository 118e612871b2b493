"""A spreadsheet's date cell: its printed text and the date it stores behind it (docs/dates.md,
"Spreadsheet values")."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from pipeline.core.fiscal import FinancialYear, last_day_of_month
from pipeline.normalise.dates.cell import normalise_cell
from pipeline.normalise.dates.lexicon import _WRITTEN_YEARS
from pipeline.normalise.dates.model import (
    VALUE_MISMATCH,
    VALUE_OUTSIDE_FINANCIAL_YEAR,
    YEAR_OUT_OF_RANGE,
    DateRange,
    Precision,
)


def _stored_date(value: str | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _with_stored_date(text: str, stored: dt.date, first_year: int) -> DateRange:
    """A cell whose printed text stands for a stored date (docs/dates.md, "Spreadsheet values")."""
    if stored.year not in _WRITTEN_YEARS:
        status = normalise_cell(text, first_year).status
        return DateRange(text, None, None, Precision.UNKNOWN, status, flag=YEAR_OUT_OF_RANGE)
    own_year = stored.year if stored.month >= 4 else stored.year - 1  # the financial year it falls in
    read = normalise_cell(text, own_year)
    if read.start is not None and read.end is not None and read.start <= stored <= read.end:
        if own_year == first_year:
            return read
        in_year = normalise_cell(text, first_year)
        financial_year = FinancialYear(first_year)
        if (_moved_by_years(read, in_year, first_year - own_year)
                and financial_year.start <= in_year.start and in_year.end <= financial_year.end):
            # the text shows no year and Excel filled in the year of typing, outside the document's
            # financial year: the financial year's is taken, and said
            return replace(in_year, flag=VALUE_OUTSIDE_FINANCIAL_YEAR)
        return read  # a year shown in the text (or none in the financial year): the stored date, exact
    plain = normalise_cell(text, first_year)
    return replace(plain, flag=plain.flag or VALUE_MISMATCH)


def _moved_by_years(read: DateRange, other: DateRange, years: int) -> bool:
    """True when `other` (the same text read `years` financial years later) is `read` moved by
    exactly that many years: the text shows no year, the financial year supplies it. A text that
    shows one reads the same in any year ("12 March 2017"), or otherwise ("Mar-17", read as
    17 March outside 2016/17). A month's end moves to the month's end ("Feb": 29 February 2016,
    28 February 2017)."""
    if read.start is None or read.end is None or other.start is None or other.end is None:
        return False
    if (other.precision, other.quarter) != (read.precision, read.quarter):
        return False
    moved_start = (read.start.year + years, read.start.month, read.start.day)
    if (other.start.year, other.start.month, other.start.day) != moved_start:
        return False
    if (other.end.year, other.end.month) != (read.end.year + years, read.end.month):
        return False
    month_ends = (read.end == last_day_of_month(read.end.year, read.end.month)
                  and other.end == last_day_of_month(other.end.year, other.end.month))
    return other.end.day == read.end.day or month_ends

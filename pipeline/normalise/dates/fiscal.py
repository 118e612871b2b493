"""Fiscal placement: where a year-less part falls in the document's financial year (April to
March), and the year-forms that only the financial year makes readable."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from pipeline.core.fiscal import FinancialYear
from pipeline.normalise.dates.lexicon import _MONTH_NUMBER, _MONTH_TWO_DIGITS, _WEEK_BEFORE
from pipeline.normalise.dates.tokens import _Token

if TYPE_CHECKING:
    from pipeline.normalise.dates.parts import _Item


def _resolve_pairs(tokens: list[_Token], financial_year: FinancialYear) -> list[_Token] | None:
    """ "12/5" is 12 May (day first); "17/18" is the financial year 2017/18 when the document's
    year is 2017/18 (a year pair that is no day and month). A pair that is both ("11/12" in
    2011/12) or neither ("14/15" in 2015/16) is refused (None): no reading is safe."""
    resolved = []
    for token in tokens:
        if token.kind != "pair":
            resolved.append(token)
            continue
        first, second = token.value
        is_day_month = 1 <= first <= 31 and 1 <= second <= 12
        is_this_year = first == financial_year.first_year % 100 and second == (first + 1) % 100
        if is_day_month == is_this_year:
            return None
        if is_this_year:
            resolved.append(_Token("fy", financial_year))
        else:
            resolved.extend((_Token("day", first), _Token("month", second)))
    return resolved


def _quarter_frame(quarter: int, year: int) -> FinancialYear:
    """ "Q3 2016": the financial year whose quarter `quarter` falls in calendar `year`."""
    return FinancialYear(year - 1 if quarter == 4 else year)


_MAX_YEARLESS_OVERRUN = dt.timedelta(days=183)


def _plausible_overrun(start: dt.date, end: dt.date, financial_year: FinancialYear) -> bool:
    """A year-less range may run past the financial year's end only if it is short ("March -
    April"); "March / Feb" (a year long) is more likely a slip for "Feb / March" than a plan."""
    return end <= financial_year.end or end - start < _MAX_YEARLESS_OVERRUN


def _place_years(items: list[_Item], financial_year: FinancialYear) -> list[int]:
    """Years for each part: explicit ones kept; year-less parts placed next to their neighbours
    so the range runs forward (docs/dates.md). Only a change of month moves into the
    next year: "15/14 May" stays in one May and is refused as reversed."""
    years = [item.year for item in items]
    known = next((index for index, year in enumerate(years) if year is not None), None)
    if known is None:
        known = 0
        years[0] = financial_year.year_of_month(items[0].month)
    for index in range(known - 1, -1, -1):
        later = index + 1
        years[index] = years[later] - (1 if items[index].month > items[later].month else 0)
    for index in range(known + 1, len(items)):
        if years[index] is None:
            earlier = index - 1
            years[index] = years[earlier] + (1 if items[index].month < items[earlier].month else 0)
    return years


def _two_digit_years(lowered: str, first_year: int) -> str:
    """ "jan 17" -> "jan 2017" when 17 is the year January falls in within the financial year
    (2016/17), the way "Jan 17" and a spreadsheet's "Mar-17" abbreviate a month and year in UK
    documents; any other number after a month stays a day ("May 14", "Jan 16" in 2016/17)."""
    if _LETTER_THEN_TWO_DIGITS.search(lowered) is None:
        return lowered  # most cells: a cheap look rules the month-year out

    def year_written(match: re.Match) -> str:
        if _WEEK_BEFORE.search(lowered, 0, match.start()):
            return match.group()  # "w/c Jan 17": a week starts on a day
        month = _MONTH_NUMBER[match["month"][:3]]
        year = FinancialYear(first_year).year_of_month(month)
        if int(match["yy"]) != year % 100:
            return match.group()
        return f"{match['month']} {year}"

    return _MONTH_TWO_DIGITS.sub(year_written, lowered)


# What `_MONTH_TWO_DIGITS` needs at least, searched for far faster than its month alternation: a
# month name's three letters or more, then two digits that are no day ("14th") nor part of a year
# or time ("May 2015", "Jan 10:30"); "15th-16th" and "May 2015" are no longer looked at twice.
_LETTER_THEN_TWO_DIGITS = re.compile(r"[a-z]{3}\.?(?:-|\s+)\d\d(?![\d.:]|st|nd|rd|th)")
